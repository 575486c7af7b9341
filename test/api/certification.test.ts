/**
 * Certify through the API: submitting a frozen version, pre-checks, the review (claim, approve,
 * request changes), withdrawal, versions and what changed, against the real database. Every
 * refusal is checked to change nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ResultOf, TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import {
  AppOverviewPage_AppDocument,
  CertifyPage_AppDocument,
  CertifyPage_SubmitDocument,
  CertifyPage_WithdrawDocument,
  ReviewPage_ApproveDocument,
  ReviewPage_ClaimDocument,
  ReviewPage_QueueDocument,
  ReviewPage_RequestChangesDocument,
  ReviewPage_SubmissionDocument,
} from '@ring/client';
import { PRECHECKS } from '../../packages/api/src/modules/certification/prechecks.ts';
import { errorCodes, execute, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { markBuildComplete } from '../support/apps.ts';
import { completeBuildAndTest, completeCertificationForms, completeConfigure, LINKING_URLS, newReviewer, readyApp } from '../support/certification.ts';
import { race, resultTypename, tally } from '../support/races.ts';

type Caller = { cookie: string };
const NODE = parse('query ($id: ID!) { node(id: $id) { __typename id } }') as TypedDocumentNode<
  { node: { __typename: string; id: string } | null },
  { id: string }
>;
const NOTES = 'First release for review.';

async function submit(owner: Caller, appId: string, input: Partial<{ releaseNotes: string; acknowledge: boolean }> = {}) {
  const result = await execute(CertifyPage_SubmitDocument, { input: { appId, releaseNotes: NOTES, acknowledge: true, ...input } }, owner);
  return result.data!.submitForCertification;
}

async function submitted(owner: Caller, appId: string) {
  const result = await submit(owner, appId);
  if (result.__typename !== 'SubmitForCertificationSuccess') throw new Error(JSON.stringify(result));
  return result.submission;
}

async function certifyPage(owner: Caller, appId: string) {
  const result = await execute(CertifyPage_AppDocument, { id: appId }, owner);
  if (result.data?.app.__typename !== 'App') throw new Error(JSON.stringify(result));
  return result.data.app;
}

async function steps(owner: Caller, appId: string) {
  const result = await execute(AppOverviewPage_AppDocument, { id: appId }, owner);
  if (result.data?.app.__typename !== 'App') throw new Error(JSON.stringify(result));
  return Object.fromEntries(result.data.app.lifecycle.map((entry) => [entry.step, entry.status]));
}

const claim = (reviewer: Caller, submissionId: string) =>
  execute(ReviewPage_ClaimDocument, { input: { submissionId } }, reviewer).then((r) => r.data!.claimReview);
const approve = (reviewer: Caller, submissionId: string) =>
  execute(ReviewPage_ApproveDocument, { input: { submissionId } }, reviewer).then((r) => r.data!.approveCertification);
const FINDING = { area: 'LISTING' as const, field: 'shortDescription', message: 'Say what the app does, not what it is.' };
const requestChanges = (
  reviewer: Caller,
  submissionId: string,
  findings: { area: 'LISTING' | 'MEDIA' | 'OTHER'; field?: string | null; message: string }[] = [FINDING],
) => execute(ReviewPage_RequestChangesDocument, { input: { submissionId, findings } }, reviewer).then((r) => r.data!.requestChanges);
const withdraw = (owner: Caller, submissionId: string, message = 'Found a typo in the listing.') =>
  execute(CertifyPage_WithdrawDocument, { input: { submissionId, reason: 'FOUND_A_PROBLEM', message } }, owner).then((r) => r.data!.withdrawCertification);

/**
 * What certification could change: its own tables, the apps and the trail. (The whole-database
 * dump would also catch other tests' API tokens being stamped lastUsedAt meanwhile.)
 */
