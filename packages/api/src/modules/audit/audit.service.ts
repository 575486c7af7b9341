/**
 * The audit trail: who did what, for support and security review, and each app's Activity
 * page. This module owns the AuditEvent table; other modules record events through these
 * functions, inside their own transaction so that an action and its record commit together.
 * Which actions exist, their kind and how they read is packages/domain/src/activity.ts.
 */
import { Prisma } from '@ring/db';
import { activityKindOf, type AuditAction } from '@ring/domain';

export type { AuditAction };

export interface AuditRecord {
  /** null: done by an operator's command, not by a signed-in account. */
  actorId: string | null;
  appId?: string;
  action: AuditAction;
  detail: Prisma.InputJsonObject;
}

type Db = Pick<Prisma.TransactionClient, 'auditEvent'>;

/** Records the events (one statement) in `db`, usually the caller's transaction. */
export async function recordAudit(db: Db, ...events: AuditRecord[]): Promise<void> {
  const rows = events.map((event) => ({ ...event, kind: activityKindOf(event.action) }));
  if (rows.length === 1) await db.auditEvent.create({ data: rows[0]! });
  else await db.auditEvent.createMany({ data: rows });
}

/**
 * When `actorId` did `action` after `since`, oldest first, at most `limit` of them. The trail
 * outlives deleted apps, so counting here is not reset by deleting what was created.
 */
export async function actionTimesSince(db: Db, actorId: string, action: AuditAction, since: Date, limit: number): Promise<Date[]> {
  const events = await db.auditEvent.findMany({
    where: { actorId, action, createdAt: { gt: since } },
    select: { createdAt: true },
    orderBy: { createdAt: 'asc' },
    take: limit,
  });
  return events.map((event) => event.createdAt);
}

/**
 * The audit row of `event` as a SQL fragment, for a write done in one statement: inserts one
 * row per row of `from` (a CTE of the caller's statement), with `detail` a jsonb expression
 * that may read that row. Same columns and values as recordAudit.
 */
export function auditInsertSql(event: { actorId: string; appId: string; action: AuditAction }, detail: Prisma.Sql, from: Prisma.Sql, at: Date): Prisma.Sql {
  return Prisma.sql`INSERT INTO "AuditEvent" ("id", "actorId", "appId", "action", "kind", "detail", "createdAt")
    SELECT gen_random_uuid(), ${event.actorId}::uuid, ${event.appId}::uuid, ${event.action}, ${activityKindOf(event.action)}, ${detail}, ${at}::timestamp(3)
    FROM ${from}`;
}
