import { prisma } from '@ring/db';
import type { EventTypeCoverage, WebhookCoverage } from '@ring/domain';
import { builder } from '../../builder.ts';
import { AppRef } from '../apps/apps.type.ts';
import { linkingSavedAt, webhookCoverage } from './webhook-coverage.service.ts';
import { WebhookEventTypeEnum } from './webhooks.type.ts';

const WebhookEventCoverageRef = builder.objectRef<EventTypeCoverage>('WebhookEventCoverage').implement({
  description: 'Whether one event type has been delivered as Ring needs it on one environment.',
  fields: (t) => ({
    eventType: t.field({ type: WebhookEventTypeEnum, description: 'The event type.', resolve: (entry) => entry.eventType }),
    delivered: t.exposeBoolean('delivered', {
      description: 'A test event (or redelivery) of this type got a 2xx within 5 seconds since the environment’s linking settings were last saved.',
    }),
  }),
});

const WebhookCoverageRef = builder.objectRef<WebhookCoverage>('WebhookCoverage').implement({
  description:
    'The webhook part of the Test step: every one of the ten event types got a 2xx within 5 s from the STAGING webhook, and at least one from PRODUCTION.',
  fields: (t) => ({
    staging: t.field({ type: [WebhookEventCoverageRef], description: 'The ten event types on staging, in the enum’s order.', resolve: (c) => c.staging }),
    production: t.field({
      type: [WebhookEventCoverageRef],
      description: 'The ten event types on production, in the enum’s order.',
      resolve: (c) => c.production,
    }),
    complete: t.exposeBoolean('complete', { description: 'All ten delivered on staging and at least one on production.' }),
  }),
});

builder.prismaObjectFields(AppRef, (t) => ({
  webhookCoverage: t.field({
    type: WebhookCoverageRef,
    description: 'Which event types your webhook endpoints have answered as Ring needs (a 2xx within 5 seconds), per environment, for the Test step.',
    select: { accountLinkings: { select: { environment: true, savedAt: true } } },
    resolve: (app) => webhookCoverage(prisma, app.id, linkingSavedAt(app.accountLinkings)),
  }),
}));