async function dumpDatabase() {
  const [versions, media, submissions, apps, audit] = await Promise.all([
    prisma.appVersion.findMany({ orderBy: { id: 'asc' } }),
    prisma.appVersionMedia.findMany({ orderBy: { id: 'asc' } }),
    prisma.certificationSubmission.findMany({ orderBy: { id: 'asc' } }),
    prisma.app.findMany({ orderBy: { id: 'asc' } }),
    prisma.auditEvent.findMany({ where: { action: { startsWith: 'certification.' } }, orderBy: { id: 'asc' } }),
  ]);
  return { versions, media, submissions, apps, audit };
}

const auditActions = async (appId: string) =>
  (await prisma.auditEvent.findMany({ where: { appId, action: { startsWith: 'certification.' } }, orderBy: { createdAt: 'asc' } })).map(
    (event) => event.action,
  );

describe('submitForCertification', () => {
  it('refuses an app that is not ready, naming every missing item and every wrong field, and saves nothing', async () => {
    const owner = await newDeveloper('certify');
    const app = await insertApp(owner.id);
    const before = await dumpDatabase();
    const result = await submit(owner, app.globalId, { releaseNotes: ' ', acknowledge: false });
    expect(result.__typename).toBe('ValidationError');
    const fields = result.__typename === 'ValidationError' ? result.fields : [];
    expect(fields.slice(0, 2).map((field) => [field.path.join('.'), field.code])).toEqual([
      ['releaseNotes', 'REQUIRED'],
      ['acknowledge', 'REQUIRED'],
    ]);
    const notReady = fields.filter((field) => field.code === 'NOT_READY');
    expect(notReady.every((field) => field.path.join('.') === 'appId')).toBe(true);
    // The steps first, then the questionnaire's five tabs and the reviewer notes, each named.
    expect(notReady.map((field) => field.message)).toEqual([
      expect.stringContaining('App information'),
      expect.stringContaining('Account linking'),
      'Build is not complete.',
      'Test is not complete.',
      ...Array.from({ length: 5 }, () => expect.stringMatching(/^Questionnaire: .+ tab is /)),
      ...Array.from({ length: notReady.length - 9 }, () => expect.stringMatching(/^Reviewer notes: /)),
    ]);
    expect(notReady.length).toBeGreaterThan(9);
    expect(await dumpDatabase()).toEqual(before);
  });

  it('names only Test when Configure and Build are complete', async () => {
    const owner = await newDeveloper('certify');
    const app = await insertApp(owner.id);
    await completeConfigure(app.id);
    await completeBuildAndTest(app.globalId, { test: false });
    await completeCertificationForms(app.id);
    const result = await submit(owner, app.globalId);
    expect(result.__typename === 'ValidationError' && result.fields.map((field) => field.message)).toEqual(['Test is not complete.']);
  });

  it('release notes: 9 characters refused (TOO_SHORT), 10 accepted', async () => {
    const { owner, app } = await readyApp();
    const short = await submit(owner, app.globalId, { releaseNotes: '123456789' });
    expect(short.__typename === 'ValidationError' && short.fields.map((field) => [field.path.join('.'), field.code])).toEqual([['releaseNotes', 'TOO_SHORT']]);
    expect(await prisma.appVersion.count({ where: { appId: app.id } })).toBe(0);
    expect((await submit(owner, app.globalId, { releaseNotes: '1234567890' })).__typename).toBe('SubmitForCertificationSuccess');
  });

  it('release notes: 1000 characters accepted, 1001 refused (TOO_LONG)', async () => {
    const { owner, app } = await readyApp();
    const long = await submit(owner, app.globalId, { releaseNotes: 'x'.repeat(1001) });
    expect(long.__typename === 'ValidationError' && long.fields.map((field) => field.code)).toEqual(['TOO_LONG']);
    expect((await submit(owner, app.globalId, { releaseNotes: 'x'.repeat(1000) })).__typename).toBe('SubmitForCertificationSuccess');
  });

  it('freezes v1, runs the pre-checks item by item, and puts it under review; Certify is in progress', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    expect(submission).toMatchObject({
      status: 'UNDER_REVIEW',
      label: 'Certification Under Review',
      expectedReviewTime: 'usually 1-2 business days',
      prechecks: [
        { item: 'CONFIGURATION', passed: true },
        { item: 'ENDPOINTS', passed: true },
        { item: 'GUIDELINES', passed: true },
      ],
      findings: [],
      claimed: false,
      version: { number: 1, name: 'v1', releaseNotes: NOTES, label: 'Certification Under Review' },
    });
    const page = await certifyPage(owner, app.globalId);
    expect(page.certification?.id).toBe(submission.id);
    expect(page.versions.map((version) => [version.name, version.label])).toEqual([['v1', 'Certification Under Review']]);
    expect(await steps(owner, app.globalId)).toMatchObject({ TEST: 'COMPLETE', CERTIFY: 'IN_PROGRESS', PUBLISH: 'LOCKED' });
    expect(await auditActions(app.id)).toEqual(['certification.submitted', 'certification.prechecked']);
  });

  it('the version is frozen: later Configure saves change the draft only', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    await prisma.generalInfo.update({ where: { appId: app.id }, data: { shortDescription: 'Changed after submitting.' } });
    await prisma.accountLinking.update({
      where: { appId_environment: { appId: app.id, environment: 'PRODUCTION' } },
      data: { webhookUrl: 'https://other.example/hook' },
    });
    const reviewer = await newReviewer();
    const read = await execute(ReviewPage_SubmissionDocument, { id: submission.id }, reviewer);
    const found = read.data?.certificationSubmission;
    const version = found?.__typename === 'CertificationSubmission' ? found.version : null;
    expect(version?.listing.general.shortDescription).toBe('Keeps an eye on the front door.');
    expect(version?.listing.production.webhookUrl).toBe('https://partner.example/hook');
    expect(version?.listing.general.icon?.url).toMatch(/^http:\/\/yoga\/media\//);
  });

  it('refuses a second submission while one is open (ConflictError), saving nothing', async () => {
    const { owner, app } = await readyApp();
    await submitted(owner, app.globalId);
    const before = await dumpDatabase();
    const again = await submit(owner, app.globalId);
    expect(again.__typename).toBe('ConflictError');
    expect(again.__typename === 'ConflictError' && again.message).toContain('v1');
    expect(await dumpDatabase()).toEqual(before);
  });

  it('two submissions at once: exactly one wins, the other gets ConflictError; one version exists', async () => {
    const { owner, app } = await readyApp();
    const outcomes = await race(2, () =>
      execute(CertifyPage_SubmitDocument, { input: { appId: app.globalId, releaseNotes: NOTES, acknowledge: true } }, owner),
    );
    expect(tally(outcomes.map((outcome) => resultTypename(outcome, 'submitForCertification')))).toEqual({ SubmitForCertificationSuccess: 1, ConflictError: 1 });
    expect(await prisma.appVersion.count({ where: { appId: app.id } })).toBe(1);
    expect(await prisma.certificationSubmission.count({ where: { appId: app.id } })).toBe(1);
  });

  it('fails the ENDPOINTS pre-check without a passing production run against the submitted URLs, naming what to run', async () => {
    const { owner, app } = await readyApp();
    await prisma.endpointCheckRun.deleteMany({ where: { appId: app.id, environment: 'PRODUCTION' } });
    const none = await submitted(owner, app.globalId);
    expect(none.status).toBe('PRECHECK_FAILED');
    expect(none.prechecks.find((check) => check.item === 'ENDPOINTS')).toMatchObject({
      passed: false,
      message: expect.stringMatching(/^Run the endpoint checks on production/),
    });
    // A run that failed a check, then one made before the production webhook URL changed.
    const run = await prisma.endpointCheckRun.create({
      data: {
        appId: app.id,
        environment: 'PRODUCTION',
        passed: false,
        urls: LINKING_URLS,
        checks: [{ endpoint: 'WEBHOOK_URL', check: 'REFUSES_WRONG_SIGNATURE', passed: false, message: 'Accepted.', statusCode: 200, durationMs: 5 }],
      },
    });
    const failedRun = await submitted(owner, app.globalId);
    expect(failedRun.prechecks.find((check) => check.item === 'ENDPOINTS')?.message).toMatch(/failed 1 check;/);
    await prisma.endpointCheckRun.update({
      where: { id: run.id },
      data: { passed: true, checks: [], urls: { ...LINKING_URLS, webhookUrl: 'https://old.example/hook' } },
    });
    const stale = await submitted(owner, app.globalId);
    expect(stale.prechecks.find((check) => check.item === 'ENDPOINTS')?.message).toMatch(
      /^The production webhook URL changed after the last endpoint check run/,
    );
  });

  it('fails the GUIDELINES pre-check on a guideline error (a URL in the short description), not on a warning', async () => {
    const { owner, app } = await readyApp();
    await prisma.generalInfo.update({ where: { appId: app.id }, data: { shortDescription: 'Visit https://porch.example for more.' } });
    const failed = await submitted(owner, app.globalId);
    expect(failed.status).toBe('PRECHECK_FAILED');
    expect(failed.prechecks.find((check) => check.item === 'GUIDELINES')).toMatchObject({
      passed: false,
      message: expect.stringMatching(/^Guideline errors: /),
    });
  });

  describe('a failing pre-check', () => {
    const registered = [...PRECHECKS];
    afterEach(() => {
      PRECHECKS.splice(0, PRECHECKS.length, ...registered);
    });

    it('any failed pre-check: PRECHECK_FAILED with each item’s result; the developer may submit again (v2)', async () => {
      PRECHECKS.push({ item: 'CONFIGURATION', description: 'test', run: async () => ({ passed: false, message: 'Endpoint unreachable.' }) });
      const { owner, app } = await readyApp();
      const failed = await submitted(owner, app.globalId);
      expect(failed.status).toBe('PRECHECK_FAILED');
      expect(failed.label).toBe('Pre-checks Failed');
      expect(failed.prechecks).toEqual([
        { item: 'CONFIGURATION', passed: true, message: expect.any(String) },
        { item: 'ENDPOINTS', passed: true, message: expect.any(String) },
        { item: 'GUIDELINES', passed: true, message: expect.any(String) },
        { item: 'CONFIGURATION', passed: false, message: 'Endpoint unreachable.' },
      ]);
      expect(await steps(owner, app.globalId)).toMatchObject({ CERTIFY: 'IN_PROGRESS' });
      PRECHECKS.splice(0, PRECHECKS.length, ...registered);
      const again = await submitted(owner, app.globalId);
      expect([again.status, again.version.name]).toEqual(['UNDER_REVIEW', 'v2']);
    });

    it('a pre-check that throws is recorded as failed, not lost', async () => {
      PRECHECKS.push({
        item: 'CONFIGURATION',
        description: 'test',
        run: async () => {
          throw new Error('boom');
        },
      });
      const { owner, app } = await readyApp();
      const failed = await submitted(owner, app.globalId);
      expect(failed.status).toBe('PRECHECK_FAILED');
      expect(failed.prechecks.at(-1)).toMatchObject({ passed: false, message: expect.stringContaining('could not run') });
    });
  });
});

