import type { Prisma } from '@ring/db';
import { deliveryOutcome, RESPONSE_EXCERPT_CHARACTERS, WEBHOOK_DELIVERY_OUTCOMES, type WebhookDeliveryOutcome } from '@ring/domain';
import { builder } from '../../builder.ts';
import { pageOf, planPage } from '../../connections.ts';
import { EnvironmentEnum } from '../account-linking/account-linking.type.ts';
import { AppRef } from '../apps/apps.type.ts';
import { deliveryLogFilterWhere } from './delivery-log.ts';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './sample-events.ts';

type DeliveryRow = Prisma.WebhookDeliveryGetPayload<object>;

export const WebhookEventTypeEnum = builder.enumType('WebhookEventType', {
  description: 'The Ring webhook event types. The JSON body names them in lower_snake_case (e.g. motion_detected).',
  values: Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, { value: type, description: WEBHOOK_EVENT_DESCRIPTIONS[type] }])) as Record<
    WebhookEventType,
    { value: WebhookEventType; description: string }
  >,
});

const OUTCOME_DESCRIPTIONS: Record<WebhookDeliveryOutcome, string> = {
  SUCCEEDED: 'Your endpoint answered with a 2xx status.',
  FAILED:
    'A connection was attempted and no 2xx came back: another status, a redirect (never followed), no answer within 5 seconds, or a network or TLS failure.',
  REFUSED: 'No connection was made: the URL is not https, or its host is a private, loopback, link-local or metadata address.',
  SENDING: 'The request is on its way (at most about 5 seconds).',
};

export const WebhookDeliveryOutcomeEnum = builder.enumType('WebhookDeliveryOutcome', {
  description: 'How a webhook delivery ended.',
  values: Object.fromEntries(WEBHOOK_DELIVERY_OUTCOMES.map((outcome) => [outcome, { value: outcome, description: OUTCOME_DESCRIPTIONS[outcome] }])) as Record<
    WebhookDeliveryOutcome,
    { value: WebhookDeliveryOutcome; description: string }
  >,
});

const HttpHeaderRef = builder.simpleObject('HttpHeader', {
  description: 'One header of an HTTP request, as sent.',
  fields: (t) => ({
    name: t.string({ description: 'The header’s name, as sent.' }),
    value: t.string({ description: 'The header’s value, as sent.' }),
  }),
});

export const WebhookDeliveryRef = builder.prismaObject('WebhookDelivery', {
  description: 'One attempt to deliver a signed test event (or a redelivery of one) to a webhook URL, with the request exactly as sent.',
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
    requestHeaders: t.field({
      type: [HttpHeaderRef],
      description: 'The request’s headers exactly as sent, X-Signature included (a signature of this body, not the key).',
      // Stored as a list in the order sent; rows from before that hold an object (in jsonb's key order).
      resolve: (d) =>
        Array.isArray(d.requestHeaders)
          ? (d.requestHeaders as Array<{ name: string; value: string }>).map(({ name, value }) => ({ name, value: String(value) }))
          : Object.entries((d.requestHeaders ?? {}) as Record<string, unknown>).map(([name, value]) => ({ name, value: String(value) })),
    }),
    requestBody: t.exposeString('requestBody', {
      nullable: true,
      description: 'The request’s body exactly as sent and signed (UTF-8 JSON); null only for deliveries recorded before bodies were kept.',
    }),
    statusCode: t.exposeInt('statusCode', {
      nullable: true,
      description: 'The HTTP status your endpoint answered, or null when there was no answer. A 3xx is recorded, never followed.',
    }),
    durationMs: t.exposeInt('durationMs', { description: 'How long the attempt took, in milliseconds (at most about 5,000).' }),
    responseExcerpt: t.exposeString('responseExcerpt', {
      nullable: true,
      description: `The start of your endpoint’s answer as plain text: at most the first kilobyte read, control characters removed, at most ${RESPONSE_EXCERPT_CHARACTERS} characters. Show it as text, never as HTML.`,
    }),
    error: t.exposeString('error', { nullable: true, description: 'What went wrong, in a sentence, or null for a 2xx answer.' }),
    refused: t.exposeBoolean('refused', {
      description: 'True when no connection was made because the URL is not https or its host resolves to a private, loopback, link-local or metadata address.',
    }),
    succeeded: t.boolean({
      description: 'Your endpoint answered with a 2xx status.',
      resolve: (d) => deliveryOutcome(d) === 'SUCCEEDED',
    }),
    outcome: t.field({ type: WebhookDeliveryOutcomeEnum, description: 'How the delivery ended.', resolve: (d) => deliveryOutcome(d) }),
    redeliveryOf: t.relation('redeliveryOf', {
      nullable: true,
      description: 'The delivery this one sent again (redeliverWebhook), or null (a first sending, or the original is past the retention period).',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the event was sent.' }),
  }),
});

builder.prismaObjectField(AppRef, 'webhookDeliveries', (t) =>
  t.connection(
    {
      type: WebhookDeliveryRef,
      // Nullable so that bad arguments (a BAD_USER_INPUT error here) leave the app in place.
      nullable: true,
      description:
        'The app’s webhook deliveries (test events and redeliveries), newest first, kept for WEBHOOK_DELIVERY_RETENTION_DAYS (at least 7 days). Cursors are positions in the list.',
      args: {
        environment: t.arg({ type: EnvironmentEnum, required: false, description: 'Only deliveries to this environment’s webhook URL.' }),
        eventType: t.arg({ type: WebhookEventTypeEnum, required: false, description: 'Only deliveries of this event type.' }),
        outcome: t.arg({ type: WebhookDeliveryOutcomeEnum, required: false, description: 'Only deliveries that ended this way.' }),
      },
      // Loaded with the app's own query (a relation with this page's filter, order and size), so
      // a list of apps with their deliveries is still a few statements, never one per app.
      select: (args, _context, nestedSelection) => {
        let plan: ReturnType<typeof planPage>;
        try {
          plan = planPage(args);
        } catch {
          return {}; // the resolver raises the same error where the client sees it
        }
        return {
          webhookDeliveries: {
            ...(nestedSelection(true, ['edges', 'node']) as object),
            where: { AND: [deliveryLogFilterWhere(args), ...plan.where] },
            orderBy: plan.orderBy,
            take: plan.take,
          },
        };
      },
      resolve: (app, args) => pageOf(planPage(args), (app as unknown as { webhookDeliveries: DeliveryRow[] }).webhookDeliveries),
    },
    { name: 'AppWebhookDeliveriesConnection', description: 'A page of an app’s webhook deliveries, newest first.' },
    { name: 'AppWebhookDeliveriesConnectionEdge', description: 'A webhook delivery with its cursor.' },
  ),
);
