/**
 * The one way a tab is saved: in one transaction with the save's new files, hold the app row,
 * lock the tab's row (creating it, version 0, on the first save), check `expectedVersion`, let
 * the tab's field mapper write its fields (and attach or release assets), then store the fields
 * with the next version. A save is prepared (checked) first and written after, so that an app
 * definition can write several tabs in one transaction exactly as their own saves would. New files go again when the transaction does not commit; released
 * files are collected after it does (see media's commitWithFiles).
 */
import { Prisma, prisma } from '@ring/db';
import type { FieldIssue } from '@ring/domain';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { APP_NOT_FOUND, appExists, appRowForWriteSql, lockAppForWrite } from '../apps/apps.access.ts';
import { auditInsertSql, recordAudit } from '../audit/audit.service.ts';
import { commitWithFiles, type AssetChanges, type CheckedFile } from '../media/media.service.ts';

type Tx = Prisma.TransactionClient;

interface Versioned {
  version: number;
  savedAt: Date;
}

/** One tab's table: its name as a fixed SQL fragment (for the row lock) and its typed update. */
export interface Tab<Fields> {
  /** How the Activity page names it. */
  name: 'GENERAL' | 'MEDIA' | 'COMPATIBILITY' | 'ADDITIONAL';
  table: Prisma.Sql;
  update(tx: Tx, appId: string, data: Fields & Versioned): Promise<unknown>;
}

export const GENERAL_TAB: Tab<Prisma.GeneralInfoUncheckedUpdateInput> = {
  name: 'GENERAL',
  table: Prisma.sql`"GeneralInfo"`,
  update: (tx, appId, data) => tx.generalInfo.update({ where: { appId }, data }),
};

export const MEDIA_TAB: Tab<Prisma.MediaInfoUncheckedUpdateInput> = {
  name: 'MEDIA',
  table: Prisma.sql`"MediaInfo"`,
  update: (tx, appId, data) => tx.mediaInfo.update({ where: { appId }, data }),
};

export const COMPATIBILITY_TAB: Tab<Prisma.CompatibilityInfoUncheckedUpdateInput> = {
  name: 'COMPATIBILITY',
  table: Prisma.sql`"CompatibilityInfo"`,
  update: (tx, appId, data) => tx.compatibilityInfo.update({ where: { appId }, data }),
};

export const ADDITIONAL_TAB: Tab<Prisma.AdditionalInfoUncheckedUpdateInput> = {
  name: 'ADDITIONAL',
  table: Prisma.sql`"AdditionalInfo"`,
  update: (tx, appId, data) => tx.additionalInfo.update({ where: { appId }, data }),
};

const conflict = (version: number, expectedVersion: number) =>
  new ConflictError(`This tab was saved elsewhere in the meantime (version ${version}, you expected ${expectedVersion}). Reload it, then save again.`);

/** Locks the tab's row for this transaction, creating it on the first save; answers its version once it matches `expectedVersion`. */
async function lockTab(tx: Tx, table: Prisma.Sql, appId: string, expectedVersion: number | null | undefined): Promise<number> {
  await lockAppForWrite(tx, appId);
  await tx.$executeRaw`INSERT INTO ${table} ("appId") VALUES (${appId}::uuid) ON CONFLICT DO NOTHING`;
  const rows = await tx.$queryRaw<Array<{ version: number }>>`SELECT "version" FROM ${table} WHERE "appId" = ${appId}::uuid FOR UPDATE`;
  const version = rows[0]!.version;
  if (expectedVersion != null && expectedVersion !== version) throw conflict(version, expectedVersion);
  return version;
}

/** A tab's field mapper: the columns to write, given the save's asset changes. */
export type FieldMapper<Fields> = (changes: AssetChanges) => Promise<Fields> | Fields;

/** One tab's save, checked and ready to write (see the prepare functions of app-info.service.ts). */
export interface PreparedTab {
  tab: Tab<unknown>['name'];
  /** Every problem found; the save may only be written when there is none. */
  issues: FieldIssue[];
  warnings: FieldIssue[];
  /** The new files the write stores (pass them to commitWithFiles). */
  files: CheckedFile[];
  /** Writes the tab inside a commitWithFiles transaction holding `files`; answers the new version. */
  write(changes: AssetChanges): Promise<number>;
}

