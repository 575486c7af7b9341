/**
 * Certification: a developer submits the draft as a new frozen version, pre-checks run at
 * once, a reviewer claims it and approves or requests changes, and the developer may withdraw
 * while it is open. Every transition is one guarded update (its `where` names the state it
 * leaves), so two callers racing for the same transition cannot both make it, and each is
 * recorded in the audit trail in the same transaction.
 */
import { Prisma, prisma, type CertificationStatus } from '@ring/db';
import {
  CERTIFICATION_LABELS,
  fieldIssues,
  OPEN_CERTIFICATION_STATUSES,
  requestChangesSchema,
  submitForCertificationSchema,
  withdrawCertificationSchema,
  type FieldIssue,
  type FindingArea,
  type WithdrawReason,
} from '@ring/domain';
import type { Viewer } from '../../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { decodeId } from '../../ids.ts';
import { findOwnedApp, lockAppForWrite, markAppCertified } from '../apps/apps.access.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { lifecycleFacts, LIFECYCLE_SELECT } from '../lifecycle/lifecycle.service.ts';
import { latestRun } from '../endpoint-checks/endpoint-checks.service.ts';
import { runPrechecks } from './prechecks.ts';
import { missingForSubmission } from './submission-requirements.ts';
import { freezeVersion } from './versions.ts';

type Tx = Prisma.TransactionClient;

/** A version of the app with its submission's status (Publish asks whether it is certified), or null. */
export function versionWithSubmission(tx: Prisma.TransactionClient, appId: string, versionId: string) {
  return tx.appVersion.findFirst({ where: { id: versionId, appId }, include: { submission: { select: { status: true } } } });
}

export const SUBMISSION_NOT_FOUND = 'No certification submission with this id among yours.';
const OPEN = [...OPEN_CERTIFICATION_STATUSES] as CertificationStatus[];

/** "certify": the first number of the per-app advisory lock that serialises submissions. */
const CERTIFY_LOCK_SPACE = 0x63657274;

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

export function submissionIdFrom(globalId: string): string {
  return decodeId(globalId, 'CertificationSubmission', SUBMISSION_NOT_FOUND);
}

// ---------------------------------------------------------------------------- Submitting

export interface SubmitInput {
  appId: string;
  releaseNotes: string;
  acknowledge: boolean;
}

/**
 * Refused (ValidationError) with every problem of the input and every missing item (path
 * ["appId"], code NOT_READY) at once; ConflictError while another submission is open.
 */
