/**
 * The certification mutations: the developer's (submit, withdraw) and the reviewer's (claim,
 * approve, request changes; REVIEWER only, others get ForbiddenError). Inputs are validated in
 * the service with the @ring/domain schemas, so that ownership is decided first (another
 * developer's submission is NotFoundError whatever the input) and every wrong field is named.
 */
import {
  CERTIFICATION_ACKNOWLEDGEMENT,
  FINDING_MESSAGE_MAX,
  FINDING_MESSAGE_MIN,
  FINDINGS_MAX,
  RELEASE_NOTES_MAX,
  RELEASE_NOTES_MIN,
  WITHDRAW_MESSAGE_MAX,
} from '@ring/domain';
import { builder } from '../../builder.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { CertificationSubmissionRef, FindingAreaEnum, WithdrawReasonEnum } from './certification.type.ts';
import * as certification from './certification.service.ts';

type Submission = Awaited<ReturnType<typeof certification.claimReview>>;

function successType(name: string, description: string) {
  return builder.simpleObject(name, {
    description,
    fields: (t) => ({ submission: t.field({ type: CertificationSubmissionRef, description: 'The submission as it is now.' }) }),
  }) as unknown as Parameters<typeof developerMutation<unknown, { submission: Submission }>>[1]['type'];
}

const SubmitForCertificationInput = builder.inputType('SubmitForCertificationInput', {
  description: 'Submits the draft as a new version for certification.',
  fields: (t) => ({
    appId: t.id({ description: 'The app’s global id.' }),
    releaseNotes: t.string({ description: `What is new in this version (${RELEASE_NOTES_MIN}-${RELEASE_NOTES_MAX} characters, trimmed).` }),
    acknowledge: t.boolean({ description: `Must be true: “${CERTIFICATION_ACKNOWLEDGEMENT}”` }),
  }),
});

developerMutation('submitForCertification', {
  type: successType('SubmitForCertificationSuccess', 'The version is frozen and its pre-checks have run.'),
  input: SubmitForCertificationInput,
  description:
    'Freezes the draft (the four App Information tabs, their media and both environments’ linking URLs) as the next numbered version and submits it. ' +
    'Pre-checks run at once: all passed, the submission is UNDER_REVIEW; any failed, PRECHECK_FAILED (fix the draft and submit again). ' +
    'Refused with a ValidationError naming every missing item (path ["appId"], code NOT_READY: Configure, Build, Test, …) and every wrong field; ' +
    'ConflictError while another submission of the app is open.',
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context) => ({
    submission: await certification.submitForCertification(context.viewer, { ...input, appId: String(input.appId) }),
  }),
});

const WithdrawCertificationInput = builder.inputType('WithdrawCertificationInput', {
  description: 'Withdraws an open submission.',
  fields: (t) => ({
    submissionId: t.id({ description: 'The submission’s global id.' }),
    reason: t.field({ type: WithdrawReasonEnum, description: 'Why.' }),
    message: t.string({ description: `In your words (1-${WITHDRAW_MESSAGE_MAX} characters).` }),
  }),
});

developerMutation('withdrawCertification', {
  type: successType('WithdrawCertificationSuccess', 'The submission is WITHDRAWN.'),
  input: WithdrawCertificationInput,
  description:
    'Withdraws your submission while it is in PRECHECKS or UNDER_REVIEW. A decided one (CERTIFIED, CHANGES_REQUESTED), a failed or a withdrawn one answers ConflictError.',
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context) => ({
    submission: await certification.withdrawCertification(context.viewer, { ...input, submissionId: String(input.submissionId) }),
  }),
});

const SubmissionInput = (name: string, description: string) =>
  builder.inputType(name, { description, fields: (t) => ({ submissionId: t.id({ description: 'The submission’s global id.' }) }) });

developerMutation('claimReview', {
  type: successType('ClaimReviewSuccess', 'You are the submission’s reviewer.'),
  input: SubmissionInput('ClaimReviewInput', 'The submission to review.'),
  scope: 'reviewer',
  description:
    'REVIEWER only: takes a submission UNDER_REVIEW, so that you may decide it. ConflictError when another reviewer has it or it is not under review.',
  errors: [NotFoundError, ConflictError, ForbiddenError],
  resolve: async (input, context) => ({ submission: await certification.claimReview(context.viewer, String(input.submissionId)) }),
});

developerMutation('approveCertification', {
  type: successType('ApproveCertificationSuccess', 'The version is CERTIFIED.'),
  input: SubmissionInput('ApproveCertificationInput', 'The submission to approve.'),
  scope: 'reviewer',
  description:
    'REVIEWER only: certifies the version of a submission you have claimed; the app’s Certify step is complete and Publish unlocks. ConflictError without your claim or when it is not under review.',
  errors: [NotFoundError, ConflictError, ForbiddenError],
  resolve: async (input, context) => ({ submission: await certification.approveCertification(context.viewer, String(input.submissionId)) }),
});

const ReviewFindingInput = builder.inputType('ReviewFindingInput', {
  description: 'One thing the developer must change.',
  fields: (t) => ({
    area: t.field({ type: FindingAreaEnum, description: 'The part of the app.' }),
    field: t.string({ required: false, description: 'Optionally the input field it is about, one of the area’s (e.g. shortDescription for LISTING).' }),
    message: t.string({ description: `What to change and why (${FINDING_MESSAGE_MIN}-${FINDING_MESSAGE_MAX} characters).` }),
  }),
});

const RequestChangesInput = builder.inputType('RequestChangesInput', {
  description: 'Sends a submission back with findings.',
  fields: (t) => ({
    submissionId: t.id({ description: 'The submission’s global id.' }),
    findings: t.field({ type: [ReviewFindingInput], description: `1-${FINDINGS_MAX} findings.` }),
  }),
});

developerMutation('requestChanges', {
  type: successType('RequestChangesSuccess', 'The submission is CHANGES_REQUESTED with your findings.'),
  input: RequestChangesInput,
  scope: 'reviewer',
  description:
    'REVIEWER only: sends a submission you have claimed back to the developer with findings; they fix the draft and submit a new version. ConflictError without your claim or when it is not under review.',
  errors: [NotFoundError, ConflictError, ForbiddenError],
  resolve: async (input, context) => ({
    submission: await certification.requestChanges(context.viewer, { submissionId: String(input.submissionId), findings: input.findings }),
  }),
});
