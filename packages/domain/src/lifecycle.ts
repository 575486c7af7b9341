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

export interface LifecycleFacts {
  appInformationComplete: boolean;
  accountLinkingComplete: boolean;
  /** Anything of Configure saved yet (a tab or an environment). */
  configureStarted: boolean;
  buildComplete: boolean;
  testComplete: boolean;
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
}

export function sectionStatus(complete: boolean): SectionStatus {
  return complete ? 'COMPLETE' : 'PENDING';
}

export function configureStatus(facts: LifecycleFacts): StepStatus {
  if (facts.appInformationComplete && facts.accountLinkingComplete) return 'COMPLETE';
  return facts.configureStarted ? 'IN_PROGRESS' : 'PENDING';
}

export function lifecycle(facts: LifecycleFacts): LifecycleStep[] {
  const own: Record<LifecycleStepName, StepStatus> = {
    CONFIGURE: configureStatus(facts),
    BUILD: facts.buildComplete ? 'COMPLETE' : 'PENDING',
    TEST: facts.testComplete ? 'COMPLETE' : 'PENDING',
    CERTIFY: facts.certified ? 'COMPLETE' : facts.certificationInProgress ? 'IN_PROGRESS' : 'PENDING',
    PUBLISH: publishStepStatus(facts),
  };
  let earlierComplete = true;
  return LIFECYCLE_STEPS.map((step, index) => {
    const status: StepStatus = index >= GATED_FROM_INDEX && !earlierComplete ? 'LOCKED' : own[step];
    earlierComplete &&= status === 'COMPLETE';
    return { step, status };
  });
}

/** The step the developer is working on: the first that is not COMPLETE (or PUBLISH when all are). */
export function currentStep(steps: LifecycleStep[]): LifecycleStepName {
  return steps.find((entry) => entry.status !== 'COMPLETE')?.step ?? 'PUBLISH';
}