export async function submitForCertification(viewer: Viewer, input: SubmitInput) {
  const app = await findOwnedApp(viewer, input.appId, { select: { id: true, ...LIFECYCLE_SELECT } });
  const appId = app.id;
  const parsed = submitForCertificationSchema.safeParse(input);
  const issues: FieldIssue[] = parsed.success ? [] : fieldIssues(parsed.error);
  const missing = await missingForSubmission(prisma, appId, lifecycleFacts(app as unknown as Parameters<typeof lifecycleFacts>[0]));
  for (const item of missing) issues.push({ path: ['appId'], message: item, code: 'NOT_READY' });
  if (issues.length || !parsed.success) throw new ValidationError(issues, 'The app cannot be submitted yet: every missing item is listed.');

  let created: { submissionId: string; versionId: string; listing: Awaited<ReturnType<typeof freezeVersion>>['listing'] };
  try {
    created = await prisma.$transaction(
      async (tx) => {
        await lockAppForWrite(tx, appId);
        // One submitter per app at a time, in every server process: the open check and the
        // version number below cannot be raced.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CERTIFY_LOCK_SPACE}::int4, hashtext(${appId}))`;
        const open = await tx.certificationSubmission.findFirst({ where: { appId, status: { in: OPEN } }, include: { version: { select: { number: true } } } });
        if (open) {
          throw new ConflictError(
            `Version v${open.version.number} is already submitted (${CERTIFICATION_LABELS[open.status]}); withdraw it or wait for its decision before submitting again.`,
          );
        }
        const last = await tx.appVersion.findFirst({ where: { appId }, orderBy: { number: 'desc' }, select: { number: true } });
        const version = await freezeVersion(tx, appId, (last?.number ?? 0) + 1, parsed.data.releaseNotes);
        const submission = await tx.certificationSubmission.create({ data: { appId, versionId: version.id, submittedById: viewer.id } });
        await recordAudit(tx, {
          actorId: viewer.id,
          appId,
          action: 'certification.submitted',
          detail: { submissionId: submission.id, versionId: version.id, version: version.number },
        });
        return { submissionId: submission.id, versionId: version.id, listing: version.listing };
      },
      { timeout: 20_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('Another submission of this app was made at the same moment; reload to see it.');
    throw error;
  }

  // Outside the transaction: a pre-check may take its time (an endpoint check) without holding a connection.
  // The run the ENDPOINTS pre-check judges is recorded with the submission, for the reviewer.
  const productionRun = await latestRun(prisma, appId, 'PRODUCTION');
  const prechecks = await runPrechecks({ appId, versionId: created.versionId, listing: created.listing, productionRun });
  const passed = prechecks.every((result) => result.passed);
  await prisma.$transaction(async (tx) => {
    // Only from PRECHECKS: a withdrawal in the meantime stands.
    const { count } = await tx.certificationSubmission.updateMany({
      where: { id: created.submissionId, status: 'PRECHECKS' },
      data: {
        status: passed ? 'UNDER_REVIEW' : 'PRECHECK_FAILED',
        prechecks: prechecks as unknown as Prisma.InputJsonArray,
        endpointCheckRunId: productionRun?.id ?? null,
      },
    });
    if (count) {
      await recordAudit(tx, {
        actorId: null,
        appId,
        action: 'certification.prechecked',
        detail: { submissionId: created.submissionId, passed, failed: prechecks.filter((result) => !result.passed).map((result) => result.item) },
      });
    }
  });
  return prisma.certificationSubmission.findUniqueOrThrow({ where: { id: created.submissionId } });
}

// ---------------------------------------------------------------------------- Withdrawing

export interface WithdrawInput {
  submissionId: string;
  reason: WithdrawReason;
  message: string;
}

/** The owner withdraws a submission in PRECHECKS or UNDER_REVIEW; a decided (or failed) one stays as it is. */
export async function withdrawCertification(viewer: Viewer, input: WithdrawInput) {
  const id = submissionIdFrom(input.submissionId);
  const parsed = withdrawCertificationSchema.safeParse(input);
  return prisma.$transaction(async (tx) => {
    const submission = await tx.certificationSubmission.findFirst({ where: { id, app: { developerId: viewer.id } } });
    if (!submission) throw new NotFoundError(SUBMISSION_NOT_FOUND);
    if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error));
    const now = new Date();
    const { count } = await tx.certificationSubmission.updateMany({
      where: { id, status: { in: OPEN } },
      data: { status: 'WITHDRAWN', withdrawnAt: now, withdrawnReason: parsed.data.reason, withdrawnMessage: parsed.data.message },
    });
    if (!count) throw await notInState(tx, id, 'Only a submission in pre-checks or under review can be withdrawn');
    await recordAudit(tx, {
      actorId: viewer.id,
      appId: submission.appId,
      action: 'certification.withdrawn',
      detail: { submissionId: id, reason: parsed.data.reason },
    });
    return tx.certificationSubmission.findUniqueOrThrow({ where: { id } });
  });
}

// ---------------------------------------------------------------------------- Reviewing

const ANY_SUBMISSION_NOT_FOUND = 'No certification submission with this id.';

