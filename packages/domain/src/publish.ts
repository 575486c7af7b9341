/**
 * Publish (lifecycle step 5): rollout strategies and statuses, the distribution (nationwide or
 * US states), the percentage rules, the suggested schedule of a gradual rollout, the beta
 * invite's limits and the labels a version gets from its rollout. Pure, so that the API and the
 * console apply the same rules and show the same words.
 */
import { z } from 'zod';
import type { FieldErrorCode } from './field-error-codes.ts';

export const ROLLOUT_STRATEGIES = ['GRADUAL', 'BETA', 'FULL'] as const;
export type RolloutStrategy = (typeof ROLLOUT_STRATEGIES)[number];

export const ROLLOUT_STRATEGY_LABELS: Record<RolloutStrategy, string> = {
  GRADUAL: 'Gradual: a share of users, raised step by step',
  BETA: `Beta: up to 10 invited testers`,
  FULL: 'Full: every user at once',
};

export const ROLLOUT_STATUSES = ['DEPLOYMENT_PENDING', 'IN_PROGRESS', 'PAUSED', 'COMPLETED', 'ROLLED_BACK', 'SUPERSEDED'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** An app has at most one rollout in one of these at a time. */
export const ACTIVE_ROLLOUT_STATUSES = ['DEPLOYMENT_PENDING', 'IN_PROGRESS', 'PAUSED'] as const satisfies readonly RolloutStatus[];

export function isActiveRollout(status: RolloutStatus): boolean {
  return (ACTIVE_ROLLOUT_STATUSES as readonly string[]).includes(status);
}

export const ROLLOUT_STATUS_LABELS: Record<RolloutStatus, string> = {
  DEPLOYMENT_PENDING: 'Deployment Pending',
  IN_PROGRESS: 'In progress',
  PAUSED: 'Paused',
  COMPLETED: 'Completed',
  ROLLED_BACK: 'Rolled back',
  SUPERSEDED: 'Superseded',
};

export const PERCENT_MIN = 1;
export const PERCENT_MAX = 100;

export const BETA_TESTERS_MAX = 10;
export const BETA_INVITE_DAYS = 14;
export const ROLLBACK_REASON_MAX = 500;

/** The 50 states and the District of Columbia, by USPS code. */
export const US_STATES = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
} as const satisfies Record<string, string>;
export type UsState = keyof typeof US_STATES;

export function isUsState(code: string): code is UsState {
  return Object.hasOwn(US_STATES, code);
}

export interface Distribution {
  nationwide: boolean;
  states: string[];
}

/** "United States (nationwide)" or "California, Texas". */
export function distributionLabel(distribution: Distribution): string {
  if (distribution.nationwide) return 'United States (nationwide)';
  return distribution.states.map((code) => (isUsState(code) ? US_STATES[code] : code)).join(', ');
}

/** Why `percent` is not a whole number within 1-100, with its field error code; null when it is. */
function percentProblem(percent: number): { message: string; code: 'INVALID_TYPE' | 'TOO_SMALL' | 'TOO_BIG' } | null {
  if (!Number.isInteger(percent)) return { message: `Percent must be a whole number from ${PERCENT_MIN} to ${PERCENT_MAX}.`, code: 'INVALID_TYPE' };
  if (percent < PERCENT_MIN) return { message: `Percent must be at least ${PERCENT_MIN} %.`, code: 'TOO_SMALL' };
  if (percent > PERCENT_MAX) return { message: `Percent must be at most ${PERCENT_MAX} %.`, code: 'TOO_BIG' };
  return null;
}

export const distributionSchema = z
  .object({
    nationwide: z.boolean(),
    states: z.array(z.string()).max(51, { message: 'At most the 50 states and DC.' }),
  })
  .superRefine((value, context) => {
    const unknown = value.states.filter((code) => !isUsState(code));
    if (unknown.length) {
      context.addIssue({
        code: 'custom',
        path: ['states'],
        message: `Unknown state code${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: use two-letter US codes such as CA or TX (the 50 states and DC).`,
        params: { code: 'NOT_ALLOWED' },
      });
    }
    if (new Set(value.states).size !== value.states.length) {
      context.addIssue({ code: 'custom', path: ['states'], message: 'Each state may be chosen once.', params: { code: 'DUPLICATE' } });
    }
    if (value.nationwide && value.states.length) {
      context.addIssue({ code: 'custom', path: ['states'], message: 'Choose nationwide or states, not both.', params: { code: 'INVALID' } });
    }
    if (!value.nationwide && !value.states.length) {
      context.addIssue({ code: 'custom', path: ['states'], message: 'Choose nationwide or at least one state.', params: { code: 'REQUIRED' } });
    }
  });

