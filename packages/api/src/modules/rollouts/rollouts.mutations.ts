/**
 * The Publish mutations: the owner starts a rollout and controls it (raise, pause, resume, roll
 * back, promote a beta, a new beta invite link); a tester joins a beta with its invite link
 * (no sign-in: testers are Ring customers, not developers). Inputs are checked in the service
 * with the @ring/domain rules, after ownership, so another developer's rollout is NotFoundError
 * whatever the input.
 */
import { BETA_INVITE_DAYS, BETA_TESTERS_MAX, PERCENT_MAX, PERCENT_MIN, ROLLBACK_REASON_MAX } from '@ring/domain';
import { builder } from '../../builder.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { RolloutRef, RolloutStrategyEnum } from './rollouts.type.ts';
import * as rollouts from './rollouts.service.ts';

type Rollout = Awaited<ReturnType<typeof rollouts.pauseRollout>>;

function successType(name: string, description: string) {
  return builder.simpleObject(name, {
    description,
    fields: (t) => ({ rollout: t.field({ type: RolloutRef, description: 'The rollout as it is now.' }) }),
  }) as unknown as Parameters<typeof developerMutation<unknown, { rollout: Rollout }>>[1]['type'];
}

const originOf = (request: Request) => new URL(request.url).origin;

const DistributionInput = builder.inputType('DistributionInput', {
  description: 'Where a rollout goes: nationwide, or at least one state (not both).',
  fields: (t) => ({
    nationwide: t.boolean({ description: 'The whole United States.' }),
    states: t.stringList({ description: 'Two-letter US codes (the 50 states and DC), when not nationwide; [] when nationwide.' }),
  }),
});

const StartRolloutInput = builder.inputType('StartRolloutInput', {
  description: 'Starts rolling out a certified version.',
  fields: (t) => ({
    appId: t.id({ description: 'The app’s global id.' }),
    versionId: t.id({ description: 'A CERTIFIED version of this app (AppVersion global id).' }),
    distribution: t.field({ type: DistributionInput, description: 'Where it goes.' }),
    strategy: t.field({ type: RolloutStrategyEnum, description: 'GRADUAL, BETA or FULL.' }),
    percent: t.int({
      required: false,
      description: `GRADUAL: the starting percentage (${PERCENT_MIN}-${PERCENT_MAX}); FULL: 100 or left out; BETA: left out.`,
    }),
  }),
});

developerMutation('startRollout', {
  type: successType('StartRolloutSuccess', 'The rollout has started.'),
  input: StartRolloutInput,
  description:
    'Starts a rollout of a certified version. GRADUAL and FULL go to deployment at once (IN_PROGRESS, or COMPLETED at 100 %); BETA stays DEPLOYMENT_PENDING until its first tester joins, ' +
    `and its answer carries the invite link (shown only now; ${BETA_TESTERS_MAX} testers, ${BETA_INVITE_DAYS} days). The first rollout to reach users publishes the app. ` +
    'ValidationError names every wrong field (an uncertified, withdrawn or other app’s version is one on versionId); ConflictError while another rollout of the app is under way.',
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context) => ({
    rollout: await rollouts.startRollout(
      context.viewer,
      {
        ...input,
        appId: String(input.appId),
        versionId: String(input.versionId),
        distribution: { ...input.distribution, states: [...input.distribution.states] },
      },
      originOf(context.request),
    ),
  }),
});

const UpdateRolloutPercentInput = builder.inputType('UpdateRolloutPercentInput', {
  description: 'A higher percentage for a gradual rollout.',
  fields: (t) => ({
    rolloutId: t.id({ description: 'The rollout’s global id.' }),
    percent: t.int({ description: `Higher than now, at most ${PERCENT_MAX}; ${PERCENT_MAX} completes the rollout.` }),
  }),
});

developerMutation('updateRolloutPercent', {
  type: successType('UpdateRolloutPercentSuccess', 'The rollout reaches the new percentage (COMPLETED at 100 %).'),
  input: UpdateRolloutPercentInput,
  description:
    'Raises a gradual rollout in progress. A percentage not higher than now or outside 1-100 is a ValidationError on percent; a paused, completed or rolled-back rollout, or a beta, ConflictError.',
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context) => ({
    rollout: await rollouts.updateRolloutPercent(context.viewer, { rolloutId: String(input.rolloutId), percent: input.percent }),
  }),
});

const RolloutInput = (name: string, description: string) =>
  builder.inputType(name, { description, fields: (t) => ({ rolloutId: t.id({ description: 'The rollout’s global id.' }) }) });

