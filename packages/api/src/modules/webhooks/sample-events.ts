/**
 * Sample events shaped as Ring's JSON:API webhook body: `meta` about the delivery and `data`
 * the resource, with made-up but well-formed ids so a receiver can exercise its parsing.
 */
import { randomUUID } from 'node:crypto';

export const WEBHOOK_EVENT_TYPES = [
  'MOTION_DETECTED',
  'BUTTON_PRESS',
  'DEVICE_ADDED',
  'DEVICE_REMOVED',
  'DEVICE_ONLINE',
  'DEVICE_OFFLINE',
  'APP_INTEGRATION_ADDED',
  'APP_INTEGRATION_REMOVED',
  'SUBSCRIPTION_ACTIVATED',
  'SUBSCRIPTION_DEACTIVATED',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  MOTION_DETECTED: 'A device detected motion.',
  BUTTON_PRESS: 'Someone pressed a doorbell button.',
  DEVICE_ADDED: 'A device was shared with your integration.',
  DEVICE_REMOVED: 'A device was removed from your integration.',
  DEVICE_ONLINE: 'A device came online.',
  DEVICE_OFFLINE: 'A device went offline.',
  APP_INTEGRATION_ADDED: 'A Ring user linked their account to your app.',
  APP_INTEGRATION_REMOVED: 'A Ring user unlinked their account from your app.',
  SUBSCRIPTION_ACTIVATED: 'A Ring subscription was activated on the account.',
  SUBSCRIPTION_DEACTIVATED: 'A Ring subscription was deactivated on the account.',
};

export interface SampleEvent {
  meta: { version: string; time: string; request_id: string; account_id: string };
  data: {
    id: string;
    type: string;
    attributes: Record<string, unknown>;
    relationships: Record<string, { data: { type: string; id: string } }>;
  };
}

export function sampleEvent(eventType: WebhookEventType, now = new Date()): SampleEvent {
  const type = eventType.toLowerCase();
  const time = now.toISOString();
  const accountId = `test-account-${randomUUID().slice(0, 8)}`;
  const device = { data: { type: 'devices', id: `test-device-${randomUUID().slice(0, 8)}` } };
  const account = { data: { type: 'accounts', id: accountId } };
  const attributes: Record<string, unknown> = { test: true, occurred_at: time };
  const relationships: SampleEvent['data']['relationships'] = { account };
  if (type.startsWith('motion') || type.startsWith('button') || type.startsWith('device')) relationships.device = device;
  if (type === 'motion_detected') attributes.motion = { zone: 'front-yard', confidence: 0.93 };
  if (type === 'button_press') attributes.button = { kind: 'doorbell' };
  if (type === 'device_added' || type === 'device_removed') attributes.device_kind = 'doorbell_camera';
  if (type === 'device_online' || type === 'device_offline') attributes.status = type === 'device_online' ? 'online' : 'offline';
  if (type.startsWith('subscription')) attributes.plan = 'ring_protect_basic';
  return {
    meta: { version: '1.0', time, request_id: randomUUID(), account_id: accountId },
    data: { id: randomUUID(), type, attributes, relationships },
  };
}
