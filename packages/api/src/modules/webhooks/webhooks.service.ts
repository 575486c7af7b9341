import { prisma } from '@ring/db';
import { ENVIRONMENT_LABELS, type LinkingEnvironment } from '@ring/domain';
import { signWebhook } from '@ring/webhooks';
import { ConflictError, RateLimitedError, ValidationError } from '../../errors.ts';
import { deliver } from './delivery.ts';
import { hmacKeyForApp } from '../credentials/credentials.service.ts';
import { sampleEvent, type WebhookEventType } from './sample-events.ts';

export { WEBHOOK_DELIVERIES_SHOWN as DELIVERIES_SHOWN } from '@ring/domain';
/** Test events per app per minute: enough to iterate on a receiver, too few to use us to flood someone's URL. */
export const TEST_EVENTS_PER_MINUTE = 10;

/** Signs a sample event with the app's key, POSTs it to the environment's saved webhook URL and records the attempt. */
export async function sendTestWebhook(appId: string, environment: LinkingEnvironment, eventType: WebhookEventType) {
  const settings = await prisma.accountLinking.findUnique({ where: { appId_environment: { appId, environment } }, select: { webhookUrl: true } });
  const url = settings?.webhookUrl?.trim();
  if (!url) {
    throw ValidationError.field(['environment'], `Save a ${ENVIRONMENT_LABELS[environment].toLowerCase()} webhook URL before sending a test event.`, 'NO_WEBHOOK_URL');
  }
  const key = await hmacKeyForApp(appId);
  if (!key) throw new ConflictError('This app has no HMAC Signature Key yet, so there is nothing to sign test events with.');

  // The attempt is recorded before it is made, with the count under a per-app lock: checking and
  // recording only after the (up to 5-second) delivery let concurrent requests all pass the check.
  const reserved = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`webhook-test:${appId}`}, 0))`;
    const recent = await tx.webhookDelivery.count({ where: { appId, createdAt: { gt: new Date(Date.now() - 60_000) } } });
    if (recent >= TEST_EVENTS_PER_MINUTE) {
      throw new RateLimitedError(`At most ${TEST_EVENTS_PER_MINUTE} test events a minute per app. Try again shortly.`, 60);
    }
    return tx.webhookDelivery.create({ data: { appId, environment, eventType, url, durationMs: 0, error: 'Sending…' } });
  });

  const body = JSON.stringify(sampleEvent(eventType));
  const headers = { ...signWebhook(body, key, new Date()), 'X-Ring-Event': eventType.toLowerCase() };
  let outcome;
  try {
    outcome = await deliver(url, body, headers);
  } catch (error) {
    await prisma.webhookDelivery.delete({ where: { id: reserved.id } });
    throw error;
  }
  return prisma.webhookDelivery.update({ where: { id: reserved.id }, data: outcome });
}
