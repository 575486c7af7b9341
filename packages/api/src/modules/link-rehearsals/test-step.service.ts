/**
 * The Test step: what it still needs (one sentence per missing item) and `completeTest`, which
 * refuses with all of them. Test is unlocked only once Configure and Build are complete.
 */
import { prisma, type Prisma } from '@ring/db';
import { lifecycle, missingLinkRehearsals, type LinkingEnvironment, type RehearsedUrls } from '@ring/domain';
import { lockAppForWrite } from '../apps/apps.access.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { lifecycleFacts, LIFECYCLE_SELECT, type LifecycleRows } from '../lifecycle/lifecycle.service.ts';

export class TestIncompleteError extends Error {
  readonly missing: string[];
  constructor(missing: string[]) {
    super(`Test is not complete yet: ${missing.join(' ')}`);
    this.name = 'TestIncompleteError';
    this.missing = missing;
  }
}

type Db = Pick<Prisma.TransactionClient, 'app' | 'accountLinking' | 'linkRehearsal'>;

/**
 * Every Test requirement not yet met, each as a sentence. The one place they are gathered:
 * the webhook coverage (each of the ten event types answered 2xx within 5 s) joins here.
 */
export async function missingTestRequirements(db: Db, appId: string): Promise<string[]> {
  const app = (await db.app.findUniqueOrThrow({ where: { id: appId }, select: LIFECYCLE_SELECT })) as unknown as LifecycleRows;
  const steps = lifecycle(lifecycleFacts(app));
  const missing: string[] = [];
  if (steps[2]!.status === 'LOCKED') missing.push('Configure and Build complete (Test opens after them).');

  const linking = await db.accountLinking.findMany({ where: { appId } });
  const savedUrls = Object.fromEntries(
    (['STAGING', 'PRODUCTION'] as const).map((environment) => {
      const row = linking.find((entry) => entry.environment === environment);
      const urls: RehearsedUrls = {
        authorizationUrl: row?.authorizationUrl?.trim() ?? null,
        appHomepageUrl: row?.appHomepageUrl?.trim() ?? null,
        tokenExchangeUrl: row?.tokenExchangeUrl?.trim() ?? null,
        webhookUrl: row?.webhookUrl?.trim() ?? null,
      };
      return [environment, urls];
    }),
  ) as Record<LinkingEnvironment, RehearsedUrls>;
  const completed = await db.linkRehearsal.findMany({
    where: { appId, status: 'COMPLETED' },
    select: { environment: true, status: true, authorizationUrl: true, appHomepageUrl: true, tokenExchangeUrl: true, webhookUrl: true },
  });
  missing.push(...missingLinkRehearsals(completed, savedUrls));
  return missing;
}

export async function completeTest(actorId: string, appId: string, appQuery: { select?: object; include?: object } = {}) {
  return prisma.$transaction(async (tx) => {
    await lockAppForWrite(tx, appId);
    const missing = await missingTestRequirements(tx, appId);
    if (missing.length > 0) throw new TestIncompleteError(missing);
    await tx.app.update({ where: { id: appId }, data: { testCompletedAt: new Date() } });
    await recordAudit(tx, { actorId, appId, action: 'test.completed', detail: {} });
    return tx.app.findUniqueOrThrow({ ...(appQuery as object), where: { id: appId } });
  });
}
