/**
 * The automated pre-checks that run as soon as a version is submitted, in order, each recorded
 * item by item as { item, passed, message }. All pass: the submission goes to review; any
 * fails: PRECHECK_FAILED, and the developer fixes the draft and submits again.
 */
import { changedLinkingFields, describeMissing, guidelineChecks, LINKING_FIELD_LABELS, listingMissing, type Listing } from '@ring/domain';
import { describeError, log } from '../../observability/logger.ts';
import { checkRunSummary } from '../endpoint-checks/endpoint-checks.facts.ts';
import type { latestRun } from '../endpoint-checks/endpoint-checks.service.ts';

/** The version being checked. */
export interface PrecheckSubject {
  appId: string;
  versionId: string;
  listing: Listing;
  /** The latest endpoint check run on production when the version was submitted, or null. */
  productionRun: Awaited<ReturnType<typeof latestRun>>;
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
 * Production endpoints reachable: the latest endpoint check run on PRODUCTION (Build page) passed
 * every check against the URLs this version carries. The run is the developer's to make rather
 * than ours at submit time, so a submission never waits on (or is rate-limited by) a slow partner,
 * and the failure names what to run again.
 */
const endpoints: Precheck = {
  item: 'ENDPOINTS',
  description: 'The latest endpoint check run on production passed every check, against the URLs in this version.',
  run: async ({ productionRun: run, listing }) => {
    if (!run) return { passed: false, message: 'Run the endpoint checks on production (Build page); Ring reviews an app whose production endpoints answer.' };
    const summary = checkRunSummary(run);
    const changed = changedLinkingFields(summary.urls, listing.accountLinking.PRODUCTION);
    if (changed.length > 0) {
      const names = changed.map((field) => LINKING_FIELD_LABELS[field]).join(', ');
      return { passed: false, message: `The production ${names} changed after the last endpoint check run; run the checks on production again.` };
    }
    if (summary.failedChecks > 0) {
      const count = summary.failedChecks;
      return {
        passed: false,
        message: `The latest endpoint check run on production failed ${count} ${count === 1 ? 'check' : 'checks'}; fix them and run the checks again.`,
      };
    }
    return { passed: true, message: 'The production endpoints passed every endpoint check.' };
  },
};

/** Our App Information Guidelines find no errors in the version's listing (warnings do not block). */
const guidelines: Precheck = {
  item: 'GUIDELINES',
  description: 'The listing breaks none of our App Information Guidelines (warnings allowed).',
  run: async ({ listing }) => {
    const errors = guidelineChecks(listing).filter((check) => check.severity === 'ERROR');
    if (errors.length === 0) return { passed: true, message: 'No guideline errors (see the listing preview for any warnings).' };
    return { passed: false, message: `Guideline errors: ${errors.map((check) => check.message).join(' ')}` };
  },
};

/** The registry of pre-checks, run in this order. */
export const PRECHECKS: Precheck[] = [configuration, endpoints, guidelines];

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
