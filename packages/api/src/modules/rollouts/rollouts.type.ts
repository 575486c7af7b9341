/**
 * The GraphQL face of Publish: Rollout (a Relay node the app's owner and reviewers can read),
 * its history and beta testers, App.rollouts / currentRollout / liveVersion, and AppVersion's
 * rollouts.
 */
import { prisma } from '@ring/db';
import {
  BETA_TESTERS_MAX,
  distributionLabel,
  isUsState,
  ROLLOUT_STATUS_LABELS,
  ROLLOUT_STATUSES,
  ROLLOUT_STRATEGIES,
  ROLLOUT_STRATEGY_LABELS,
  US_STATES,
  type RolloutStatus,
} from '@ring/domain';
import { builder, requireScopes } from '../../builder.ts';
import { asUuid } from '../../ids.ts';
import { AppRef } from '../apps/apps.type.ts';
import { AppVersionRef } from '../certification/certification.type.ts';
import { hasScope } from '../identity/roles.ts';
import { accountSummaries } from '../identity/identity.service.ts';

export const RolloutStrategyEnum = builder.enumType('RolloutStrategy', {
  description: 'How a version reaches users.',
  values: Object.fromEntries(ROLLOUT_STRATEGIES.map((value) => [value, { description: ROLLOUT_STRATEGY_LABELS[value] }])) as Record<
    (typeof ROLLOUT_STRATEGIES)[number],
    { description: string }
  >,
});

const STATUS_DESCRIPTIONS: Record<RolloutStatus, string> = {
  DEPLOYMENT_PENDING: 'Handed to deployment, no user has it yet (a beta until its first tester joins).',
  IN_PROGRESS: 'Reaching its percentage of users (or its beta testers).',
  PAUSED: 'Stopped at its percentage: no more users get it; those who have it keep it.',
  COMPLETED: 'Live to 100 % of its distribution.',
  ROLLED_BACK: 'Rolled back: the previous version serves again.',
  SUPERSEDED: 'Replaced by a newer version’s completed rollout.',
};

export const RolloutStatusEnum = builder.enumType('RolloutStatus', {
  description: 'Where a rollout stands.',
  values: Object.fromEntries(
    ROLLOUT_STATUSES.map((value) => [value, { description: `“${ROLLOUT_STATUS_LABELS[value]}”: ${STATUS_DESCRIPTIONS[value]}` }]),
  ) as Record<RolloutStatus, { description: string }>,
});

const RolloutEventKindEnum = builder.enumType('RolloutEventKind', {
  description: 'What happened to a rollout.',
  values: {
    STARTED: { description: 'The developer started it.' },
    DEPLOYED: { description: 'Deployment took it: users (or testers) may get it.' },
    RAISED: { description: 'Its percentage was raised.' },
    PAUSED: { description: 'Paused.' },
    RESUMED: { description: 'Resumed.' },
    PROMOTED: { description: 'A beta promoted to GRADUAL or FULL (reason says which).' },
    COMPLETED: { description: 'Reached 100 %.' },
    ROLLED_BACK: { description: 'Rolled back (reason says why).' },
    SUPERSEDED: { description: 'A newer version completed.' },
    RESTORED: { description: 'Serves again after the newer version was rolled back.' },
    BETA_INVITE_CREATED: { description: 'A new beta invite link was made; the old one stopped working.' },
    TESTER_JOINED: { description: 'A beta tester joined (reason: their state).' },
  },
});

const EVENT_WORDS: Record<string, (percent: number, reason: string | null) => string> = {
  STARTED: (percent) => `Started${percent ? ` at ${percent} %` : ''}; deployment pending`,
  DEPLOYED: () => 'Deployed',
  RAISED: (percent) => `Raised to ${percent} %`,
  PAUSED: (percent) => `Paused at ${percent} %`,
  RESUMED: (percent) => `Resumed at ${percent} %`,
  PROMOTED: (percent, reason) => `Promoted to ${reason === 'FULL' ? 'a full rollout' : `a gradual rollout at ${percent} %`}`,
  COMPLETED: () => 'Completed: live to 100 %',
  ROLLED_BACK: (_percent, reason) => `Rolled back: ${reason ?? ''}`,
  SUPERSEDED: (_percent, reason) => `Superseded (${reason ?? 'a newer version completed'})`,
  RESTORED: (_percent, reason) => `Serves again (${reason ?? 'the newer version was rolled back'})`,
  BETA_INVITE_CREATED: () => 'New beta invite link',
  TESTER_JOINED: (_percent, reason) => `A tester joined from ${reason && isUsState(reason) ? US_STATES[reason] : reason}`,
};