/** GRADUAL needs a starting percentage (1-100); FULL is 100 (given or not); BETA takes none. */
export const startRolloutSchema = z
  .object({
    distribution: distributionSchema,
    strategy: z.enum(ROLLOUT_STRATEGIES),
    percent: z.number().nullish(),
  })
  .superRefine((value, context) => {
    const issue = (message: string, code: FieldErrorCode) => context.addIssue({ code: 'custom', path: ['percent'], message, params: { code } });
    if (value.strategy === 'GRADUAL') {
      if (value.percent == null) issue(`A gradual rollout needs a starting percentage (${PERCENT_MIN}-${PERCENT_MAX}).`, 'REQUIRED');
      else {
        const problem = percentProblem(value.percent);
        if (problem) issue(problem.message, problem.code);
      }
    } else if (value.strategy === 'FULL' && value.percent != null && value.percent !== PERCENT_MAX) {
      issue('A full rollout goes to 100 %; leave the percentage out or give 100.', 'INVALID');
    } else if (value.strategy === 'BETA' && value.percent != null) {
      issue('A beta rollout goes to invited testers only; leave the percentage out.', 'INVALID');
    }
  })
  .transform((value) => ({
    ...value,
    percent: value.strategy === 'FULL' ? PERCENT_MAX : value.strategy === 'BETA' ? 0 : (value.percent as number),
  }));

/** Refusal sentence for a new percentage of a rollout now at `current`, or null when allowed. */
export function percentRaiseProblem(current: number, next: number): { message: string; code: 'INVALID_TYPE' | 'TOO_SMALL' | 'TOO_BIG' } | null {
  const problem = percentProblem(next);
  if (problem) return problem;
  if (next <= current)
    return { message: `A rollout's percentage only goes up: it is at ${current} %, so give more than ${current} (at most ${PERCENT_MAX}).`, code: 'TOO_SMALL' };
  return null;
}

export const rollbackReasonSchema = z
  .string()
  .transform((value) => value.trim())
  .refine((value) => value.length > 0, { message: 'Say why you roll back (1-500 characters).', params: { code: 'REQUIRED' } })
  .refine((value) => value.length <= ROLLBACK_REASON_MAX, {
    message: `The reason must be at most ${ROLLBACK_REASON_MAX} characters.`,
    params: { code: 'TOO_LONG' },
  });

export interface ScheduleStep {
  /** Days after the start. */
  day: number;
  percent: number;
}

const SCHEDULE_STEPS: readonly ScheduleStep[] = [
  { day: 0, percent: 1 },
  { day: 1, percent: 5 },
  { day: 3, percent: 25 },
  { day: 5, percent: 50 },
  { day: 7, percent: 100 },
];

/**
 * The schedule the console suggests before a gradual rollout starts: from the starting
 * percentage, the usual steps above it, a week to 100 %. A suggestion only: the developer
 * raises the percentage when they are ready.
 */
export function suggestedSchedule(startPercent: number): ScheduleStep[] {
  const start = Math.min(PERCENT_MAX, Math.max(PERCENT_MIN, Math.round(startPercent)));
  const later = SCHEDULE_STEPS.filter((step) => step.percent > start);
  const offset = later.length ? later[0]!.day - 1 : 0;
  return [{ day: 0, percent: start }, ...later.map((step) => ({ day: Math.max(1, step.day - offset), percent: step.percent }))];
}

export interface VersionRolloutFacts {
  status: RolloutStatus;
  strategy: RolloutStrategy;
  percent: number;
}

/**
 * The label of a version: its latest rollout's state in Ring's words once it has one ("Deployment
 * Pending", "Live to 25 %", "Rolled back", "Superseded"), else its certification's.
 */
export function rolloutVersionLabel(rollout: VersionRolloutFacts): string {
  switch (rollout.status) {
    case 'DEPLOYMENT_PENDING':
      return 'Deployment Pending';
    case 'IN_PROGRESS':
      return rollout.strategy === 'BETA' ? 'Live to beta testers' : `Live to ${rollout.percent} %`;
    case 'PAUSED':
      return rollout.strategy === 'BETA' ? 'Live to beta testers (paused)' : `Live to ${rollout.percent} % (paused)`;
    case 'COMPLETED':
      return 'Live to 100 %';
    case 'ROLLED_BACK':
      return 'Rolled back';
    case 'SUPERSEDED':
      return 'Superseded';
  }
}

/** A rollout reaches the public (not only beta testers): the app is live from then on. */
export function reachesUsers(rollout: VersionRolloutFacts): boolean {
  return (
    rollout.status === 'COMPLETED' || ((rollout.status === 'IN_PROGRESS' || rollout.status === 'PAUSED') && rollout.strategy !== 'BETA' && rollout.percent > 0)
  );
}

/**
 * The Publish step's own status (before the lifecycle's locking): COMPLETE once a version is
 * live to 100 % of its distribution (a later rollout under way does not reopen it), IN_PROGRESS
 * while a rollout is under way or paused, PENDING otherwise.
 */
export function publishStepStatus(facts: { liveToAll: boolean; rolloutUnderWay: boolean }): 'PENDING' | 'IN_PROGRESS' | 'COMPLETE' {
  if (facts.liveToAll) return 'COMPLETE';
  return facts.rolloutUnderWay ? 'IN_PROGRESS' : 'PENDING';
}
