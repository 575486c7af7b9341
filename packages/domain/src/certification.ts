/**
 * Certify (lifecycle step 4): the statuses of a submission, Ring's labels for them, and the
 * rules of what a developer or reviewer may send (release notes, findings, withdrawal). Pure,
 * so that the API and the console apply the same limits and show the same words.
 */
import { z } from 'zod';
import { characterCount, normalizeText, textLimitProblem } from './text.ts';

export const CERTIFICATION_STATUSES = ['PRECHECKS', 'PRECHECK_FAILED', 'UNDER_REVIEW', 'CHANGES_REQUESTED', 'CERTIFIED', 'WITHDRAWN'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

/** A submission in one of these is open: the app may have at most one, and it can be withdrawn. */
export const OPEN_CERTIFICATION_STATUSES = ['PRECHECKS', 'UNDER_REVIEW'] as const satisfies readonly CertificationStatus[];

export function isOpenCertification(status: CertificationStatus): boolean {
  return (OPEN_CERTIFICATION_STATUSES as readonly string[]).includes(status);
}

/**
 * Ring's public labels where Ring has one; ours for the two states Ring names none for
 * (pre-checks and a rejection).
 */
export const CERTIFICATION_LABELS: Record<CertificationStatus, string> = {
  PRECHECKS: 'Pre-checks Running',
  PRECHECK_FAILED: 'Pre-checks Failed',
  UNDER_REVIEW: 'Certification Under Review',
  CHANGES_REQUESTED: 'Changes Requested',
  CERTIFIED: 'Certified version available for rollout',
  WITHDRAWN: 'Certification Withdrawn',
};

export const EXPECTED_REVIEW_TIME = 'usually 1-2 business days';

/**
 * The Certify step's own status (before the lifecycle's locking): COMPLETE once a version is
 * certified; IN_PROGRESS while the latest submission waits on the reviewer or on the
 * developer's fix (a failed pre-check or requested changes); PENDING with none, or when the
 * latest was withdrawn.
 */
export function certificationInProgress(latestStatus: CertificationStatus | null): boolean {
  return latestStatus !== null && latestStatus !== 'WITHDRAWN' && latestStatus !== 'CERTIFIED';
}

// ---------------------------------------------------------------------------- Release notes

export const RELEASE_NOTES_MIN = 10;
export const RELEASE_NOTES_MAX = 1000;

/** Text between `min` and `max` characters, trimmed and NFC-normalised; blank is REQUIRED. */
export function boundedTextSchema(label: string, min: number, max: number) {
  return z
    .string()
    .transform((value) => normalizeText(value).trim())
    .superRefine((value, context) => {
      if (value === '') {
        context.addIssue({ code: 'custom', message: `${label} is required (${min}-${max} characters).`, params: { code: 'REQUIRED' } });
        return;
      }
      const count = characterCount(value);
      if (count < min) {
        context.addIssue({ code: 'custom', message: `${label} must be at least ${min} characters (it has ${count}).`, params: { code: 'TOO_SHORT' } });
      }
      const problem = textLimitProblem(label, value, max);
      if (problem) context.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) {
        context.addIssue({ code: 'custom', message: `${label} must not contain control characters.`, params: { code: 'INVALID_CHARACTERS' } });
      }
    });
}

export const releaseNotesSchema = boundedTextSchema('Release notes', RELEASE_NOTES_MIN, RELEASE_NOTES_MAX);

/** Ring's own sentence, repeated as the checkbox of the submit form. */
export const CERTIFICATION_ACKNOWLEDGEMENT =
  'I have tested the account-linking workflow in the staging environment with both staging and production endpoints.';

export const submitForCertificationSchema = z.object({
  releaseNotes: releaseNotesSchema,
  acknowledge: z.boolean().refine((value) => value, {
    message: `Tick the acknowledgement: "${CERTIFICATION_ACKNOWLEDGEMENT}"`,
    params: { code: 'REQUIRED' },
  }),
});

// ---------------------------------------------------------------------------- Findings

