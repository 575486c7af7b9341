/**
 * What must be done before an app may be submitted for certification: each requirement answers
 * the items still missing, as sentences a developer can act on ("Test is not complete.").
 * submitForCertification runs them all and names every missing item at once.
 */
import type { Prisma } from '@ring/db';
import { confirmedStepState, type LifecycleFacts } from '@ring/domain';
import { questionnaireMissing } from '../certification-forms/questionnaire.service.ts';
import { reviewerNotesMissing } from '../certification-forms/reviewer-notes.service.ts';

export type Db = Prisma.TransactionClient;

/** The lifecycle steps before Certify: Configure (both sections), Build and Test complete. */
export function stepsMissing(facts: LifecycleFacts): string[] {
  const missing: string[] = [];
  if (!facts.appInformationComplete) missing.push('Configure: App information is not complete (every required field of the four tabs).');
  if (!facts.accountLinkingComplete) missing.push('Configure: Account linking is not complete (all four URLs in staging and in production).');
  if (confirmedStepState(facts.build).status !== 'COMPLETE') missing.push('Build is not complete.');
  if (!facts.testComplete) missing.push('Test is not complete.');
  return missing;
}

/** A requirement kept by another module: the items it still misses for this app (none: []). */
export type SubmissionRequirement = (db: Db, appId: string) => Promise<string[]>;

/** Requirements owned by other modules, run in this order after the steps. */
export const SUBMISSION_REQUIREMENTS: SubmissionRequirement[] = [questionnaireMissing, reviewerNotesMissing];

/** Every missing item: the steps first, then each requirement's. */
export async function missingForSubmission(db: Db, appId: string, facts: LifecycleFacts): Promise<string[]> {
  const others = await Promise.all(SUBMISSION_REQUIREMENTS.map((requirement) => requirement(db, appId)));
  return [...stepsMissing(facts), ...others.flat()];
}
