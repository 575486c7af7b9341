import {
  codeSecondsLeft,
  CODE_LIFETIME_MS,
  LINK_REHEARSAL_STATUSES,
  LINK_REHEARSAL_STEP_KINDS,
  type LinkRehearsalStatus,
  type LinkRehearsalStep,
  type LinkRehearsalStepKind,
} from '@ring/domain';
import { builder } from '../../builder.ts';
import { EnvironmentEnum } from '../account-linking/account-linking.type.ts';
import { AppRef } from '../apps/apps.type.ts';
import { REHEARSALS_SHOWN, rehearsalsOfApp } from './link-rehearsals.service.ts';
import { stepsOf } from './rehearsal.record.ts';
import { missingTestRequirements, TestIncompleteError } from './test-step.service.ts';
import { prisma } from '@ring/db';
import { ErrorInterface } from '../shared/errors.type.ts';

const statusDescriptions: Record<LinkRehearsalStatus, string> = {
  CODE_SENT: 'A code was POSTed to the Token Exchange URL; the partner has 60 s to exchange it.',
  CODE_EXCHANGED: 'The partner exchanged the code for tokens at POST /sandbox/oauth/token.',
  ACCOUNT_FETCHED: 'The partner fetched the account (GET /sandbox/v1/users/me); open accountLinkUrl and sign in.',
  AWAITING: 'The partner matched the nonce and POSTed the app integration; it must now PATCH it to completed.',
  COMPLETED: 'The integration was PATCHed to completed: the whole flow worked.',
  FAILED: 'Something went wrong; the steps say what.',
};

export const LinkRehearsalStatusEnum = builder.enumType('LinkRehearsalStatus', {
  description: 'Where a link rehearsal stands, in the order of Ring’s one-way account linking.',
  values: Object.fromEntries(LINK_REHEARSAL_STATUSES.map((s) => [s, { description: statusDescriptions[s] }])) as Record<
    LinkRehearsalStatus,
    { description: string }
  >,
});

const kindDescriptions: Record<LinkRehearsalStepKind, string> = {
  CODE_SENT: 'The sandbox POSTed a fresh code to the Token Exchange URL.',
  TOKEN_EXCHANGE_ANSWERED: 'The Token Exchange URL answered that POST.',
  CODE_EXCHANGED: 'The partner presented the code at the token endpoint.',
  TOKEN_REFRESHED: 'The partner presented a refresh token.',
  ACCOUNT_FETCHED: 'The partner called GET /v1/users/me.',
  INTEGRATION_POSTED: 'The partner POSTed the app integration with the nonce.',
  INTEGRATION_COMPLETED: 'The partner PATCHed the integration to completed.',
  CODE_EXPIRED: 'The code was never exchanged within 60 s.',
};

export const LinkRehearsalStepKindEnum = builder.enumType('LinkRehearsalStepKind', {
  description: 'What happened at a step of a link rehearsal.',
  values: Object.fromEntries(LINK_REHEARSAL_STEP_KINDS.map((k) => [k, { description: kindDescriptions[k] }])) as Record<
    LinkRehearsalStepKind,
    { description: string }
  >,
});

const LinkRehearsalStepRef = builder.objectRef<LinkRehearsalStep>('LinkRehearsalStep').implement({
  description: 'One event of a link rehearsal, with its time and, when it failed, why.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (s) => new Date(s.at) }),
    kind: t.field({ type: LinkRehearsalStepKindEnum, description: 'What happened.', resolve: (s) => s.kind }),
    ok: t.exposeBoolean('ok', { description: 'True when it went as Ring expects.' }),
    message: t.exposeString('message', { description: 'What happened, and when it failed, why and what Ring expects.' }),
  }),
});

export const LinkRehearsalRef = builder.prismaObject('LinkRehearsal', {
  description: 'A rehearsal of Ring’s one-way account linking against one environment’s endpoints, through the sandbox Ring API.',
  fields: (t) => ({
    id: t.globalID({ description: 'The rehearsal’s global id.', resolve: (r) => ({ type: 'LinkRehearsal', id: r.id }) }),
    environment: t.field({ type: EnvironmentEnum, description: 'Whose endpoints are rehearsed.', resolve: (r) => r.environment }),
    status: t.field({ type: LinkRehearsalStatusEnum, description: 'Where it stands.', resolve: (r) => r.status }),
    accountId: t.exposeString('accountId', { description: 'The sandbox Ring account, `ava1.ring.account.<uuid>`: what GET /sandbox/v1/users/me answers.' }),
    steps: t.field({ type: [LinkRehearsalStepRef], description: 'Every event so far, oldest first.', resolve: (r) => stepsOf(r) }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it started (the code was sent).' }),
    expiresAt: t.field({
      type: 'DateTime',
      description: `When the code expires: ${CODE_LIFETIME_MS / 1000} s after it was sent, as Ring allows.`,
      resolve: (r) => new Date(r.codeSentAt.getTime() + CODE_LIFETIME_MS),
    }),
    codeSecondsLeft: t.int({
      description: 'Seconds left to exchange the code (0 once exchanged or expired), for a countdown.',
      resolve: (r) => (r.status === 'CODE_SENT' ? codeSecondsLeft(r.codeSentAt, new Date()) : 0),
    }),
    accountLinkUrl: t.exposeString('accountLinkUrl', {
      nullable: true,
      description: 'Once the account was fetched: the Authorization URL with Ring’s `time` and `nonce`, for you to open and sign in as a user would.',
    }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true, description: 'When the integration was completed.' }),
  }),
});

builder.prismaObjectFields(AppRef, (t) => ({
  linkRehearsals: t.field({
    type: [LinkRehearsalRef],
    description: `The app’s latest ${REHEARSALS_SHOWN} link rehearsals, newest first (a code left unexchanged past its minute is ended FAILED first).`,
    select: { id: true },
    resolve: (app) => rehearsalsOfApp(app.id),
  }),
  testCompletedAt: t.expose('testCompletedAt', {
    type: 'DateTime',
    nullable: true,
    description: 'When the developer completed Test (completeTest); null until then, and again after a linking URL changed.',
  }),
  testRequirementsMissing: t.stringList({
    description: 'What Test still needs before completeTest succeeds, each as a sentence (empty when it may be completed).',
    select: { id: true },
    resolve: (app) => missingTestRequirements(prisma, app.id),
  }),
}));

builder.objectType(TestIncompleteError, {
  name: 'TestIncompleteError',
  description: 'Test cannot be completed yet; `missing` names every requirement not met.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ missing: t.exposeStringList('missing', { description: 'Each missing requirement, as a sentence.' }) }),
});