/** Why a guarded transition matched nothing: gone, in another state, or claimed by someone else. */
async function notInState(tx: Tx, id: string, rule: string, reviewerId?: string): Promise<Error> {
  const row = await tx.certificationSubmission.findUnique({ where: { id }, select: { status: true, reviewerId: true } });
  if (!row) return new NotFoundError(ANY_SUBMISSION_NOT_FOUND);
  if (reviewerId !== undefined && row.status === 'UNDER_REVIEW') {
    if (row.reviewerId === null) return new ConflictError('Claim this submission first (claimReview): only the reviewer who claimed it may decide.');
    if (row.reviewerId !== reviewerId) return new ConflictError('Another reviewer has claimed this submission.');
  }
  return new ConflictError(`${rule}; this one is ${CERTIFICATION_LABELS[row.status]} (${row.status}).`);
}

function reviewerSubmissionId(globalId: string): string {
  return decodeId(globalId, 'CertificationSubmission', ANY_SUBMISSION_NOT_FOUND);
}

/** A reviewer takes a submission under review (again, if it is theirs already). */
export async function claimReview(viewer: Viewer, globalId: string) {
  const id = reviewerSubmissionId(globalId);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.certificationSubmission.updateMany({
      where: { id, status: 'UNDER_REVIEW', OR: [{ reviewerId: null }, { reviewerId: viewer.id }] },
      data: { reviewerId: viewer.id, claimedAt: new Date() },
    });
    if (!count) {
      const row = await tx.certificationSubmission.findUnique({ where: { id }, select: { status: true } });
      if (row?.status === 'UNDER_REVIEW') throw new ConflictError('Another reviewer has claimed this submission.');
      throw await notInState(tx, id, 'Only a submission under review can be claimed');
    }
    const submission = await tx.certificationSubmission.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { actorId: viewer.id, appId: submission.appId, action: 'certification.claimed', detail: { submissionId: id } });
    return submission;
  });
}

/** The claiming reviewer certifies the version: the submission CERTIFIED, the app certified. */
export async function approveCertification(viewer: Viewer, globalId: string) {
  const id = reviewerSubmissionId(globalId);
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.certificationSubmission.updateMany({
      where: { id, status: 'UNDER_REVIEW', reviewerId: viewer.id },
      data: { status: 'CERTIFIED', decidedAt: now },
    });
    if (!count) throw await notInState(tx, id, 'Only a submission under review can be approved', viewer.id);
    const submission = await tx.certificationSubmission.findUniqueOrThrow({ where: { id } });
    await markAppCertified(tx, submission.appId, now);
    await recordAudit(tx, { actorId: viewer.id, appId: submission.appId, action: 'certification.approved', detail: { submissionId: id } });
    return submission;
  });
}

export interface FindingInput {
  area: FindingArea;
  field?: string | null;
  message: string;
}

/** The claiming reviewer sends the version back with findings; the developer fixes the draft and submits again. */
export async function requestChanges(viewer: Viewer, input: { submissionId: string; findings: FindingInput[] }) {
  const id = reviewerSubmissionId(input.submissionId);
  const parsed = requestChangesSchema.safeParse(input);
  return prisma.$transaction(async (tx) => {
    if (!(await tx.certificationSubmission.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError(ANY_SUBMISSION_NOT_FOUND);
    if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error));
    const { count } = await tx.certificationSubmission.updateMany({
      where: { id, status: 'UNDER_REVIEW', reviewerId: viewer.id },
      data: { status: 'CHANGES_REQUESTED', decidedAt: new Date(), findings: parsed.data.findings as unknown as Prisma.InputJsonArray },
    });
    if (!count) throw await notInState(tx, id, 'Changes can be requested only for a submission under review', viewer.id);
    const submission = await tx.certificationSubmission.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, {
      actorId: viewer.id,
      appId: submission.appId,
      action: 'certification.changes-requested',
      detail: { submissionId: id, findings: parsed.data.findings.map((finding) => `${finding.area}${finding.field ? `.${finding.field}` : ''}`) },
    });
    return submission;
  });
}
