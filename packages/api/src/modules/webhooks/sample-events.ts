/**
 * Sample events shaped as Ring's JSON:API webhook body: `meta` about the delivery and `data`
 * the resource, with made-up but well-formed ids so a receiver can exercise its parsing.
 */
import { randomUUID } from 'node:crypto';

// The list and its descriptions are shared with the console (its event picker): @ring/domain.
export { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@ring/domain';
import type { WebhookEventType } from '@ring/domain';

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
