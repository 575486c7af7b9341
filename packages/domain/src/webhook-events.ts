/**
 * The webhook event types a test event can be sent as, with what each means. The API's
 * WebhookEventType enum and the console's event picker are both made from this list.
 */
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

/** How many test event deliveries an app lists (newest first): the API's page and the console's list. */
export const WEBHOOK_DELIVERIES_SHOWN = 20;
