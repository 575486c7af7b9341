import { describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '../src/webhook-events.ts';

describe('WEBHOOK_EVENT_TYPES', () => {
  it('are Ring’s ten event types (RING.md, "Webhooks"), which events carry in lower snake case', () => {
    expect(WEBHOOK_EVENT_TYPES.map((type) => type.toLowerCase())).toEqual([
      'motion_detected',
      'button_press',
      'device_added',
      'device_removed',
      'device_online',
      'device_offline',
      'app_integration_added',
      'app_integration_removed',
      'subscription_activated',
      'subscription_deactivated',
    ]);
  });
});
