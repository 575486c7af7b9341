/**
 * Sample events exactly as Ring's webhook bodies (see packages/webhooks/README.md for the
 * shape): JSON:API `meta` about the delivery and `data` the event, with made-up but
 * well-formed Ring ids so a partner's receiver exercises the parsing it will need for Ring.
 */
import { randomBytes, randomUUID } from 'node:crypto';

// The list and its descriptions are shared with the console (its event picker): @ring/domain.
export { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@ring/domain';
import type { WebhookEventType } from '@ring/domain';

export const RING_EVENT_VERSION = '1.1';
export const MOTION_SUBTYPES = ['human', 'vehicle', 'motion', 'other_motion'] as const;
export type MotionSubType = (typeof MOTION_SUBTYPES)[number];

// Integration and subscription events concern the account, not a device.
const ACCOUNT_EVENTS: ReadonlySet<WebhookEventType> = new Set([
  'APP_INTEGRATION_ADDED',
  'APP_INTEGRATION_REMOVED',
  'SUBSCRIPTION_ACTIVATED',
  'SUBSCRIPTION_DEACTIVATED',
]);

export interface SampleEvent {
  meta: { version: string; time: string; request_id: string; account_id: string };
  data: {
    id: string;
    type: string;
    subType?: MotionSubType;
    attributes: { source: string; source_type: 'devices' | 'accounts'; timestamp: number };
    relationships: { devices: { links: { self: string } } } | { accounts: { links: { self: string } } };
  };
}

/** ISO 8601 UTC with nine fractional digits, as Ring writes `meta.time`: the clock's milliseconds, then the sub-millisecond part. */
export function nanosecondTime(now: Date, subMillisecondNanos = Number(process.hrtime.bigint() % 1_000_000n)): string {
  return `${now.toISOString().slice(0, 23)}${String(subMillisecondNanos).padStart(6, '0')}Z`;
}

const ringId = () => randomBytes(8).toString('hex');

export function sampleEvent(eventType: WebhookEventType, now = new Date(), subType: MotionSubType = 'human'): SampleEvent {
  const type = eventType.toLowerCase();
  const timestamp = now.getTime();
  const accountId = `ava1.ring.account.${ringId()}`;
  const meta = { version: RING_EVENT_VERSION, time: nanosecondTime(now), request_id: randomUUID(), account_id: accountId };
  if (ACCOUNT_EVENTS.has(eventType)) {
    return {
      meta,
      data: {
        id: `${accountId}_${type}_${timestamp}`,
        type,
        attributes: { source: accountId, source_type: 'accounts', timestamp },
        relationships: { accounts: { links: { self: `/v1/accounts/${accountId}` } } },
      },
    };
  }
  const deviceId = `ava1.ring.device.${ringId()}`;
  const motion = eventType === 'MOTION_DETECTED';
  return {
    meta,
    data: {
      id: `${deviceId}_${motion ? subType : type}_${timestamp}`,
      type,
      ...(motion ? { subType } : {}),
      attributes: { source: deviceId, source_type: 'devices', timestamp },
      relationships: { devices: { links: { self: `/v1/devices/${deviceId}` } } },
    },
  };
}
