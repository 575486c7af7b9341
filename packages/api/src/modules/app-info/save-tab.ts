/**
 * The one way a tab is saved: in one transaction with the save's new files, hold the app row,
 * lock the tab's row (creating it, version 0, on the first save), check `expectedVersion`, let
 * the tab's field mapper write its fields (and attach or release assets), then store the fields
 * with the next version. A save is prepared (checked) first and written after, so that an app
 * definition can write several tabs in one transaction exactly as their own saves would. New files go again when the transaction does not commit; released
 * files are collected after it does (see media's commitWithFiles).
 */
import { Prisma } from '@ring/db';
import type { FieldIssue } from '@ring/domain';
import { ConflictError } from '../../errors.ts';
import { lockAppForWrite } from '../apps/apps.access.ts';
import { recordAudit } from '../audit/audit.service.ts';
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

/** Locks the tab's row for this transaction, creating it on the first save; answers its version once it matches `expectedVersion`. */
async function lockTab(tx: Tx, table: Prisma.Sql, appId: string, expectedVersion: number | null | undefined): Promise<number> {
  await lockAppForWrite(tx, appId);
  await tx.$executeRaw`INSERT INTO ${table} ("appId") VALUES (${appId}::uuid) ON CONFLICT DO NOTHING`;
  const rows = await tx.$queryRaw<Array<{ version: number }>>`SELECT "version" FROM ${table} WHERE "appId" = ${appId}::uuid FOR UPDATE`;
  const version = rows[0]!.version;
  if (expectedVersion != null && expectedVersion !== version) {
    throw new ConflictError(`This tab was saved elsewhere in the meantime (version ${version}, you expected ${expectedVersion}). Reload it, then save again.`);
  }
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
