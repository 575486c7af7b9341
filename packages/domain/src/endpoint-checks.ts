/**
 * The Build step's endpoint checks: what is checked, and when Build may be (or stays)
 * complete. Shared by the API (completeBuild, the lifecycle) and the console (the Build page).
 */
import { LINKING_FIELD_LABELS, LINKING_FIELDS, type LinkingField } from './account-linking.ts';

export const CHECKED_ENDPOINTS = ['AUTHORIZATION_URL', 'APP_HOMEPAGE_URL', 'TOKEN_EXCHANGE_URL', 'WEBHOOK_URL'] as const;
export type CheckedEndpoint = (typeof CHECKED_ENDPOINTS)[number];

/** Which saved linking field each checked endpoint is. */
export const ENDPOINT_FIELDS: Record<CheckedEndpoint, LinkingField> = {
  AUTHORIZATION_URL: 'authorizationUrl',
  APP_HOMEPAGE_URL: 'appHomepageUrl',
  TOKEN_EXCHANGE_URL: 'tokenExchangeUrl',
  WEBHOOK_URL: 'webhookUrl',
};

export const ENDPOINT_LABELS: Record<CheckedEndpoint, string> = {
  AUTHORIZATION_URL: 'Authorization URL',
  APP_HOMEPAGE_URL: 'App Homepage URL',
  TOKEN_EXCHANGE_URL: 'Token Exchange URL',
  WEBHOOK_URL: 'Webhook URL',
};

export const ENDPOINT_CHECK_KINDS = ['REACHABLE', 'ANSWERS_BROWSER', 'REFUSES_UNKNOWN_CODE', 'ACCEPTS_SIGNED_EVENT', 'REFUSES_WRONG_SIGNATURE'] as const;
export type EndpointCheckKind = (typeof ENDPOINT_CHECK_KINDS)[number];

export const ENDPOINT_CHECK_DESCRIPTIONS: Record<EndpointCheckKind, string> = {
  REACHABLE: 'The host resolves to a public address, speaks TLS 1.2 or later with a valid certificate, and answers within 5 seconds.',
  ANSWERS_BROWSER: 'A browser’s GET is answered with 2xx or 3xx.',
  REFUSES_UNKNOWN_CODE:
    'A form-encoded POST with an authorization code Ring never issued is answered with 4xx (not 2xx: accepting any code; not 5xx: crashing).',
  ACCEPTS_SIGNED_EVENT: 'A sample event signed with the app’s HMAC Signature Key (X-Signature: sha256=<hex>) is answered with 2xx.',
  REFUSES_WRONG_SIGNATURE: 'The same event with a wrong X-Signature is answered with 4xx (a receiver that skips verification fails).',
};

export const ENDPOINT_CHECK_LABELS: Record<EndpointCheckKind, string> = {
  REACHABLE: 'Reachable over TLS 1.2+',
  ANSWERS_BROWSER: 'Answers a browser',
  REFUSES_UNKNOWN_CODE: 'Refuses an unknown code',
  ACCEPTS_SIGNED_EVENT: 'Accepts a signed event',
  REFUSES_WRONG_SIGNATURE: 'Refuses a wrong signature',
};

/** The checks each endpoint gets, in the order they are shown. */
export const CHECKS_BY_ENDPOINT: Record<CheckedEndpoint, readonly EndpointCheckKind[]> = {
  AUTHORIZATION_URL: ['REACHABLE', 'ANSWERS_BROWSER'],
  APP_HOMEPAGE_URL: ['REACHABLE', 'ANSWERS_BROWSER'],
  TOKEN_EXCHANGE_URL: ['REACHABLE', 'REFUSES_UNKNOWN_CODE'],
  WEBHOOK_URL: ['REACHABLE', 'ACCEPTS_SIGNED_EVENT', 'REFUSES_WRONG_SIGNATURE'],
};

export type LinkingUrls = Record<LinkingField, string | null>;

/** What Build's rules need to know of the latest endpoint check run on staging. */
export interface CheckRunSummary {
  createdAt: Date;
  /** How many of its checks failed (0: it passed). */
  failedChecks: number;
  /** The URLs it checked. */
  urls: LinkingUrls;
}

/** The staging linking URLs as saved now, and when they were last saved. */
export interface SavedLinkingUrls {
  urls: LinkingUrls;
  savedAt: Date | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Dec", in UTC so that the API and every browser say the same day. */
export function shortDay(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

/** The linking fields whose saved URL differs from the one a run checked. */
export function changedLinkingFields(checked: LinkingUrls, saved: LinkingUrls): LinkingField[] {
  return LINKING_FIELDS.filter((field) => (checked[field] ?? null) !== (saved[field] ?? null));
}

function fieldList(fields: LinkingField[]): string {
  const labels = fields.map((field) => LINKING_FIELD_LABELS[field]);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

const checksWord = (count: number) => `${count} check${count === 1 ? '' : 's'}`;

/** Why `completeBuild` is refused now, in a sentence naming what is missing; null when it may complete. */
export function buildBlocker(latestStagingRun: CheckRunSummary | null, staging: SavedLinkingUrls): string | null {
  if (!latestStagingRun) return 'Run the endpoint checks on staging first: Build completes after a run that passes every check.';
  const changed = changedLinkingFields(latestStagingRun.urls, staging.urls);
  if (changed.length > 0) {
    return `The staging ${fieldList(changed)} changed after the last run; run the endpoint checks on staging again.`;
  }
  if (latestStagingRun.failedChecks > 0) {
    return `Run the endpoint checks on staging; the latest run failed ${checksWord(latestStagingRun.failedChecks)}.`;
  }
  return null;
}

/**
 * Why a Build the developer confirmed no longer holds (shown as the step's note, e.g.
 * "Staging webhook URL changed on 12 Dec"), or null while it does.
 */
export function buildInvalidation(latestStagingRun: CheckRunSummary | null, staging: SavedLinkingUrls): string | null {
  if (!latestStagingRun) return 'No endpoint check run on staging.';
  const changed = changedLinkingFields(latestStagingRun.urls, staging.urls);
  if (changed.length > 0) {
    const list = fieldList(changed);
    const when = staging.savedAt ? ` on ${shortDay(staging.savedAt)}` : '';
    return `Staging ${list} changed${when}`;
  }
  if (latestStagingRun.failedChecks > 0) {
    return `The staging endpoint checks of ${shortDay(latestStagingRun.createdAt)} failed ${checksWord(latestStagingRun.failedChecks)}`;
  }
  return null;
}
