/**
 * Account linking settings, one row per (app, environment). A missing row means nothing saved
 * yet (version 0). Saves are atomic compare-and-set on `version`, so two saves made from the
 * same version cannot both win.
 */
import { prisma, type Prisma } from '@ring/db';
import { LINKING_ENVIRONMENTS, LINKING_FIELDS, missingLinking, type LinkingEnvironment, type LinkingShape } from '@ring/domain';
import { ConflictError } from '../../errors.ts';
import { lockAppForWrite, readAppForResult } from '../apps/apps.access.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { linkingUrlsChanged } from '../link-rehearsals/test-step.reset.ts';

export interface LinkingRow extends LinkingShape {
  environment: LinkingEnvironment;
  version: number;
  savedAt: Date | null;
}

export interface LinkingSettings extends LinkingRow {
  complete: boolean;
  missing: string[];
}

export interface AccountLinkingView {
  staging: LinkingSettings;
  production: LinkingSettings;
  status: 'PENDING' | 'COMPLETE';
}

function settingsFor(environment: LinkingEnvironment, row: Partial<LinkingRow> | undefined): LinkingSettings {
  const missing = missingLinking(row);
  return {
    environment,
    version: row?.version ?? 0,
    savedAt: row?.savedAt ?? null,
    authorizationUrl: row?.authorizationUrl ?? null,
    appHomepageUrl: row?.appHomepageUrl ?? null,
    tokenExchangeUrl: row?.tokenExchangeUrl ?? null,
    webhookUrl: row?.webhookUrl ?? null,
    complete: missing.length === 0,
    missing,
  };
}

/**
 * Account linking completeness from an app's AccountLinking rows (any subset, any order):
 * COMPLETE when both environments have all four URLs. For the overview and the lifecycle.
 */
export function accountLinkingFromRows(rows: ReadonlyArray<Partial<LinkingRow> & { environment: LinkingEnvironment }>): AccountLinkingView {
  const byEnvironment = new Map(rows.map((row) => [row.environment, row]));
  const staging = settingsFor('STAGING', byEnvironment.get('STAGING'));
  const production = settingsFor('PRODUCTION', byEnvironment.get('PRODUCTION'));
  return { staging, production, status: staging.complete && production.complete ? 'COMPLETE' : 'PENDING' };
}

export function isAccountLinkingComplete(rows: Parameters<typeof accountLinkingFromRows>[0]): boolean {
  return accountLinkingFromRows(rows).status === 'COMPLETE';
}

/** What account linking tells the lifecycle: a selection on App (for Pothos `select`) and pure functions of what it loads. */
export const ACCOUNT_LINKING_FACTS_SELECT = { accountLinkings: true } as const;

export interface AccountLinkingFacts {
  accountLinkings: ReadonlyArray<Partial<LinkingRow> & { environment: LinkingEnvironment; savedAt: Date | null }>;
}

export function accountLinkingComplete(facts: AccountLinkingFacts): boolean {
  return isAccountLinkingComplete(facts.accountLinkings);
}

/** Some environment saved at least once. */
export function accountLinkingStarted(facts: AccountLinkingFacts): boolean {
  return facts.accountLinkings.some((row) => row.savedAt != null);
}

export interface SaveLinkingInput {
  environment: LinkingEnvironment;
  expectedVersion?: number | null;
  authorizationUrl: string;
  appHomepageUrl: string;
  tokenExchangeUrl: string;
  webhookUrl: string;
}

const STALE = 'These settings were changed since you loaded them (another tab or person saved first). Reload to see the current values, then save again.';

/** Saves and returns the settings, with the app read in the same transaction with `appQuery` (from queryFromInfo). */
export async function saveAccountLinking(actorId: string, appId: string, input: SaveLinkingInput, appQuery: { select?: object; include?: object } = {}) {
  // One transaction holding the app row: a delete racing this save either waits for it or has
  // already happened, and then the answer is NotFoundError, not a foreign-key violation.
  return prisma.$transaction(async (tx) => {
    await lockAppForWrite(tx, appId);
    const settings = await writeAccountLinking(tx, appId, input);
    await recordAudit(tx, {
      actorId,
      appId,
      action: 'configure.linking-saved',
      detail: { environment: input.environment, version: settings.version },
    });
    const app = await readAppForResult(tx, appId, appQuery);
    return { settings, app };
  });
}