/** A save of `tab` over `expectedVersion`, mapping its fields with `fields`. */
export function prepareTab<Fields>(
  tab: Tab<Fields>,
  save: { appId: string; expectedVersion?: number | null; files?: CheckedFile[]; issues?: FieldIssue[]; warnings?: FieldIssue[] },
  fields: FieldMapper<Fields>,
): PreparedTab {
  return {
    tab: tab.name,
    issues: save.issues ?? [],
    warnings: save.warnings ?? [],
    files: save.files ?? [],
    write: async (changes) => {
      const version = await lockTab(changes.tx, tab.table, save.appId, save.expectedVersion);
      const data = await fields(changes);
      await tab.update(changes.tx, save.appId, { ...data, version: version + 1, savedAt: new Date() });
      return version + 1;
    },
  };
}

/** The tab's own save (one tab, one transaction, one audit event); the prepared save must have no issues. */
export async function saveTab(save: PreparedTab, appId: string, actorId: string): Promise<void> {
  await commitWithFiles(appId, save.files, async (changes) => {
    const version = await save.write(changes);
    await recordAudit(changes.tx, { actorId, appId, action: 'configure.tab-saved', detail: { tab: save.tab, version } });
  });
}

/** The fields of a tab without files: text columns and text-list columns, by column name. */
export type PlainFields = Record<string, string | string[] | null>;

const COLUMN = /^[A-Za-z]+$/;

/**
 * saveTab for a tab whose fields are plain values (no files, nothing to read first), in ONE
 * statement instead of a transaction of seven: the app row held (FOR KEY SHARE, as
 * lockAppForWrite), the tab row created on the first save or updated only while its version
 * is `expectedVersion` (the check in the upsert's WHERE, so a concurrent save in between is
 * seen), the next version and savedAt written, and the audit row inserted by the same
 * statement; the app must be `ownerId`'s. When nothing was written, a second look tells an app
 * that is gone or someone else's (NotFoundError) from a newer version (ConflictError, as saveTab).
 */
export async function saveTabFields(
  tab: Tab<unknown>,
  /** `ownerId`: the app must be this developer's (else NotFoundError, as findOwnedApp), checked by the same statement. */
  save: { appId: string; actorId: string; ownerId: string; expectedVersion?: number | null },
  fields: PlainFields,
): Promise<void> {
  const columns = Object.keys(fields);
  for (const column of columns) if (!COLUMN.test(column)) throw new Error(`not a column name: ${column}`);
  const name = (column: string) => Prisma.raw(`"${column}"`);
  const value = (column: string) => {
    const given = fields[column];
    return Array.isArray(given) ? Prisma.sql`${given}::text[]` : Prisma.sql`${given}::text`;
  };
  const savedAt = new Date();
  const expected = save.expectedVersion ?? null;
  const set = Prisma.join(
    [
      Prisma.sql`"version" = t."version" + 1`,
      Prisma.sql`"savedAt" = ${savedAt}::timestamp(3)`,
      ...columns.map((column) => Prisma.sql`${name(column)} = ${value(column)}`),
    ],
    ', ',
  );
  // The first save (or one that expects version 0) may create the row; one that expects a
  // later version can only update an existing row at that version.
  const write =
    expected === null || expected === 0
      ? Prisma.sql`INSERT INTO ${tab.table} AS t ("appId", "version", "savedAt"${Prisma.join([Prisma.empty, ...columns.map(name)], ', ')})
          SELECT app.id, 1, ${savedAt}::timestamp(3)${Prisma.join([Prisma.empty, ...columns.map(value)], ', ')} FROM app
          ON CONFLICT ("appId") DO UPDATE SET ${set}
          WHERE ${expected}::int IS NULL OR t."version" = ${expected}::int
          RETURNING t."version"`
      : Prisma.sql`UPDATE ${tab.table} AS t SET ${set} FROM app WHERE t."appId" = app.id AND t."version" = ${expected}::int RETURNING t."version"`;
  const audit = auditInsertSql(
    { actorId: save.actorId, appId: save.appId, action: 'configure.tab-saved' },
    Prisma.sql`jsonb_build_object('tab', ${tab.name}::text, 'version', saved."version")`,
    Prisma.sql`saved`,
    savedAt,
  );
  const rows = await prisma.$queryRaw<Array<{ version: number | null }>>`
    WITH app AS (${appRowForWriteSql(save.appId, save.ownerId)}),
    saved AS (${write}),
    audit AS (${audit})
    SELECT (SELECT "version" FROM saved) AS "version"`;
  if (rows[0]?.version != null) return;
  if (!(await appExists(save.appId, save.ownerId))) throw new NotFoundError(APP_NOT_FOUND);
  const [current] = await prisma.$queryRaw<Array<{ version: number }>>`SELECT "version" FROM ${tab.table} WHERE "appId" = ${save.appId}::uuid`;
  throw conflict(current?.version ?? 0, expected!);
}
