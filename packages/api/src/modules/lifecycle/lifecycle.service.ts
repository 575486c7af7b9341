/**
 * Lifecycle facts from the rows that exist, each asked of the module that owns them (App
 * Information, account linking) through its typed selection and pure functions. Tab and
 * AccountLinking rows may be absent: absent means nothing saved yet.
 */
import { lifecycle, sectionStatus, type LifecycleFacts, type LifecycleStep, type SectionStatus } from '@ring/domain';
import {
  ACCOUNT_LINKING_FACTS_SELECT,
  accountLinkingComplete,
  accountLinkingStarted,
  type AccountLinkingFacts,
} from '../account-linking/account-linking.service.ts';
import { TEST_FACTS_SELECT, testStarted, type TestFacts } from '../link-rehearsals/test-step.facts.ts';
import { APP_INFO_FACTS_SELECT, appInformationComplete, appInformationStarted, type AppInfoFacts } from '../app-info/app-info.facts.ts';
import { buildStepFacts, ENDPOINT_CHECK_FACTS_SELECT, type EndpointCheckFacts } from '../endpoint-checks/endpoint-checks.facts.ts';
import { CERTIFICATION_FACTS_SELECT, certificationUnderWay, type CertificationFacts } from '../certification/certification.facts.ts';
import { liveToAll, ROLLOUT_FACTS_SELECT, rolloutUnderWay, type RolloutFacts } from '../rollouts/rollouts.facts.ts';

/** What the lifecycle needs of an App, as a Prisma select (merged into the field's query). */
export const LIFECYCLE_SELECT = {
  publishedAt: true,
  buildCompletedAt: true,
  testCompletedAt: true,
  certifiedAt: true,
  ...APP_INFO_FACTS_SELECT,
  ...ACCOUNT_LINKING_FACTS_SELECT,
  ...ENDPOINT_CHECK_FACTS_SELECT,
  ...TEST_FACTS_SELECT,
  ...CERTIFICATION_FACTS_SELECT,
  ...ROLLOUT_FACTS_SELECT,
} as const;

export interface LifecycleRows extends AppInfoFacts, AccountLinkingFacts, EndpointCheckFacts, Partial<TestFacts>, CertificationFacts, RolloutFacts {
  publishedAt: Date | null;
  buildCompletedAt: Date | null;
  testCompletedAt: Date | null;
  certifiedAt: Date | null;
}

export function lifecycleFacts(rows: LifecycleRows): LifecycleFacts {
  return {
    appInformationComplete: appInformationComplete(rows),
    accountLinkingComplete: accountLinkingComplete(rows),
    configureStarted: appInformationStarted(rows) || accountLinkingStarted(rows),
    build: buildStepFacts(rows),
    testComplete: rows.testCompletedAt !== null,
    testStarted: testStarted(rows),
    certified: rows.certifiedAt !== null,
    certificationInProgress: certificationUnderWay(rows),
    liveToAll: liveToAll(rows),
    rolloutUnderWay: rolloutUnderWay(rows),
  };
}

export function appLifecycle(rows: LifecycleRows): LifecycleStep[] {
  return lifecycle(lifecycleFacts(rows));
}

export function configureOverview(rows: LifecycleRows): { appInformation: SectionStatus; accountLinking: SectionStatus } {
  return { appInformation: sectionStatus(appInformationComplete(rows)), accountLinking: sectionStatus(accountLinkingComplete(rows)) };
}
