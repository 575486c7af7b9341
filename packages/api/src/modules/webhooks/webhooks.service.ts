import { prisma } from '@ring/db';
import { DELIVERY_IN_FLIGHT, ENVIRONMENT_LABELS, safeExcerpt, storableText, type LinkingEnvironment } from '@ring/domain';
import { SIGNATURE_HEADER, sign } from '@ring/webhooks';
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '../../errors.ts';
import { describeError, log } from '../../observability/logger.ts';
import { APP_NOT_FOUND, lockAppForWrite } from '../apps/apps.access.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { deliver, deliveryHeaders, type DeliveryOutcome } from './delivery.ts';
import { live } from '../../config.ts';
import { hmacKeyForApp } from '../credentials/credentials.service.ts';
import { webhookUrlFor } from '../account-linking/account-linking.service.ts';
import { sampleEvent, type WebhookEventType } from './sample-events.ts';
import { notifyAppEvent } from '../live/notify.ts';

export { WEBHOOK_DELIVERIES_SHOWN as DELIVERIES_SHOWN } from '@ring/domain';
/**
 * Test events (and redeliveries) per app per minute: enough to send all ten event types to
 * both environments in one go (the Test step needs that), too few to use us to flood someone's URL.
 */
export const TEST_EVENTS_PER_MINUTE = 20;

/** Signs a sample event with the app's key, POSTs it to the environment's saved webhook URL and records the attempt. */
export async function sendTestWebhook(developerId: string, appId: string, environment: LinkingEnvironment, eventType: WebhookEventType) {
  const url = await webhookUrlFor(appId, environment);
  if (!url) {
    throw ValidationError.field(
      ['environment'],
      `Save a ${ENVIRONMENT_LABELS[environment].toLowerCase()} webhook URL before sending a test event.`,
      'NO_WEBHOOK_URL',
    );
  }
  const key = await hmacKeyForApp(appId);
  if (!key) throw new ConflictError('This app has no HMAC Signature Key yet, so there is nothing to sign test events with.');
  // These exact bytes are signed, sent and recorded: re-serialising in between would break the signature.
  const body = Buffer.from(JSON.stringify(sampleEvent(eventType)), 'utf8');
  return sendAndRecord({ developerId, appId, environment, eventType, url, body, key, redeliveryOfId: null });
}

/**
 * Sends a recorded delivery's body again, byte for byte (so `meta.request_id`, the idempotency
 * key, is the same: a partner that already handled it may answer 2xx without doing it twice),
 * to the environment's webhook URL as saved NOW and signed with the app's CURRENT HMAC key:
 * a partner that rotated its key or moved its receiver since verifies with the new one and
 * would reject the old signature, which is what redelivering after a fix is for.
 */
export async function redeliverWebhook(developerId: string, deliveryId: string) {
  const original = await prisma.webhookDelivery.findFirst({
    where: { id: deliveryId, app: { developerId } },
    select: { id: true, appId: true, environment: true, eventType: true, requestBody: true },
  });
  if (!original) throw new NotFoundError(DELIVERY_NOT_FOUND);
  if (original.requestBody === null) {
    throw new ConflictError('This delivery was recorded before request bodies were kept, so there is nothing to send again; send a new test event instead.');
  }
  const url = await webhookUrlFor(original.appId, original.environment);
  if (!url) {
    throw ValidationError.field(
      ['deliveryId'],
      `Save a ${ENVIRONMENT_LABELS[original.environment].toLowerCase()} webhook URL before redelivering this event.`,
      'NO_WEBHOOK_URL',
    );
  }
  const key = await hmacKeyForApp(original.appId);
  if (!key) throw new ConflictError('This app has no HMAC Signature Key yet, so there is nothing to sign the event with.');
  return sendAndRecord({
    developerId,
    appId: original.appId,
    environment: original.environment,
    eventType: original.eventType as WebhookEventType,
    url,
    body: Buffer.from(original.requestBody, 'utf8'),
    key,
    redeliveryOfId: original.id,
  });
}

export const DELIVERY_NOT_FOUND = 'No webhook delivery with this id among your apps.';

interface Sending {
  developerId: string;
  appId: string;
  environment: LinkingEnvironment;
  eventType: WebhookEventType;
  url: string;
  body: Buffer;
  key: string;
  redeliveryOfId: string | null;
}

