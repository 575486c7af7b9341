import { builder } from '../../builder.ts';
import { EnvironmentEnum } from '../account-linking/account-linking.type.ts';
import { AppRef } from '../apps/apps.type.ts';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './sample-events.ts';
import { DELIVERIES_SHOWN } from './webhooks.service.ts';

export const WebhookEventTypeEnum = builder.enumType('WebhookEventType', {
  description: 'The Ring webhook event types. The JSON body names them in lower_snake_case (e.g. motion_detected).',
  values: Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, { value: type, description: WEBHOOK_EVENT_DESCRIPTIONS[type] }])) as Record<
    WebhookEventType,
    { value: WebhookEventType; description: string }
  >,
});

export const WebhookDeliveryRef = builder.prismaObject('WebhookDelivery', {
  description: 'One attempt to deliver a signed test event to a webhook URL.',
  fields: (t) => ({
    // A Relay global id like every other id of the API, not the bare database key.
    id: t.globalID({ description: 'The delivery’s global id.', resolve: (d) => ({ type: 'WebhookDelivery', id: d.id }) }),
    environment: t.field({ type: EnvironmentEnum, description: 'The environment whose webhook URL was called.', resolve: (d) => d.environment }),
    eventType: t.field({
      type: WebhookEventTypeEnum,
      description: 'The event type sent.',
      resolve: (d) => d.eventType as WebhookEventType,
    }),
    url: t.exposeString('url', { description: 'The URL called, as saved at the time.' }),
    statusCode: t.exposeInt('statusCode', {
      nullable: true,
      description: 'The HTTP status your endpoint answered, or null when there was no answer. A 3xx is recorded, never followed.',
    }),
    durationMs: t.exposeInt('durationMs', { description: 'How long the attempt took, in milliseconds (at most about 5,000).' }),
    responseExcerpt: t.exposeString('responseExcerpt', { nullable: true, description: 'The first kilobyte of the response body.' }),
    error: t.exposeString('error', { nullable: true, description: 'What went wrong, or null for a 2xx answer.' }),
    refused: t.exposeBoolean('refused', {
      description: 'True when no connection was made because the URL is not https or its host resolves to a private, loopback, link-local or metadata address.',
    }),
    succeeded: t.boolean({
      description: 'Your endpoint answered with a 2xx status.',
      resolve: (d) => d.statusCode !== null && d.statusCode >= 200 && d.statusCode < 300,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the event was sent.' }),
  }),
});

builder.prismaObjectField(AppRef, 'webhookDeliveries', (t) =>
  t.relation('webhookDeliveries', {
    description: `The last ${DELIVERIES_SHOWN} test event deliveries, newest first.`,
    query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: DELIVERIES_SHOWN },
  }),
);
