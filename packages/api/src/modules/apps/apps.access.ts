/**
 * The one way a resolver reaches an app: by global id, among the viewer's own apps. Someone
 * else's app and an id that does not exist give the same NotFoundError, so no one learns
 * which ids exist.
 */
import { Prisma, prisma } from '@ring/db';
import type { Viewer } from '../../context.ts';
import { AppPublishedError, NotFoundError } from '../../errors.ts';
import { decodeId } from '../../ids.ts';

export const APP_NOT_FOUND = 'No app with this id among your apps.';

export function appIdFrom(globalId: string): string {
  return decodeId(globalId, 'App', APP_NOT_FOUND);
}

/** The filter every lookup of an app by id uses: that id, among the viewer's apps only. */
export function ownedAppWhere(viewer: Viewer, globalId: string) {
  return { id: appIdFrom(globalId), developerId: viewer.id };
}

/** `query` (a Prisma select or include, e.g. from a prismaField) loads what the caller needs with the app. */
export async function findOwnedApp(viewer: Viewer, globalId: string, query: { include?: Prisma.AppInclude; select?: Prisma.AppSelect } = {}) {
  const app = await prisma.app.findFirst({ ...query, where: ownedAppWhere(viewer, globalId) } as Prisma.AppFindFirstArgs);
  if (!app) throw new NotFoundError(APP_NOT_FOUND);
  return app;
}

/** An app by its database id with another module's selection on it (one statement), or null. */
export async function findAppSelecting<S extends Prisma.AppSelect>(
  appId: string,
  select: S,
  db: Pick<Prisma.TransactionClient, 'app'> = prisma,
): Promise<Prisma.AppGetPayload<{ select: S }> | null> {
  return (await db.app.findUnique({ where: { id: appId }, select })) as Prisma.AppGetPayload<{ select: S }> | null;
}

/** An app by its database id with a prismaField's `query` on it (one statement), or NotFoundError. */
export async function findAppWith(appId: string, query: { include?: Prisma.AppInclude; select?: Prisma.AppSelect }) {
  const app = await prisma.app.findUnique({ ...query, where: { id: appId } } as Prisma.AppFindUniqueArgs);
  if (!app) throw new NotFoundError(APP_NOT_FOUND);
  return app;
}

/**
 * lockAppForWrite as a SQL fragment, for a write done in one statement (a CTE): the app's id,
 * its row held FOR KEY SHARE until the statement's transaction ends; no row when it is gone
 * or, given `ownerId`, not that developer's (so the ownership check costs no statement of its own).
 */
export function appRowForWriteSql(appId: string, ownerId?: string): Prisma.Sql {
  const owned = ownerId === undefined ? Prisma.empty : Prisma.sql` AND "developerId" = ${ownerId}::uuid`;
  return Prisma.sql`SELECT id FROM "App" WHERE id = ${appId}::uuid${owned} FOR KEY SHARE`;
}

/** Whether the app (by database id) exists, and, given `ownerId`, is that developer's. */
export async function appExists(appId: string, ownerId?: string): Promise<boolean> {
  return (await prisma.app.count({ where: ownerId === undefined ? { id: appId } : { id: appId, developerId: ownerId } })) > 0;
}

/**
 * For a transaction that writes rows of an app: holds the app row (as a foreign key check
 * would) until commit, so a concurrent delete waits for this write or has already happened,
 * in which case the answer is NotFoundError rather than a foreign-key violation.
 */
export async function lockAppForWrite(tx: Prisma.TransactionClient, appId: string): Promise<void> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "App" WHERE id = ${appId}::uuid FOR KEY SHARE`;
  if (rows.length === 0) throw new NotFoundError(APP_NOT_FOUND);
}

/** After a guarded update or delete matched no row: gone (NotFoundError) or published. */
export async function publishedOrGone(tx: Prisma.TransactionClient, appId: string): Promise<Error> {
  const app = await tx.app.findUnique({ where: { id: appId }, select: { publishedAt: true } });
  return app ? new AppPublishedError() : new NotFoundError(APP_NOT_FOUND);
}

/** For portal staff acting on any developer's app: its id, name and owner, or NotFoundError. */
export async function findAnyApp(tx: Prisma.TransactionClient, appId: string) {
  const app = await tx.app.findUnique({ where: { id: appId }, select: { id: true, name: true, developerId: true } });
  if (!app) throw new NotFoundError(APP_NOT_FOUND);
  return app;
}

/**
 * For portal staff: apps of any developer whose name or client ID contains `text` (already
 * escaped for LIKE), newest first, at most 20. `query` is the selection the caller will read.
 */
export function searchAllApps(text: string, query: { select?: object; include?: object } = {}) {
  return prisma.app.findMany({
    ...(query as object),
    where: { OR: [{ name: { contains: text, mode: 'insensitive' } }, { credential: { clientId: { contains: text, mode: 'insensitive' } } }] },
    orderBy: { createdAt: 'desc' },
    take: 20,
  });
}

/** For portal staff (the caller checks the scope): any developer's app by global id, as `query` selects it, or NotFoundError. */
export async function findAnyAppByGlobalId(globalId: string, query: { select?: object; include?: object } = {}) {
  const app = await prisma.app.findUnique({ ...(query as object), where: { id: decodeId(globalId, 'App', 'No app with this id.') } });
  if (!app) throw new NotFoundError('No app with this id.');
  return app;
}

/** The app as the resolver's `query` (from queryFromInfo) selects it, read inside `tx`. */
export function readAppForResult(tx: Prisma.TransactionClient, appId: string, query: { select?: object; include?: object } = {}) {
  return tx.app.findUniqueOrThrow({ ...(query as object), where: { id: appId } });
}

/** Records when the developer confirmed a lifecycle step; the step's own module decides whether they may. */
export async function recordStepConfirmed(tx: Prisma.TransactionClient, appId: string, step: 'buildCompletedAt' | 'testCompletedAt', at: Date): Promise<void> {
  await tx.app.update({ where: { id: appId }, data: { [step]: at }, select: { id: true } });
}

/** A confirmed step no longer holds (Test after a linking URL changed): back to unconfirmed, if it was confirmed. */
export async function clearStepConfirmed(tx: Prisma.TransactionClient, appId: string, step: 'buildCompletedAt' | 'testCompletedAt'): Promise<void> {
  await tx.app.updateMany({ where: { id: appId, [step]: { not: null } }, data: { [step]: null } });
}

/** Certify's approval: the app has a certified version from `at` on (the first certification's instant stays). */
export async function markAppCertified(tx: Prisma.TransactionClient, appId: string, at: Date): Promise<void> {
  await tx.app.updateMany({ where: { id: appId, certifiedAt: null }, data: { certifiedAt: at } });
}

/** Publish: the app first reached users at `at` (kept from then on: rename and delete are refused). */
export async function markAppPublished(tx: Prisma.TransactionClient, appId: string, at: Date): Promise<void> {
  await tx.app.updateMany({ where: { id: appId, publishedAt: null }, data: { publishedAt: at } });
}
