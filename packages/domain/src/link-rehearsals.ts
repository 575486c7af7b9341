/**
 * The link rehearsal: Ring's one-way account linking played against a partner's own endpoints
 * by the sandbox Ring API. The time limits are Ring's (RING.md); the Test rule's rehearsal part
 * is here so that the API (which enforces it) and the console (which explains it) agree.
 */
import { ENVIRONMENT_LABELS, type LinkingEnvironment } from './account-linking.ts';

export const LINK_REHEARSAL_STATUSES = ['CODE_SENT', 'CODE_EXCHANGED', 'ACCOUNT_FETCHED', 'AWAITING', 'COMPLETED', 'FAILED'] as const;
export type LinkRehearsalStatus = (typeof LINK_REHEARSAL_STATUSES)[number];

export const LINK_REHEARSAL_STEP_KINDS = [
  'CODE_SENT',
  'TOKEN_EXCHANGE_ANSWERED',
  'CODE_EXCHANGED',
  'TOKEN_REFRESHED',
  'ACCOUNT_FETCHED',
  'INTEGRATION_POSTED',
  'INTEGRATION_COMPLETED',
  'CODE_EXPIRED',
] as const;
export type LinkRehearsalStepKind = (typeof LINK_REHEARSAL_STEP_KINDS)[number];

export interface LinkRehearsalStep {
  /** ISO 8601. */
  at: string;
  kind: LinkRehearsalStepKind;
  ok: boolean;
  message: string;
}

/** Ring: the partner must exchange the code within one minute. */
export const CODE_LIFETIME_MS = 60_000;
/** Ring: `expires_in: 14400` (4 hours). */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 14_400;
/** Ring: refresh tokens last about 30 days. */
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** Ring's own checkbox sentence on its Test step. */
export const TEST_ACKNOWLEDGEMENT = 'I have tested the account-linking workflow in the staging environment with both staging and production endpoints';

/** Nothing more happens to a rehearsal in these states. */
export function rehearsalFinished(status: LinkRehearsalStatus): boolean {
  return status === 'COMPLETED' || status === 'FAILED';
}

/** Whole seconds left for the code exchange at `now` (0 once expired), for the console's countdown. */
export function codeSecondsLeft(codeSentAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((codeSentAt.getTime() + CODE_LIFETIME_MS - now.getTime()) / 1000));
}

/** The linking URLs a rehearsal ran against (and those saved now). */
export interface RehearsedUrls {
  authorizationUrl: string | null;
  appHomepageUrl: string | null;
  tokenExchangeUrl: string | null;
  webhookUrl: string | null;
}

export interface RehearsalForTest extends RehearsedUrls {
  environment: LinkingEnvironment;
  status: LinkRehearsalStatus;
}

function sameUrls(a: RehearsedUrls, b: RehearsedUrls): boolean {
  return (
    a.authorizationUrl === b.authorizationUrl &&
    a.appHomepageUrl === b.appHomepageUrl &&
    a.tokenExchangeUrl === b.tokenExchangeUrl &&
    a.webhookUrl === b.webhookUrl
  );
}

/**
 * Test's rehearsal requirement, one sentence per environment that lacks it: a rehearsal
 * COMPLETED against the linking URLs saved now. A rehearsal of URLs since changed proves
 * nothing about the new ones, so it no longer counts (LIFECYCLE.md: "since the linking URLs of
 * each environment last changed").
 */
export function missingLinkRehearsals(rehearsals: ReadonlyArray<RehearsalForTest>, savedUrls: Record<LinkingEnvironment, RehearsedUrls>): string[] {
  const missing: string[] = [];
  for (const environment of ['STAGING', 'PRODUCTION'] as const) {
    const done = rehearsals.some((r) => r.environment === environment && r.status === 'COMPLETED' && sameUrls(r, savedUrls[environment]));
    if (!done) {
      missing.push(`A link rehearsal on ${ENVIRONMENT_LABELS[environment].toLowerCase()} completed since its linking URLs last changed.`);
    }
  }
  return missing;
}
