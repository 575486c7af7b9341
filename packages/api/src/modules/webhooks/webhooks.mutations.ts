import { builder } from '../../builder.ts';
import { ConflictError, NotFoundError, RateLimitedError } from '../../errors.ts';
import { EnvironmentEnum } from '../account-linking/account-linking.type.ts';
import { findOwnedApp } from '../apps/apps.access.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { WebhookDeliveryRef, WebhookEventTypeEnum } from './webhooks.type.ts';
import { decodeId } from '../../ids.ts';
import { DELIVERY_NOT_FOUND, redeliverWebhook, sendTestWebhook, TEST_EVENTS_PER_MINUTE } from './webhooks.service.ts';

const SendTestWebhookInput = builder.inputType('SendTestWebhookInput', {
  description: 'Which sample event to send, and where.',
  fields: (t) => ({
    appId: t.id({ description: 'The app’s id.' }),
    environment: t.field({ type: EnvironmentEnum, description: 'The environment whose saved webhook URL receives the event.' }),
    eventType: t.field({ type: WebhookEventTypeEnum, description: 'The kind of sample event.' }),
  }),
});

const SendTestWebhookSuccess = builder.simpleObject('SendTestWebhookSuccess', {
  description: 'The attempt was made and recorded (look at the delivery for how it went: a failed delivery is still a success of this mutation).',
  fields: (t) => ({ delivery: t.field({ type: WebhookDeliveryRef, description: 'The recorded delivery.' }) }),
});

developerMutation('sendTestWebhook', {
  type: SendTestWebhookSuccess,
  input: SendTestWebhookInput,
  description:
    'Sends a sample Ring event, signed as Ring signs (X-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app’s HMAC Signature Key as UTF-8>), to the environment’s webhook URL: https only, no redirects followed, 5-second timeout, never to a private, loopback, link-local or metadata address. At most ' +
    `${TEST_EVENTS_PER_MINUTE} a minute per app, and WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE (30 by default) across all of a developer’s apps, redeliveries included.`,
  errors: [NotFoundError, ConflictError, RateLimitedError],
  resolve: async (input, context) => {
    const app = await findOwnedApp(context.viewer, String(input.appId));
    return { delivery: await sendTestWebhook(app.developerId, app.id, input.environment, input.eventType) };
  },
});

const RedeliverWebhookInput = builder.inputType('RedeliverWebhookInput', {
  description: 'Which recorded delivery to send again.',
  fields: (t) => ({
    deliveryId: t.id({ description: 'The global id of a delivery of one of your apps.' }),
  }),
});

const RedeliverWebhookSuccess = builder.simpleObject('RedeliverWebhookSuccess', {
  description: 'The event was sent again and recorded as a new delivery (whose redeliveryOf is the original); look at it for how it went.',
  fields: (t) => ({ delivery: t.field({ type: WebhookDeliveryRef, description: 'The new delivery.' }) }),
});

developerMutation('redeliverWebhook', {
  type: RedeliverWebhookSuccess,
  input: RedeliverWebhookInput,
  description:
    'Sends a recorded delivery’s body again, byte for byte (the same meta.request_id), to the environment’s webhook URL as saved now, signed with the app’s current HMAC Signature Key, and records it as a new delivery pointing at the original. Counts against the same limits as sendTestWebhook. Another developer’s delivery, or one past the retention period: NotFoundError.',
  errors: [NotFoundError, ConflictError, RateLimitedError],
  resolve: async (input, context) => {
    const id = decodeId(String(input.deliveryId), 'WebhookDelivery', DELIVERY_NOT_FOUND);
    return { delivery: await redeliverWebhook(context.viewer.id, id) };
  },
});