/** Signs, reserves a row within the limits (audited with it), delivers and records the outcome. */
async function sendAndRecord({ developerId, appId, environment, eventType, url, body, key, redeliveryOfId }: Sending) {
  const headers = deliveryHeaders(body, { [SIGNATURE_HEADER]: sign(body, key) });
  const perDeveloper = live.webhookTestEventsPerDeveloperPerMinute();
  // The attempt is recorded before it is made, with the counts under a per-developer lock
  // (which covers each of their apps too): checking and recording only after the (up to
  // 5-second) delivery let concurrent requests all pass the check. Redeliveries are rows
  // too, so they count against the same limits.
  const reserved = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`webhook-test:${developerId}`}, 0))`;
    await lockAppForWrite(tx, appId);
    const since = new Date(Date.now() - 60_000);
    const recent = await tx.webhookDelivery.count({ where: { appId, createdAt: { gt: since } } });
    if (recent >= TEST_EVENTS_PER_MINUTE) {
      throw new RateLimitedError(`At most ${TEST_EVENTS_PER_MINUTE} test events a minute per app. Try again shortly.`, 60);
    }
    const recentForDeveloper = await tx.webhookDelivery.count({ where: { app: { developerId }, createdAt: { gt: since } } });
    if (recentForDeveloper >= perDeveloper) {
      throw new RateLimitedError(`At most ${perDeveloper} test events a minute across all your apps. Try again shortly.`, 60);
    }
    const row = await tx.webhookDelivery.create({
      data: {
        appId,
        environment,
        eventType,
        url,
        durationMs: 0,
        error: DELIVERY_IN_FLIGHT,
        // A list, not an object: PostgreSQL's jsonb reorders an object's keys, and the log shows the headers in the order sent.
        requestHeaders: Object.entries(headers).map(([name, value]) => ({ name, value })),
        requestBody: body.toString('utf8'),
        redeliveryOfId,
      },
    });
    await recordAudit(tx, {
      actorId: developerId,
      appId,
      action: redeliveryOfId ? 'webhook.redelivered' : 'webhook.test-sent',
      detail: { deliveryId: row.id, environment, eventType, url, ...(redeliveryOfId ? { redeliveryOf: redeliveryOfId } : {}) },
    });
    await notifyAppEvent(tx, { appId, kind: 'WEBHOOK_DELIVERY', id: row.id });
    return row;
  });

  // Whatever happens to the attempt, its row ends: a row left at "Sending…" would show as
  // in flight forever (and still count against the limits).
  let outcome: DeliveryOutcome = { statusCode: null, durationMs: 0, responseExcerpt: null, error: 'The delivery stopped before it finished.', refused: false };
  try {
    outcome = await deliver(url, body, headers);
  } finally {
    await recordOutcome(reserved.id, outcome);
    // Open pages show the attempt twice: "Sending…" above, then its outcome.
    await notifyAppEvent(prisma, { appId, kind: 'WEBHOOK_DELIVERY', id: reserved.id }).catch((error: unknown) =>
      log('warn', 'webhook delivery: announcing the outcome failed', { deliveryId: reserved.id, cause: describeError(error) }),
    );
  }
  const recorded = await prisma.webhookDelivery.findUnique({ where: { id: reserved.id } });
  // Gone only when the app was deleted during the delivery.
  if (!recorded) throw new NotFoundError(APP_NOT_FOUND);
  return recorded;
}

async function recordOutcome(id: string, outcome: DeliveryOutcome): Promise<void> {
  const data = {
    ...outcome,
    responseExcerpt: outcome.responseExcerpt === null ? null : safeExcerpt(outcome.responseExcerpt),
    error: outcome.error === null ? null : storableText(outcome.error),
  };
  try {
    await prisma.webhookDelivery.updateMany({ where: { id }, data });
  } catch (error) {
    log('error', 'webhook delivery: recording the outcome failed', { deliveryId: id, cause: describeError(error) });
    await prisma.webhookDelivery.updateMany({
      where: { id },
      data: {
        statusCode: outcome.statusCode,
        durationMs: outcome.durationMs,
        responseExcerpt: null,
        error: 'The outcome of this delivery could not be recorded.',
      },
    });
  }
}