export const FINDING_AREAS = [
  'LISTING',
  'MEDIA',
  'COMPATIBILITY',
  'ADDITIONAL',
  'ACCOUNT_LINKING',
  'QUESTIONNAIRE',
  'REVIEWER_NOTES',
  'ENDPOINTS',
  'OTHER',
] as const;
export type FindingArea = (typeof FINDING_AREAS)[number];

/**
 * The input fields a finding may name in each area: the save mutations' field names, so the
 * console can show the finding beside that field. Areas whose forms other modules own
 * (questionnaire, reviewer notes) take no field until their field names are added here.
 */
export const FINDING_FIELDS: Record<FindingArea, readonly string[]> = {
  LISTING: ['publicName', 'icon', 'shortDescription', 'detailedDescription', 'categories', 'latestRelease'],
  MEDIA: ['mainImage', 'additionalImages', 'video', 'videoThumbnail'],
  COMPATIBILITY: ['features', 'requirements', 'customerTypes', 'supportedDevices', 'cameraTypes'],
  ADDITIONAL: ['developerInfo', 'websiteUrl', 'supportUrl', 'privacyPolicyUrl', 'termsOfServiceUrl'],
  ACCOUNT_LINKING: ['authorizationUrl', 'appHomepageUrl', 'tokenExchangeUrl', 'webhookUrl'],
  QUESTIONNAIRE: [],
  REVIEWER_NOTES: [],
  ENDPOINTS: [],
  OTHER: [],
};

export const FINDING_AREA_LABELS: Record<FindingArea, string> = {
  LISTING: 'Listing (General)',
  MEDIA: 'Media',
  COMPATIBILITY: 'Compatibility',
  ADDITIONAL: 'Additional info',
  ACCOUNT_LINKING: 'Account linking',
  QUESTIONNAIRE: 'Questionnaire',
  REVIEWER_NOTES: 'Reviewer notes',
  ENDPOINTS: 'Endpoints',
  OTHER: 'Other',
};

export const FINDING_MESSAGE_MIN = 10;
export const FINDING_MESSAGE_MAX = 1000;
export const FINDINGS_MAX = 20;

export const findingSchema = z
  .object({
    area: z.enum(FINDING_AREAS),
    field: z
      .string()
      .nullish()
      .transform((value) => (value == null || value.trim() === '' ? null : value.trim())),
    message: boundedTextSchema('Finding', FINDING_MESSAGE_MIN, FINDING_MESSAGE_MAX),
  })
  .superRefine((finding, context) => {
    if (finding.field === null) return;
    const allowed = FINDING_FIELDS[finding.area];
    if (!allowed.includes(finding.field)) {
      context.addIssue({
        code: 'custom',
        path: ['field'],
        message: allowed.length
          ? `"${finding.field}" is not a field of ${finding.area}; use one of ${allowed.join(', ')}, or none.`
          : `${finding.area} findings name no field; leave it out.`,
        params: { code: 'NOT_ALLOWED' },
      });
    }
  });

export const requestChangesSchema = z.object({
  findings: z.array(findingSchema).min(1, 'Give at least one finding: what the developer must change.').max(FINDINGS_MAX, `At most ${FINDINGS_MAX} findings.`),
});

export type Finding = z.output<typeof findingSchema>;

// ---------------------------------------------------------------------------- Withdrawal

export const WITHDRAW_REASONS = ['FOUND_A_PROBLEM', 'CHANGES_COMING', 'SUBMITTED_BY_MISTAKE', 'OTHER'] as const;
export type WithdrawReason = (typeof WITHDRAW_REASONS)[number];

export const WITHDRAW_REASON_LABELS: Record<WithdrawReason, string> = {
  FOUND_A_PROBLEM: 'I found a problem in this version',
  CHANGES_COMING: 'More changes are coming before review',
  SUBMITTED_BY_MISTAKE: 'Submitted by mistake',
  OTHER: 'Another reason',
};

export const WITHDRAW_MESSAGE_MAX = 500;

export const withdrawCertificationSchema = z.object({
  reason: z.enum(WITHDRAW_REASONS),
  message: boundedTextSchema('Message', 1, WITHDRAW_MESSAGE_MAX),
});
