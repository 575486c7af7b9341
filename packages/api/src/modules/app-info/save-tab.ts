/**
 * The one way a tab is saved: in one transaction with the save's new files, hold the app row,
 * lock the tab's row (creating it, version 0, on the first save), check `expectedVersion`, let
 * the tab's field mapper write its fields (and attach or release assets), then store the fields
 * with the next version. New files go again when the transaction does not commit; released
 * files are collected after it does (see media's commitWithFiles).
 */
import { Prisma } from '@ring/db';
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

export async function saveTab<Fields>(
  tab: Tab<Fields>,
  save: { appId: string; actorId: string; expectedVersion?: number | null; files?: CheckedFile[] },
  fields: FieldMapper<Fields>,
): Promise<void> {
  await commitWithFiles(save.appId, save.files ?? [], async (changes) => {
    const version = await lockTab(changes.tx, tab.table, save.appId, save.expectedVersion);
    const data = await fields(changes);
    await tab.update(changes.tx, save.appId, { ...data, version: version + 1, savedAt: new Date() });
    await recordAudit(changes.tx, { actorId: save.actorId, appId: save.appId, action: 'configure.tab-saved', detail: { tab: tab.name, version: version + 1 } });
  });
}
