/**
 * Which event types a partner's webhooks have answered as Ring needs, for the Test step
 * (LIFECYCLE.md: all ten on STAGING and at least one on PRODUCTION, each a 2xx within 5 s,
 * since the linking URLs last changed). The rule itself is @ring/domain's webhookCoverage;
 * this reads the deliveries that can count for it.
 */
import type { Prisma } from '@ring/db';
import {
  LINKING_ENVIRONMENTS,
  sinceFor,
  WEBHOOK_ANSWER_LIMIT_MS,
  webhookCoverage as coverageOf,
  type CoverageSince,
  type LinkingEnvironment,
  type WebhookCoverage,
} from '@ring/domain';

type Db = Pick<Prisma.TransactionClient, 'webhookDelivery'>;

/**
 * `since`: the moment the linking URLs last changed (one for both environments, or one per
 * environment), or null to count every delivery kept. `db` may be the caller's transaction.
 */
export async function webhookCoverage(db: Db, appId: string, since: CoverageSince): Promise<WebhookCoverage> {
  // Only the deliveries that can count, at most one per environment and event type: the
  // rule is re-applied to them in full (the SQL is a narrowing, not the rule).
  const environments = LINKING_ENVIRONMENTS.map((environment) => {
    const from = sinceFor(since, environment);
    return { environment, ...(from ? { createdAt: { gt: from } } : {}) };
  });
  const deliveries = await db.webhookDelivery.findMany({
    where: { appId, refused: false, statusCode: { gte: 200, lt: 300 }, durationMs: { lte: WEBHOOK_ANSWER_LIMIT_MS }, OR: environments },
    distinct: ['environment', 'eventType'],
    orderBy: [{ environment: 'asc' }, { eventType: 'asc' }, { createdAt: 'desc' }],
    select: { environment: true, eventType: true, statusCode: true, durationMs: true, createdAt: true },
  });
  return coverageOf(deliveries, since);
}

/**
 * The time coverage counts from, per environment, for the console's checklist: when that
 * environment's linking settings were last saved. A save that leaves the URLs as they were
 * resets it too (the conservative side); the Test step's own rule may use a finer time.
 */
export function linkingSavedAt(
  rows: ReadonlyArray<{ environment: LinkingEnvironment; savedAt: Date | null }>,
): Partial<Record<LinkingEnvironment, Date | null>> {
  return Object.fromEntries(rows.map((row) => [row.environment, row.savedAt]));
}
