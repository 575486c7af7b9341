/**
 * The app lifecycle as pure rules: Configure, Build, Test, Certify, Publish. The spec locks
 * steps 3-5 until the earlier steps are complete; Configure and Build are open from the start.
 */
import { publishStepStatus } from './publish.ts';

export const LIFECYCLE_STEPS = ['CONFIGURE', 'BUILD', 'TEST', 'CERTIFY', 'PUBLISH'] as const;
export type LifecycleStepName = (typeof LIFECYCLE_STEPS)[number];

export const STEP_STATUSES = ['LOCKED', 'PENDING', 'IN_PROGRESS', 'COMPLETE'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const SECTION_STATUSES = ['PENDING', 'COMPLETE'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

/** Steps that stay LOCKED until every earlier step is COMPLETE. */
const GATED_FROM_INDEX = 2;

/**
 * A step the developer confirms (Build, Test) whose confirmation can stop holding, e.g. when a
 * linking URL changes after it: the step goes back to IN_PROGRESS with the reason as its note.
 */
export interface ConfirmedStepFacts {
  /** Anything of the step done yet (a check run, a test event...). */
  started: boolean;
  /** The developer confirmed the step (completeBuild, completeTest). */
  confirmed: boolean;
  /** Why the confirmation no longer holds, in a sentence; null while it holds. */
  invalidatedBecause: string | null;
}

export interface LifecycleFacts {
  appInformationComplete: boolean;
  accountLinkingComplete: boolean;
  /** Anything of Configure saved yet (a tab or an environment). */
  configureStarted: boolean;
  build: ConfirmedStepFacts;
  testComplete: boolean;
  /** A link rehearsal or a test event exists. */
  testStarted: boolean;
  /** Some version is CERTIFIED (and was not withdrawn). */
  certified: boolean;
  /** The latest submission awaits pre-checks, review, or the developer's fix (certification.ts). */
  certificationInProgress: boolean;
  /** A version is live to 100 % of its distribution (publish.ts). */
  liveToAll: boolean;
  /** A rollout is pending, under way or paused. */
  rolloutUnderWay: boolean;
}

export interface LifecycleStep {
  step: LifecycleStepName;
  status: StepStatus;
  /** Why the step is where it is when that is not obvious (a confirmed step sent back); else null. */
  note: string | null;
}

type OwnState = Omit<LifecycleStep, 'step'>;

const plain = (status: StepStatus): OwnState => ({ status, note: null });

/** COMPLETE while confirmed and still valid; sent back to IN_PROGRESS, with why, when no longer valid. */
export function confirmedStepState(facts: ConfirmedStepFacts): OwnState {
  if (facts.confirmed) return facts.invalidatedBecause === null ? plain('COMPLETE') : { status: 'IN_PROGRESS', note: facts.invalidatedBecause };
  return plain(facts.started ? 'IN_PROGRESS' : 'PENDING');
}

export function sectionStatus(complete: boolean): SectionStatus {
  return complete ? 'COMPLETE' : 'PENDING';
}

export function configureStatus(facts: LifecycleFacts): StepStatus {
  if (facts.appInformationComplete && facts.accountLinkingComplete) return 'COMPLETE';
  return facts.configureStarted ? 'IN_PROGRESS' : 'PENDING';
}

export function lifecycle(facts: LifecycleFacts): LifecycleStep[] {
  const own: Record<LifecycleStepName, OwnState> = {
    CONFIGURE: plain(configureStatus(facts)),
    BUILD: confirmedStepState(facts.build),
    TEST: plain(facts.testComplete ? 'COMPLETE' : facts.testStarted ? 'IN_PROGRESS' : 'PENDING'),
    CERTIFY: plain(facts.certified ? 'COMPLETE' : facts.certificationInProgress ? 'IN_PROGRESS' : 'PENDING'),
    PUBLISH: plain(publishStepStatus(facts)),
  };
  let earlierComplete = true;
  return LIFECYCLE_STEPS.map((step, index) => {
    const state = index >= GATED_FROM_INDEX && !earlierComplete ? plain('LOCKED') : own[step];
    earlierComplete &&= state.status === 'COMPLETE';
    return { step, ...state };
  });
}

/** The step the developer is working on: the first that is not COMPLETE (or PUBLISH when all are). */
export function currentStep(steps: LifecycleStep[]): LifecycleStepName {
  return steps.find((entry) => entry.status !== 'COMPLETE')?.step ?? 'PUBLISH';
}
