/**
 * The automated pre-checks that run as soon as a version is submitted, in order, each recorded
 * item by item as { item, passed, message }. All pass: the submission goes to review; any
 * fails: PRECHECK_FAILED, and the developer fixes the draft and submits again.
 */
import { describeMissing, listingMissing, type ListingSnapshot } from '@ring/domain';
import { describeError, log } from '../../observability/logger.ts';

/** The version being checked. */
export interface PrecheckSubject {
  appId: string;
  versionId: string;
  listing: ListingSnapshot;
}

export interface PrecheckResult {
  item: string;
  passed: boolean;
  message: string;
}

export interface Precheck {
  /** A value of the PrecheckItem enum (PRECHECK_ITEMS below). */
  item: string;
  description: string;
  run: (subject: PrecheckSubject) => Promise<Omit<PrecheckResult, 'item'>>;
}

/** The frozen version has every required field of Configure. */
const configuration: Precheck = {
  item: 'CONFIGURATION',
  description: 'The version has every required field of App information and both environments’ linking URLs.',
  run: async ({ listing }) => {
    const missing = listingMissing(listing);
    if (missing.length === 0) return { passed: true, message: 'Every required field of Configure is in this version.' };
    const named = missing.map((field) => {
      const [environment, url] = field.includes('.') ? field.split('.') : [null, field];
      return environment ? `${describeMissing([url!])} (${environment.toLowerCase()})` : describeMissing([field]);
    });
    return { passed: false, message: `Missing from this version: ${named.join(', ')}.` };
  },
};

/**
 * INTEGRATION POINT: the registry of pre-checks, run in this order. Production endpoint
 * reachability (ENDPOINTS, the Build checks on PRODUCTION) and guideline checks without errors
 * (GUIDELINES) are added here as further entries with their item names.
 */
export const PRECHECKS: Precheck[] = [configuration];

/** The item names, for the PrecheckItem enum. */
export const PRECHECK_ITEMS = () => PRECHECKS.map((check) => ({ item: check.item, description: check.description }));

/** Runs every pre-check; one that throws is recorded as failed, not lost. */
export async function runPrechecks(subject: PrecheckSubject): Promise<PrecheckResult[]> {
  const results: PrecheckResult[] = [];
  for (const check of PRECHECKS) {
    try {
      results.push({ item: check.item, ...(await check.run(subject)) });
    } catch (error) {
      log('error', 'certification: a pre-check failed to run', { item: check.item, versionId: subject.versionId, cause: describeError(error) });
      results.push({ item: check.item, passed: false, message: 'This check could not run; submit again later.' });
    }
  }
  return results;
}
