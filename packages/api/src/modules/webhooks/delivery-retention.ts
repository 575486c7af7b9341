/**
 * Webhook deliveries are kept WEBHOOK_DELIVERY_RETENTION_DAYS (at least 7, config.ts refuses
 * less at start) and then deleted by a periodic sweep. The sweep is a plain DELETE by age in
 * small batches, each skipping rows another process is deleting at the same moment, so any
 * number of server processes may sweep at once: whichever deletes a row first, it is gone,
 * and a repeat deletes nothing.
 */
import { prisma } from '@ring/db';
import { live } from '../../config.ts';
import { describeError, log } from '../../observability/logger.ts';

const DAY_MS = 86_400_000;
const BATCH = 1_000;
/** Hourly: a delivery outlives its retention by at most an hour. */
export const DELIVERY_SWEEP_INTERVAL_MS = 3_600_000;

/** Deletes the deliveries older than the retention; returns how many went. */
export async function sweepWebhookDeliveries(retentionDays = live.webhookDeliveryRetentionDays(), now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  let removed = 0;
  for (;;) {
    // Batches keep each statement's locks and WAL small on a large table.
    const count = await prisma.$executeRaw`
      DELETE FROM "WebhookDelivery" WHERE "id" IN (
        SELECT "id" FROM "WebhookDelivery" WHERE "createdAt" < ${cutoff} LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
      )`;
    removed += count;
    if (count < BATCH) return removed;
  }
}

/** Sweeps now and then hourly; the timer does not keep the process alive. */
export function startWebhookDeliverySweeper(intervalMs = DELIVERY_SWEEP_INTERVAL_MS): () => void {
  const run = () =>
    sweepWebhookDeliveries().then(
      (removed) => {
        if (removed) log('info', 'webhook delivery sweep: removed deliveries past their retention', { removed });
      },
      (error: unknown) => log('warn', 'webhook delivery sweep failed', { cause: describeError(error) }),
    );
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
