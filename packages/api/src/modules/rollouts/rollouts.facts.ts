/**
 * What Publish tells the lifecycle: a selection on App (loaded with the app itself) and pure
 * functions of what it loads.
 */
import { ACTIVE_ROLLOUT_STATUSES, type RolloutStatus } from '@ring/domain';

const LIVE_OR_UNDER_WAY: RolloutStatus[] = ['COMPLETED', ...ACTIVE_ROLLOUT_STATUSES];

export const ROLLOUT_FACTS_SELECT = {
  rollouts: { where: { status: { in: LIVE_OR_UNDER_WAY } }, select: { status: true } },
} as const;

export interface RolloutFacts {
  rollouts: { status: RolloutStatus }[];
}

/** A version is live to 100 % of its distribution. */
export function liveToAll(facts: RolloutFacts): boolean {
  return facts.rollouts.some((rollout) => rollout.status === 'COMPLETED');
}

/** A rollout is pending, in progress or paused. */
export function rolloutUnderWay(facts: RolloutFacts): boolean {
  return facts.rollouts.some((rollout) => rollout.status !== 'COMPLETED');
}