developerMutation('pauseRollout', {
  type: successType('PauseRolloutSuccess', 'The rollout is PAUSED.'),
  input: RolloutInput('PauseRolloutInput', 'The rollout to pause.'),
  description: 'Pauses a rollout in progress: no more users get the version; those who have it keep it. Any other status is ConflictError.',
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context) => ({ rollout: await rollouts.pauseRollout(context.viewer, String(input.rolloutId)) }),
});

developerMutation('resumeRollout', {
  type: successType('ResumeRolloutSuccess', 'The rollout is IN_PROGRESS again.'),
  input: RolloutInput('ResumeRolloutInput', 'The rollout to resume.'),
  description: 'Resumes a paused rollout at its percentage. Any other status is ConflictError.',
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context) => ({ rollout: await rollouts.resumeRollout(context.viewer, String(input.rolloutId)) }),
});

const RollbackRolloutInput = builder.inputType('RollbackRolloutInput', {
  description: 'Rolls a rollout back.',
  fields: (t) => ({
    rolloutId: t.id({ description: 'The rollout’s global id.' }),
    reason: t.string({ description: `Why (1-${ROLLBACK_REASON_MAX} characters); shown in the history.` }),
  }),
});

developerMutation('rollbackRollout', {
  type: successType('RollbackRolloutSuccess', 'The rollout is ROLLED_BACK; the previous version serves again.'),
  input: RollbackRolloutInput,
  description:
    'Rolls back a rollout under way or completed: the version that was live before it serves every user of it again, and users who already have the newer version get the previous one back. ' +
    'ConflictError for the app’s first rollout (no previous version to serve), a rollout rolled back or superseded, or a completed one while a newer rollout is under way.',
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context) => ({
    rollout: await rollouts.rollbackRollout(context.viewer, { rolloutId: String(input.rolloutId), reason: input.reason }),
  }),
});

const PromoteRolloutInput = builder.inputType('PromoteRolloutInput', {
  description: 'Takes a beta to the public.',
  fields: (t) => ({
    rolloutId: t.id({ description: 'The beta rollout’s global id.' }),
    strategy: t.field({ type: RolloutStrategyEnum, description: 'GRADUAL or FULL.' }),
    percent: t.int({ required: false, description: `GRADUAL: the starting percentage (${PERCENT_MIN}-${PERCENT_MAX}); FULL: 100 or left out.` }),
  }),
});

developerMutation('promoteRollout', {
  type: successType('PromoteRolloutSuccess', 'The beta is a gradual or full rollout now.'),
  input: PromoteRolloutInput,
  description:
    'Promotes a beta (pending or in progress) to GRADUAL or FULL; its invite link stops working and the app is published. Anything else is ConflictError.',
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context) => ({
    rollout: await rollouts.promoteRollout(context.viewer, { rolloutId: String(input.rolloutId), strategy: input.strategy, percent: input.percent ?? null }),
  }),
});

developerMutation('createBetaInvite', {
  type: successType('CreateBetaInviteSuccess', 'The rollout with its new betaInviteUrl (shown only now).'),
  input: RolloutInput('CreateBetaInviteInput', 'The beta rollout.'),
  description: `Makes a new invite link for a beta pending or in progress (valid ${BETA_INVITE_DAYS} days); the old link stops working. Anything else is ConflictError.`,
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context) => ({ rollout: await rollouts.createBetaInvite(context.viewer, String(input.rolloutId), originOf(context.request)) }),
});

const JoinBetaInput = builder.inputType('JoinBetaInput', {
  description: 'A tester joining a beta.',
  fields: (t) => ({
    token: t.string({ description: 'The token of the invite link (the last part of /beta/<token>).' }),
    state: t.string({ description: 'The tester’s two-letter US state code; the developer sees it.' }),
  }),
});

const JoinBetaSuccess = builder.simpleObject('JoinBetaSuccess', {
  description: 'You are a tester of the beta.',
  fields: (t) => ({
    versionNumber: t.int({ description: 'The version you test.' }),
    state: t.string({ description: 'Your state code.' }),
    stateName: t.string({ description: 'Your state.' }),
    joinedAt: t.field({ type: 'DateTime', description: 'When you joined.' }),
  }),
});

builder.mutationField('joinBeta', (t) =>
  t.field({
    type: JoinBetaSuccess,
    description: `Joins a beta with its invite link; no sign-in needed (signed in, an account joins a beta once). At most ${BETA_TESTERS_MAX} testers; an unknown, replaced, expired or full link, or a second join by the same account (USED), is a ValidationError on token, an unknown state one on state.`,
    errors: {},
    args: { input: t.arg({ type: JoinBetaInput, required: true, description: 'The mutation’s input.' }) },
    resolve: (_root, { input }, context) => rollouts.joinBeta(input, context.viewer),
  }),
);