interface HistoryEntry {
  kind: string;
  at: Date;
  percent: number;
  reason: string | null;
  actorEmail: string | null;
}

const RolloutHistoryEntryRef = builder.objectRef<HistoryEntry>('RolloutHistoryEntry').implement({
  description: 'One dated change of a rollout.',
  fields: (t) => ({
    kind: t.field({ type: RolloutEventKindEnum, description: 'What happened.', resolve: (entry) => entry.kind as never }),
    at: t.field({ type: 'DateTime', description: 'When.', resolve: (entry) => entry.at }),
    percent: t.exposeInt('percent', { description: 'The rollout’s percentage after it.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'A rollback’s reason, a tester’s state, a promotion’s strategy; else null.' }),
    actorEmail: t.exposeString('actorEmail', { nullable: true, description: 'Who did it; null when it followed from another action or a tester.' }),
    summary: t.string({
      description: 'The entry in a sentence, e.g. "Raised to 25 %".',
      resolve: (entry) => EVENT_WORDS[entry.kind]!(entry.percent, entry.reason),
    }),
  }),
});

const DistributionRef = builder.objectRef<{ nationwide: boolean; states: string[] }>('Distribution').implement({
  description: 'Where a rollout goes: the United States nationwide, or chosen states.',
  fields: (t) => ({
    nationwide: t.exposeBoolean('nationwide', { description: 'Every state.' }),
    states: t.exposeStringList('states', { description: 'Two-letter US codes when not nationwide (empty when nationwide).' }),
    label: t.string({ description: '"United States (nationwide)" or the states’ names.', resolve: (distribution) => distributionLabel(distribution) }),
  }),
});

const BetaTesterRef = builder.prismaObject('BetaTester', {
  description: 'A tester who joined a beta rollout.',
  fields: (t) => ({
    state: t.exposeString('state', { description: 'Their two-letter US state code.' }),
    stateName: t.string({ description: 'The state’s name.', resolve: (tester) => (isUsState(tester.state) ? US_STATES[tester.state] : tester.state) }),
    joinedAt: t.expose('joinedAt', { type: 'DateTime', description: 'When they joined.' }),
  }),
});

/** node(id) answers rollouts to the app's owner and to reviewers (as versions); to anyone else, null. */
function visibleTo(id: string, context: Parameters<typeof requireScopes>[0]) {
  requireScopes(context, { developer: true });
  return { id: asUuid(id), ...(hasScope(context.viewer, 'reviewer') ? {} : { app: { developerId: context.viewer.id } }) };
}

export const RolloutRef = builder.prismaNode('Rollout', {
  description: 'One rollout of a certified version to users.',
  id: { field: 'id' },
  findUnique: visibleTo,
  nullable: true,
  fields: (t) => ({
    version: t.relation('version', { description: 'The version rolled out.' }),
    status: t.field({ type: RolloutStatusEnum, description: 'Where it stands.', resolve: (rollout) => rollout.status }),
    statusLabel: t.string({ description: 'The status in words.', resolve: (rollout) => ROLLOUT_STATUS_LABELS[rollout.status] }),
    strategy: t.field({ type: RolloutStrategyEnum, description: 'GRADUAL, BETA or FULL.', resolve: (rollout) => rollout.strategy }),
    percent: t.exposeInt('percent', { description: 'The share of users in its distribution who get it: 0 for a beta, 100 when complete.' }),
    distribution: t.field({
      type: DistributionRef,
      description: 'Where it goes.',
      resolve: (rollout) => ({ nationwide: rollout.nationwide, states: rollout.states }),
    }),
    betaInviteUrl: t.string({
      nullable: true,
      description:
        'The beta invite link: only in the answer of the mutation that made it (startRollout, createBetaInvite); null otherwise (the token is stored hashed).',
      resolve: (rollout) => (rollout as { inviteUrl?: string }).inviteUrl ?? null,
    }),
    betaInviteExpiresAt: t.expose('betaExpiresAt', { type: 'DateTime', nullable: true, description: 'When the beta invite link stops working, or null.' }),
    betaInviteActive: t.boolean({
      description: 'A beta invite link works now (a beta pending or in progress, not expired).',
      resolve: (rollout) => rollout.betaTokenHash !== null && rollout.betaExpiresAt !== null && rollout.betaExpiresAt > new Date(),
    }),
    betaTesterLimit: t.int({ description: `At most ${BETA_TESTERS_MAX} testers may join a beta.`, resolve: () => BETA_TESTERS_MAX }),
    betaTesters: t.relation('betaTesters', { description: 'Testers who joined, oldest first.', query: { orderBy: { joinedAt: 'asc' } } }),
    previousVersion: t.field({
      type: AppVersionRef,
      nullable: true,
      description: 'The version that was live when it started: it serves again on a rollback. Null for an app’s first rollout.',
      resolve: async (rollout) =>
        rollout.previousId ? ((await prisma.rollout.findUnique({ where: { id: rollout.previousId }, select: { version: true } }))?.version ?? null) : null,
    }),
    rollbackReason: t.exposeString('rollbackReason', { nullable: true, description: 'Why it was rolled back, or null.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it started.' }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true, description: 'When it reached 100 %, or null.' }),
    rolledBackAt: t.expose('rolledBackAt', { type: 'DateTime', nullable: true, description: 'When it was rolled back, or null.' }),
    history: t.field({
      type: [RolloutHistoryEntryRef],
      description: 'Every change, oldest first, with who did it.',
      resolve: async (rollout) => {
        const events = await prisma.rolloutEvent.findMany({ where: { rolloutId: rollout.id }, orderBy: { seq: 'asc' } });
        const actorIds = [...new Set(events.flatMap((event) => (event.actorId ? [event.actorId] : [])))];
        const accounts = await accountSummaries(actorIds);
        return events.map((event) => ({
          kind: event.kind,
          at: event.createdAt,
          percent: event.percent,
          reason: event.reason,
          actorEmail: event.actorId ? (accounts.get(event.actorId)?.email ?? null) : null,
        }));
      },
    }),
  }),
});

void BetaTesterRef;

const LiveVersionRef = builder.simpleObject('LiveVersion', {
  description: 'The newest version users have, and how many of them.',
  fields: (t) => ({
    version: t.field({ type: AppVersionRef, description: 'The version.' }),
    percent: t.int({ description: 'The share of users in its distribution who have it.' }),
    paused: t.boolean({ description: 'Its rollout is paused.' }),
    distribution: t.field({ type: DistributionRef, description: 'Where it goes.' }),
  }),
});

const ACTIVE_OR_LIVE: RolloutStatus[] = ['IN_PROGRESS', 'PAUSED', 'COMPLETED'];

builder.prismaObjectFields(AppRef, (t) => ({
  rollouts: t.relation('rollouts', { description: 'Every rollout of the app, newest first.', query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] } }),
  currentRollout: t.prismaField({
    type: RolloutRef,
    nullable: true,
    description: 'The rollout pending, in progress or paused, or null (an app has at most one).',
    resolve: (query, app) => prisma.rollout.findFirst({ ...query, where: { appId: app.id, status: { in: ['DEPLOYMENT_PENDING', 'IN_PROGRESS', 'PAUSED'] } } }),
  }),
  liveVersion: t.field({
    type: LiveVersionRef,
    nullable: true,
    description: 'The newest version that reaches users (a beta’s testers do not count), or null while none does.',
    // Loaded with the app (also for every app of a list): a fixed number of queries.
    select: {
      rollouts: {
        where: { status: { in: ACTIVE_OR_LIVE }, OR: [{ strategy: { not: 'BETA' } }, { status: 'COMPLETED' }], percent: { gt: 0 } },
        include: { version: true },
        orderBy: { version: { number: 'desc' } },
        take: 1,
      },
    },
    resolve: (app) => {
      const live = app.rollouts[0];
      if (!live) return null;
      return {
        version: live.version as never,
        percent: live.percent,
        paused: live.status === 'PAUSED',
        distribution: { nationwide: live.nationwide, states: live.states },
      };
    },
  }),
}));

builder.prismaObjectFields(AppVersionRef, (t) => ({
  rollouts: t.relation('rollouts', { description: 'Its rollouts, newest first.', query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] } }),
}));