/**
 * Writes one environment's settings inside the caller's transaction, which holds the app row
 * (lockAppForWrite): the compare-and-set on `version`, and the Test step's reset when a URL
 * changed. The input must have passed accountLinkingInputSchema. An app definition writes its
 * environments with this too, in its own transaction.
 */
export async function writeAccountLinking(tx: Prisma.TransactionClient, appId: string, input: SaveLinkingInput): Promise<LinkingSettings> {
  const before = await tx.accountLinking.findUnique({ where: { appId_environment: { appId, environment: input.environment } } });
  const settings = await saveSettings(tx, appId, input);
  if (LINKING_FIELDS.some((field) => (before?.[field] ?? null) !== settings[field])) await linkingUrlsChanged(tx, appId);
  return settings;
}

async function saveSettings(tx: Prisma.TransactionClient, appId: string, input: SaveLinkingInput): Promise<LinkingSettings> {
  const { environment, expectedVersion } = input;
  const urls = {
    authorizationUrl: input.authorizationUrl.trim(),
    appHomepageUrl: input.appHomepageUrl.trim(),
    tokenExchangeUrl: input.tokenExchangeUrl.trim(),
    webhookUrl: input.webhookUrl.trim(),
  };
  const savedAt = new Date();
  if (expectedVersion === undefined || expectedVersion === null) {
    // No expectation: last write wins (native ON CONFLICT upsert, no race on the insert).
    const row = await tx.accountLinking.upsert({
      where: { appId_environment: { appId, environment } },
      create: { appId, environment, ...urls, savedAt, version: 1 },
      update: { ...urls, savedAt, version: { increment: 1 } },
    });
    return settingsFor(environment, row);
  }

  // Returning the row from the same statement: a later save cannot slip in between.
  const [updated] = await tx.accountLinking.updateManyAndReturn({
    where: { appId, environment, version: expectedVersion },
    data: { ...urls, savedAt, version: { increment: 1 } },
  });
  if (updated) return settingsFor(environment, updated);
  if (expectedVersion !== 0) throw new ConflictError(STALE);
  // Version 0 is "never saved": insert if still absent; a concurrent first save makes this a no-op.
  const [inserted] = await tx.accountLinking.createManyAndReturn({
    data: [{ appId, environment, ...urls, savedAt, version: 1 }],
    skipDuplicates: true,
  });
  if (!inserted) throw new ConflictError(STALE);
  return settingsFor(environment, inserted);
}

/** The environment's saved webhook URL (trimmed), or null when none is saved: what webhook test events are sent to. */
export async function webhookUrlFor(appId: string, environment: LinkingEnvironment): Promise<string | null> {
  const settings = await prisma.accountLinking.findUnique({ where: { appId_environment: { appId, environment } }, select: { webhookUrl: true } });
  return settings?.webhookUrl?.trim() || null;
}

export async function accountLinkingForApp(appId: string): Promise<AccountLinkingView> {
  return accountLinkingFromRows(await prisma.accountLinking.findMany({ where: { appId } }));
}

export { LINKING_ENVIRONMENTS };

/** Both environments' four URLs as saved (null where none), read in `db` (a version freezes them). */
export async function linkingUrls(db: Pick<Prisma.TransactionClient, 'accountLinking'>, appId: string): Promise<Record<LinkingEnvironment, LinkingShape>> {
  const view = accountLinkingFromRows(await db.accountLinking.findMany({ where: { appId } }));
  const urls = ({ authorizationUrl, appHomepageUrl, tokenExchangeUrl, webhookUrl }: LinkingSettings) => ({
    authorizationUrl,
    appHomepageUrl,
    tokenExchangeUrl,
    webhookUrl,
  });
  return { STAGING: urls(view.staging), PRODUCTION: urls(view.production) };
}