describe('review', () => {
  it('a reviewer claims and approves: CERTIFIED, App certified, Certify complete and Publish unlocked', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    const reviewer = await newReviewer();
    expect(await claim(reviewer, submission.id)).toMatchObject({ __typename: 'ClaimReviewSuccess', submission: { claimed: true, claimedByYou: true } });
    const approved = await approve(reviewer, submission.id);
    expect(approved).toMatchObject({
      __typename: 'ApproveCertificationSuccess',
      submission: { status: 'CERTIFIED', label: 'Certified version available for rollout' },
    });
    expect((await prisma.app.findUniqueOrThrow({ where: { id: app.id } })).certifiedAt).not.toBeNull();
    expect(await steps(owner, app.globalId)).toMatchObject({ CERTIFY: 'COMPLETE', PUBLISH: 'PENDING' });
    const page = await certifyPage(owner, app.globalId);
    expect(page.versions[0]).toMatchObject({ name: 'v1', label: 'Certified version available for rollout', certifiedAt: expect.any(String) });
    expect(await auditActions(app.id)).toEqual(['certification.submitted', 'certification.prechecked', 'certification.claimed', 'certification.approved']);
  });

  it('approving without a claim, or with another reviewer’s claim: ConflictError, nothing changed', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    const [first, second] = [await newReviewer('first'), await newReviewer('second')];
    let before = await dumpDatabase();
    const unclaimed = await approve(first, submission.id);
    expect(unclaimed).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('Claim this submission first') });
    expect(await dumpDatabase()).toEqual(before);
    await claim(first, submission.id);
    before = await dumpDatabase();
    expect(await claim(second, submission.id)).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('Another reviewer') });
    expect(await approve(second, submission.id)).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('Another reviewer') });
    expect((await requestChanges(second, submission.id)).__typename).toBe('ConflictError');
    expect(await dumpDatabase()).toEqual(before);
  });

  it('a developer calling reviewer operations gets ForbiddenError (and reviewQueue FORBIDDEN), nothing changed', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    const before = await dumpDatabase();
    expect((await claim(owner, submission.id)).__typename).toBe('ForbiddenError');
    expect((await approve(owner, submission.id)).__typename).toBe('ForbiddenError');
    expect((await requestChanges(owner, submission.id)).__typename).toBe('ForbiddenError');
    const queue = await execute(ReviewPage_QueueDocument, { first: 10 }, owner);
    expect(errorCodes(queue)).toEqual(['FORBIDDEN']);
    expect(await dumpDatabase()).toEqual(before);
  });

  it('a reviewer calling them on nothing (an id that does not exist, or of another type) gets NotFoundError', async () => {
    const reviewer = await newReviewer();
    const before = await dumpDatabase();
    const missing = encodeGlobalID('CertificationSubmission', '00000000-0000-4000-8000-000000000000');
    for (const id of [missing, encodeGlobalID('App', '00000000-0000-4000-8000-000000000000'), 'not-an-id']) {
      expect((await claim(reviewer, id)).__typename).toBe('NotFoundError');
      expect((await approve(reviewer, id)).__typename).toBe('NotFoundError');
      expect((await requestChanges(reviewer, id)).__typename).toBe('NotFoundError');
    }
    expect(await dumpDatabase()).toEqual(before);
  });

  it('deciding a withdrawn submission: ConflictError naming its state, nothing changed', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    const reviewer = await newReviewer();
    await claim(reviewer, submission.id);
    expect((await withdraw(owner, submission.id)).__typename).toBe('WithdrawCertificationSuccess');
    const before = await dumpDatabase();
    expect(await approve(reviewer, submission.id)).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('Certification Withdrawn') });
    expect((await requestChanges(reviewer, submission.id)).__typename).toBe('ConflictError');
    expect((await claim(reviewer, submission.id)).__typename).toBe('ConflictError');
    expect(await dumpDatabase()).toEqual(before);
  });

  it('the queue lists submissions under review oldest first, with their waiting time', async () => {
    const reviewer = await newReviewer();
    const a = await readyApp('queue-a');
    const first = await submitted(a.owner, a.app.globalId);
    const b = await readyApp('queue-b');
    const second = await submitted(b.owner, b.app.globalId);
    await prisma.certificationSubmission.update({
      where: { id: Buffer.from(first.id, 'base64').toString().split(':')[1]! },
      data: { createdAt: new Date(Date.now() - 3_600_000) },
    });
    const ids: string[] = [];
    let after: string | null = null;
    let waited = 0;
    for (;;) {
      const page = await execute(ReviewPage_QueueDocument, { first: 50, after }, reviewer);
      const connection: NonNullable<ResultOf<typeof ReviewPage_QueueDocument>['reviewQueue']> = page.data!.reviewQueue!;
      for (const edge of connection.edges) {
        ids.push(edge.node.id);
        if (edge.node.id === first.id) waited = edge.node.waitingSeconds;
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor ?? null;
    }
    expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(waited).toBeGreaterThanOrEqual(3600);
  });

  it('request changes: findings validated against the area’s fields, every problem named, nothing changed', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    const reviewer = await newReviewer();
    await claim(reviewer, submission.id);
    const before = await dumpDatabase();
    const bad = await requestChanges(reviewer, submission.id, [
      { area: 'MEDIA', field: 'shortDescription', message: 'Wrong area for this field.' },
      { area: 'OTHER', message: 'too short' },
    ]);
    expect(bad.__typename === 'ValidationError' && bad.fields.map((field) => [field.path.join('.'), field.code])).toEqual([
      ['findings.0.field', 'NOT_ALLOWED'],
      ['findings.1.message', 'TOO_SHORT'],
    ]);
    expect((await requestChanges(reviewer, submission.id, [])).__typename).toBe('ValidationError');
    expect(await dumpDatabase()).toEqual(before);
  });

  it('request changes, then the developer sees the finding, fixes the draft and resubmits v2 with what changed', async () => {
    const { owner, app } = await readyApp();
    const v1 = await submitted(owner, app.globalId);
    const reviewer = await newReviewer();
    await claim(reviewer, v1.id);
    const sent = await requestChanges(reviewer, v1.id, [FINDING, { area: 'OTHER', field: null, message: 'Please also check the video.' }]);
    expect(sent).toMatchObject({ __typename: 'RequestChangesSuccess', submission: { status: 'CHANGES_REQUESTED', label: 'Changes Requested' } });
    let page = await certifyPage(owner, app.globalId);
    expect(page.certification?.findings).toEqual([FINDING, { area: 'OTHER', field: null, message: 'Please also check the video.' }]);
    expect(await steps(owner, app.globalId)).toMatchObject({ CERTIFY: 'IN_PROGRESS' });
    // A decided submission cannot be withdrawn (nothing is open).
    const before = await dumpDatabase();
    expect(await withdraw(owner, v1.id)).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('Changes Requested') });
    expect(await dumpDatabase()).toEqual(before);

    await prisma.generalInfo.update({ where: { appId: app.id }, data: { shortDescription: 'Shows who is at the door.' } });
    const v2 = await submitted(owner, app.globalId);
    page = await certifyPage(owner, app.globalId);
    expect(page.versions.map((version) => [version.name, version.label])).toEqual([
      ['v2', 'Certification Under Review'],
      ['v1', 'Changes Requested'],
    ]);
    expect(page.certification?.id).toBe(v2.id);
    expect(page.certification?.version.changes).toEqual({
      against: { id: v1.version.id, name: 'v1' },
      changes: [
        {
          area: 'LISTING',
          field: 'shortDescription',
          environment: null,
          position: null,
          kind: 'TEXT',
          change: 'CHANGED',
          before: 'Keeps an eye on the front door.',
          after: 'Shows who is at the door.',
        },
      ],
    });
    expect(await auditActions(app.id)).toEqual([
      'certification.submitted',
      'certification.prechecked',
      'certification.claimed',
      'certification.changes-requested',
      'certification.submitted',
      'certification.prechecked',
    ]);
  });
});

