import { describe, expect, it } from 'vitest';
import {
  CERTIFICATION_LABELS,
  CERTIFICATION_STATUSES,
  certificationInProgress,
  FINDING_MESSAGE_MAX,
  FINDING_MESSAGE_MIN,
  FINDINGS_MAX,
  isOpenCertification,
  RELEASE_NOTES_MAX,
  RELEASE_NOTES_MIN,
  requestChangesSchema,
  submitForCertificationSchema,
  WITHDRAW_MESSAGE_MAX,
  withdrawCertificationSchema,
} from '../src/certification.ts';
import { fieldIssues } from '../src/validation.ts';

const issuesOf = (result: { success: boolean; error?: unknown }) => (result.success ? [] : fieldIssues(result.error as never));

describe('certification statuses', () => {
  it('uses Ring’s labels where Ring has them', () => {
    expect(CERTIFICATION_LABELS.UNDER_REVIEW).toBe('Certification Under Review');
    expect(CERTIFICATION_LABELS.CERTIFIED).toBe('Certified version available for rollout');
    expect(CERTIFICATION_LABELS.WITHDRAWN).toBe('Certification Withdrawn');
    for (const status of CERTIFICATION_STATUSES) expect(CERTIFICATION_LABELS[status]).toBeTruthy();
  });

  it('only pre-checks and review are open', () => {
    expect(CERTIFICATION_STATUSES.filter(isOpenCertification)).toEqual(['PRECHECKS', 'UNDER_REVIEW']);
  });

  it('the step is in progress unless there is no submission, or the latest was withdrawn or certified', () => {
    expect(certificationInProgress(null)).toBe(false);
    expect(CERTIFICATION_STATUSES.filter(certificationInProgress)).toEqual(['PRECHECKS', 'PRECHECK_FAILED', 'UNDER_REVIEW', 'CHANGES_REQUESTED']);
  });
});

describe('submitForCertification input', () => {
  it(`release notes: ${RELEASE_NOTES_MIN}-${RELEASE_NOTES_MAX} characters, trimmed`, () => {
    const ok = (notes: string) => submitForCertificationSchema.safeParse({ releaseNotes: notes, acknowledge: true }).success;
    expect(ok('x'.repeat(RELEASE_NOTES_MIN))).toBe(true);
    expect(ok(` ${'x'.repeat(RELEASE_NOTES_MIN - 1)} `)).toBe(false);
    expect(ok('x'.repeat(RELEASE_NOTES_MAX))).toBe(true);
    expect(ok('x'.repeat(RELEASE_NOTES_MAX + 1))).toBe(false);
  });

  it('names every problem: blank notes REQUIRED, acknowledgement REQUIRED', () => {
    const issues = issuesOf(submitForCertificationSchema.safeParse({ releaseNotes: '   ', acknowledge: false }));
    expect(issues.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['releaseNotes', 'REQUIRED'],
      ['acknowledge', 'REQUIRED'],
    ]);
  });
});

describe('requestChanges input', () => {
  const finding = { area: 'LISTING', field: 'shortDescription', message: 'x'.repeat(FINDING_MESSAGE_MIN) };

  it('accepts a field of the area, or none', () => {
    expect(requestChangesSchema.safeParse({ findings: [finding, { ...finding, field: null }, { ...finding, area: 'OTHER', field: undefined }] }).success).toBe(
      true,
    );
  });

  it('refuses a field of another area, naming the allowed ones', () => {
    const issues = issuesOf(requestChangesSchema.safeParse({ findings: [{ ...finding, area: 'MEDIA' }] }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['findings', '0', 'field'], code: 'NOT_ALLOWED' });
    expect(issues[0]!.message).toContain('mainImage');
  });

  it(`messages of ${FINDING_MESSAGE_MIN}-${FINDING_MESSAGE_MAX} characters`, () => {
    const with_ = (message: string) => requestChangesSchema.safeParse({ findings: [{ ...finding, message }] }).success;
    expect(with_('x'.repeat(FINDING_MESSAGE_MIN - 1))).toBe(false);
    expect(with_('x'.repeat(FINDING_MESSAGE_MAX))).toBe(true);
    expect(with_('x'.repeat(FINDING_MESSAGE_MAX + 1))).toBe(false);
  });

  it(`1-${FINDINGS_MAX} findings`, () => {
    expect(issuesOf(requestChangesSchema.safeParse({ findings: [] }))[0]?.code).toBe('TOO_FEW');
    expect(requestChangesSchema.safeParse({ findings: Array(FINDINGS_MAX).fill(finding) }).success).toBe(true);
    expect(issuesOf(requestChangesSchema.safeParse({ findings: Array(FINDINGS_MAX + 1).fill(finding) }))[0]?.code).toBe('TOO_MANY');
  });
});

describe('withdrawCertification input', () => {
  it(`a reason of the list and a message of 1-${WITHDRAW_MESSAGE_MAX} characters`, () => {
    const ok = (reason: string, message: string) => withdrawCertificationSchema.safeParse({ reason, message }).success;
    expect(ok('FOUND_A_PROBLEM', 'x')).toBe(true);
    expect(ok('FOUND_A_PROBLEM', ' ')).toBe(false);
    expect(ok('FOUND_A_PROBLEM', 'x'.repeat(WITHDRAW_MESSAGE_MAX))).toBe(true);
    expect(ok('FOUND_A_PROBLEM', 'x'.repeat(WITHDRAW_MESSAGE_MAX + 1))).toBe(false);
    expect(ok('BORED', 'x')).toBe(false);
  });
});
