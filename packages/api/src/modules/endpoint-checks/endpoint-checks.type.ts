import {
  CHECKED_ENDPOINTS,
  ENDPOINT_CHECK_DESCRIPTIONS,
  ENDPOINT_CHECK_KINDS,
  ENDPOINT_LABELS,
  type CheckedEndpoint,
  type EndpointCheckKind,
} from '@ring/domain';
import { prisma } from '@ring/db';
import { builder } from '../../builder.ts';
import { EnvironmentEnum } from '../account-linking/account-linking.type.ts';
import { AppRef } from '../apps/apps.type.ts';
import { LIFECYCLE_SELECT } from '../lifecycle/lifecycle.service.ts';
import { buildBlockerOf } from './endpoint-checks.facts.ts';
import type { EndpointCheckResult } from './endpoint-probes.ts';

export const CheckedEndpointEnum = builder.enumType('CheckedEndpoint', {
  description: 'One of the four account linking URLs the endpoint checks call.',
  values: Object.fromEntries(
    CHECKED_ENDPOINTS.map((endpoint) => [endpoint, { value: endpoint, description: `The saved ${ENDPOINT_LABELS[endpoint]}.` }]),
  ) as Record<CheckedEndpoint, { value: CheckedEndpoint; description: string }>,
});

export const EndpointCheckKindEnum = builder.enumType('EndpointCheckKind', {
  description: 'What an endpoint check verifies.',
  values: Object.fromEntries(ENDPOINT_CHECK_KINDS.map((kind) => [kind, { value: kind, description: ENDPOINT_CHECK_DESCRIPTIONS[kind] }])) as Record<
    EndpointCheckKind,
    { value: EndpointCheckKind; description: string }
  >,
});

const EndpointCheckRef = builder.objectRef<EndpointCheckResult>('EndpointCheck').implement({
  description: 'One check of one endpoint, and how it went.',
  fields: (t) => ({
    endpoint: t.field({ type: CheckedEndpointEnum, description: 'The URL checked.', resolve: (c) => c.endpoint }),
    check: t.field({ type: EndpointCheckKindEnum, description: 'What was checked.', resolve: (c) => c.check }),
    passed: t.exposeBoolean('passed', { description: 'The endpoint did what Ring expects.' }),
    message: t.exposeString('message', { description: 'What was seen, and when the check failed, what Ring expects instead, in a sentence.' }),
    statusCode: t.exposeInt('statusCode', { nullable: true, description: 'The HTTP status answered, or null when no answer arrived.' }),
    durationMs: t.exposeInt('durationMs', { description: 'How long the request took, in milliseconds (at most about 5,000).' }),
  }),
});

export const EndpointCheckRunRef = builder.prismaObject('EndpointCheckRun', {
  description: 'One run of the endpoint checks against an environment’s four account linking URLs.',
  fields: (t) => ({
    id: t.globalID({ description: 'The run’s global id.', resolve: (run) => ({ type: 'EndpointCheckRun', id: run.id }) }),
    environment: t.field({ type: EnvironmentEnum, description: 'The environment whose URLs were checked.', resolve: (run) => run.environment }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the run finished.' }),
    passed: t.exposeBoolean('passed', { description: 'Every check passed.' }),
    checks: t.field({
      type: [EndpointCheckRef],
      description: 'Every check, grouped by endpoint in the order AUTHORIZATION_URL, APP_HOMEPAGE_URL, TOKEN_EXCHANGE_URL, WEBHOOK_URL.',
      resolve: (run) => (Array.isArray(run.checks) ? (run.checks as unknown as EndpointCheckResult[]) : []),
    }),
  }),
});

builder.prismaObjectFields(AppRef, (t) => ({
  endpointChecks: t.prismaField({
    type: EndpointCheckRunRef,
    nullable: true,
    description: 'The latest endpoint check run on the environment, or null when none was run.',
    args: { environment: t.arg({ type: EnvironmentEnum, required: true, description: 'Which environment.' }) },
    resolve: (query, app, args) =>
      prisma.endpointCheckRun.findFirst({
        ...query,
        where: { appId: app.id, environment: args.environment },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
  buildBlocker: t.string({
    nullable: true,
    description:
      'Why completeBuild would be refused now (no staging run, a failed run, or staging URLs changed since the run), in a sentence; null when Build can be completed.',
    select: LIFECYCLE_SELECT,
    resolve: (app) => buildBlockerOf(app),
  }),
}));