describe('withdrawCertification', () => {
  it('withdraws an open submission: Certification Withdrawn, Certify back to pending, audited', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    const result = await withdraw(owner, submission.id);
    expect(result).toMatchObject({
      __typename: 'WithdrawCertificationSuccess',
      submission: {
        status: 'WITHDRAWN',
        label: 'Certification Withdrawn',
        withdrawnReason: 'FOUND_A_PROBLEM',
        withdrawnMessage: 'Found a typo in the listing.',
      },
    });
    expect(await steps(owner, app.globalId)).toMatchObject({ CERTIFY: 'PENDING' });
    expect((await certifyPage(owner, app.globalId)).versions[0]?.label).toBe('Certification Withdrawn');
    expect((await auditActions(app.id)).at(-1)).toBe('certification.withdrawn');
    // And a new submission may follow.
    expect((await submitted(owner, app.globalId)).version.name).toBe('v2');
  });

  it('message: 500 characters accepted, 501 and blank refused, nothing changed', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    const before = await dumpDatabase();
    expect(await withdraw(owner, submission.id, 'x'.repeat(501))).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['message'], code: 'TOO_LONG' }],
    });
    expect(await withdraw(owner, submission.id, '  ')).toMatchObject({ __typename: 'ValidationError', fields: [{ path: ['message'], code: 'REQUIRED' }] });
    expect(await dumpDatabase()).toEqual(before);
    expect((await withdraw(owner, submission.id, 'x'.repeat(500))).__typename).toBe('WithdrawCertificationSuccess');
  });

  it('withdrawing a decided (certified) or already withdrawn submission: ConflictError, nothing changed', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    const reviewer = await newReviewer();
    await claim(reviewer, submission.id);
    await approve(reviewer, submission.id);
    let before = await dumpDatabase();
    expect(await withdraw(owner, submission.id)).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('Certified version') });
    expect(await dumpDatabase()).toEqual(before);

    const other = await readyApp();
    const open = await submitted(other.owner, other.app.globalId);
    await withdraw(other.owner, open.id);
    before = await dumpDatabase();
    expect((await withdraw(other.owner, open.id)).__typename).toBe('ConflictError');
    expect(await dumpDatabase()).toEqual(before);
  });

  it('another developer’s submission: NotFoundError (also for a reviewer, who may not withdraw), nothing changed', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    const stranger = await newDeveloper('stranger');
    const reviewer = await newReviewer();
    const before = await dumpDatabase();
    expect((await withdraw(stranger, submission.id)).__typename).toBe('NotFoundError');
    expect((await withdraw(reviewer, submission.id)).__typename).toBe('NotFoundError');
    expect(await dumpDatabase()).toEqual(before);
  });
});

