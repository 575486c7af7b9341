/**
 * The Test step: what it still needs (one sentence per missing item) and `completeTest`, which
 * refuses with all of them. Test is unlocked only once Configure and Build are complete.
 */
import { prisma, type Prisma } from '@ring/db';
import { lifecycle, missingLinkRehearsals, type LinkingEnvironment, type LinkingShape, type RehearsedUrls } from '@ring/domain';
import { accountLinkingFromRows } from '../account-linking/account-linking.service.ts';
import { lockAppForWrite, readAppForResult, recordStepConfirmed } from '../apps/apps.access.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { lifecycleFacts, LIFECYCLE_SELECT, type LifecycleRows } from '../lifecycle/lifecycle.service.ts';
import { linkingSavedAt, webhookCoverage } from '../webhooks/webhook-coverage.service.ts';

export class TestIncompleteError extends Error {
  readonly missing: string[];
  constructor(missing: string[]) {
    super(`Test is not complete yet: ${missing.join(' ')}`);
    this.name = 'TestIncompleteError';
    this.missing = missing;
  }
}

/**
 * Every Test requirement not yet met, each as a sentence. The one place they are gathered:
 * the webhook coverage (each of the ten event types answered 2xx within 5 s) joins here.
 */
export async function missingTestRequirements(db: Prisma.TransactionClient, appId: string): Promise<string[]> {
  const app = (await readAppForResult(db, appId, { select: LIFECYCLE_SELECT })) as unknown as LifecycleRows;
  const steps = lifecycle(lifecycleFacts(app));
  const missing: string[] = [];
  if (steps[2]!.status === 'LOCKED') missing.push('Configure and Build complete (Test opens after them).');

  // The lifecycle selection already loaded the app's linking rows.
  const linking = accountLinkingFromRows(app.accountLinkings);
  const urlsOf = (settings: LinkingShape): RehearsedUrls => ({
    authorizationUrl: settings.authorizationUrl?.trim() ?? null,
    appHomepageUrl: settings.appHomepageUrl?.trim() ?? null,
    tokenExchangeUrl: settings.tokenExchangeUrl?.trim() ?? null,
    webhookUrl: settings.webhookUrl?.trim() ?? null,
  });
  const savedUrls: Record<LinkingEnvironment, RehearsedUrls> = { STAGING: urlsOf(linking.staging), PRODUCTION: urlsOf(linking.production) };
  const completed = await db.linkRehearsal.findMany({
    where: { appId, status: 'COMPLETED' },
    select: { environment: true, status: true, authorizationUrl: true, appHomepageUrl: true, tokenExchangeUrl: true, webhookUrl: true },
  });
  missing.push(...missingLinkRehearsals(completed, savedUrls));

  // Counted from each environment's last linking save, as the Test page's checklist shows it.
  const coverage = await webhookCoverage(db, appId, linkingSavedAt(app.accountLinkings));
  const undelivered = coverage.staging.filter((entry) => !entry.delivered).map((entry) => entry.eventType.toLowerCase());
  if (undelivered.length > 0) {
    missing.push(`Test events: the staging webhook has not yet answered ${undelivered.join(', ')} with a 2xx within 5 s.`);
  }
  if (!coverage.production.some((entry) => entry.delivered)) {
    missing.push('Test events: send at least one to the production webhook and get a 2xx within 5 s.');
  }
  return missing;
}

export async function completeTest(actorId: string, appId: string, appQuery: { select?: object; include?: object } = {}) {
  return prisma.$transaction(async (tx) => {
    await lockAppForWrite(tx, appId);
    const missing = await missingTestRequirements(tx, appId);
    if (missing.length > 0) throw new TestIncompleteError(missing);
    await recordStepConfirmed(tx, appId, 'testCompletedAt', new Date());
    await recordAudit(tx, { actorId, appId, action: 'test.completed', detail: {} });
    return readAppForResult(tx, appId, appQuery);
  });
}
