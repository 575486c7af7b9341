/**
 * `subscription { appEvents(appId) }`: what changed in one of your apps, as it happens (GraphQL
 * over server-sent events, which yoga speaks). Refused like the `app` query: signed out is
 * UNAUTHENTICATED; someone else's app, or an id that does not exist, NOT_FOUND.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.ts';
import { NotFoundError, notFound } from '../../errors.ts';
import { findOwnedApp } from '../apps/apps.access.ts';
import { APP_EVENT_KINDS, type AppEvent, type AppEventKind } from './app-events.ts';
import { subscribeToAppEvents } from './fan-out.ts';

const AppEventKindEnum = builder.enumType('AppEventKind', {
  description: 'What kind of record of an app changed; the event’s `id` is that record’s global id.',
  values: Object.fromEntries(Object.entries(APP_EVENT_KINDS).map(([kind, { description }]) => [kind, { value: kind, description }])) as Record<
    AppEventKind,
    { value: AppEventKind; description: string }
  >,
});

const AppEventRef = builder.objectRef<AppEvent>('AppEvent').implement({
  description: 'Something changed in one of your apps. It says what, not how: read the record again with a query.',
  fields: (t) => ({
    appId: t.id({ description: 'The app’s global id.', resolve: (event) => encodeGlobalID('App', event.appId) }),
    kind: t.field({ type: AppEventKindEnum, description: 'What kind of record changed.', resolve: (event) => event.kind }),
    id: t.id({
      description: 'The global id of the record that changed (a WebhookDelivery for WEBHOOK_DELIVERY, and so on).',
      resolve: (event) => encodeGlobalID(APP_EVENT_KINDS[event.kind].typename, event.id),
    }),
  }),
});

builder.subscriptionType({
  description: 'Live updates, over server-sent events (POST with "Accept: text/event-stream"; the GraphQL over SSE protocol, distinct connections).',
});

builder.subscriptionField('appEvents', (t) =>
  t.withAuth({ developer: true }).field({
    type: AppEventRef,
    description:
      'Every change to one of your apps from the moment the stream opens, made by any server process. Events missed while disconnected are not replayed: after reconnecting, read again what you show.',
    args: { appId: t.arg.id({ required: true, description: 'The app’s global id.' }) },
    subscribe: async (_root, args, context) => {
      try {
        const app = await findOwnedApp(context.viewer, String(args.appId), { select: { id: true } });
        return await subscribeToAppEvents(app.id);
      } catch (error) {
        // A subscription has no result union: the refusal is a GraphQL error, worded as the `app` query's.
        if (error instanceof NotFoundError) throw notFound(error.message);
        throw error;
      }
    },
    resolve: (event) => event,
  }),
);