describe('versions and what changed', () => {
  it('node(id): the owner and reviewers see a submission and its version; another developer gets null', async () => {
    const { owner, app } = await readyApp();
    const submission = await submitted(owner, app.globalId);
    const reviewer = await newReviewer();
    const stranger = await newDeveloper('stranger');
    for (const id of [submission.id, submission.version.id]) {
      const document = NODE;
      expect((await execute(document, { id }, owner)).data?.node).not.toBeNull();
      expect((await execute(document, { id }, reviewer)).data?.node).not.toBeNull();
      const hidden = await execute(document, { id }, stranger);
      expect(hidden.errors).toBeUndefined();
      expect(hidden.data?.node).toBeNull();
    }
  });

  it('draftChanges: against the latest certified version and, while under review, the submitted one', async () => {
    const { owner, app } = await readyApp();
    const reviewer = await newReviewer();
    const v1 = await submitted(owner, app.globalId);
    expect((await certifyPage(owner, app.globalId)).draftChanges).toEqual([{ basis: 'SUBMITTED', against: { id: v1.version.id, name: 'v1' }, changes: [] }]);
    await claim(reviewer, v1.id);
    await approve(reviewer, v1.id);
    await prisma.generalInfo.update({ where: { appId: app.id }, data: { shortDescription: 'New words.' } });
    await prisma.accountLinking.update({
      where: { appId_environment: { appId: app.id, environment: 'STAGING' } },
      data: { webhookUrl: 'https://new.example/hook' },
    });
    let comparisons = (await certifyPage(owner, app.globalId)).draftChanges;
    expect(comparisons.map((comparison) => comparison.basis)).toEqual(['LATEST_CERTIFIED']);
    expect(comparisons[0]!.changes.map((change) => [change.field, change.environment, change.change, change.after])).toEqual([
      ['shortDescription', null, 'CHANGED', 'New words.'],
      ['webhookUrl', 'STAGING', 'CHANGED', 'https://new.example/hook'],
    ]);
    // A changed staging URL sends Build back until the checks pass against it again.
    await markBuildComplete(app.id);
    const v2 = await submitted(owner, app.globalId);
    await prisma.generalInfo.update({ where: { appId: app.id }, data: { latestRelease: 'Second' } });
    comparisons = (await certifyPage(owner, app.globalId)).draftChanges;
    expect(comparisons.map((comparison) => [comparison.basis, comparison.against.name, comparison.changes.map((change) => change.field)])).toEqual([
      ['LATEST_CERTIFIED', 'v1', ['shortDescription', 'latestRelease', 'webhookUrl']],
      ['SUBMITTED', 'v2', ['latestRelease']],
    ]);
    expect(v2.version.name).toBe('v2');
  });
});
