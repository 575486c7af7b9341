/**
 * What a reviewer reads of a submission besides its listing: the questionnaire's answers, the
 * reviewer notes (test account in plaintext) and the production endpoint check run the
 * pre-checks judged, all as submitted; and a version's listing for its owner (App.version).
 * Who may read what: reviewers any submission, developers their own (never the reviewer-only
 * fields), anyone else nothing.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { prisma } from '@ring/db';
import {
  CertifyPage_SubmitDocument,
  ListingPreviewPage_VersionDocument,
  QuestionnairePage_SaveTabDocument,
  ReviewerNotesPage_SaveDocument,
  ReviewPage_SubmissionDocument,
} from '@ring/client';
import { execute, newDeveloper, newStaff } from '../support/api.ts';
import { newReviewer, readyApp } from '../support/certification.ts';

type Caller = { cookie: string };
const TEST_ACCOUNT = 'reviewer@partner.example / a long test password';

async function submitted(owner: Caller, appId: string) {
  const result = await execute(CertifyPage_SubmitDocument, { input: { appId, releaseNotes: 'First release for review.', acknowledge: true } }, owner);
  const payload = result.data?.submitForCertification;
  if (payload?.__typename !== 'SubmitForCertificationSuccess') throw new Error(JSON.stringify(result));
  return payload.submission;
}

async function read(caller: Caller, id: string) {
  const result = await execute(ReviewPage_SubmissionDocument, { id }, caller);
  expect(result.errors).toBeUndefined();
  const found = result.data!.certificationSubmission;
  if (found.__typename !== 'CertificationSubmission') throw new Error(JSON.stringify(found));
  return found;
}

// The submission without the reviewer-only fields: what its owner may ask.
const OWN_SUBMISSION = parse(
  'query ($id: ID!) { certificationSubmission(id: $id) { __typename ... on CertificationSubmission { id status version { name } } ... on Error { message } } }',
) as TypedDocumentNode<{ certificationSubmission: { __typename: string; id?: string; message?: string } }, { id: string }>;

describe('a reviewer reads a submission', () => {
  it('the questionnaire’s answers, the reviewer notes with the test account, and the judged production endpoint check run', async () => {
    const { owner, app } = await readyApp('review-read');
    const submission = await submitted(owner, app.globalId);
    const reviewer = await newReviewer();
    const found = await read(reviewer, submission.id);

    expect(found.questionnaire?.map((tab) => tab.tab)).toEqual(['GENERAL', 'DATA_PROCESSING', 'AI_GOVERNANCE', 'DATA_PROTECTION', 'THIRD_PARTIES']);
    const general = found.questionnaire!.find((tab) => tab.tab === 'GENERAL')!;
    expect(general.answers).toContainEqual({ questionId: 'app_purpose', value: ['Answered for the certification tests.'] });
    expect(general.answers).toContainEqual({ questionId: 'security_policy', value: ['no'] });
    expect(found.reviewerNotes).toMatchObject({
      testingInstructions: 'Sign in with the test account, link a Ring doorbell, then press it.',
      testAccount: TEST_ACCOUNT,
      otherNotes: 'Nothing else; the integration only reads doorbell events.',
    });

    const run = await prisma.endpointCheckRun.findFirstOrThrow({ where: { appId: app.id, environment: 'PRODUCTION' } });
    expect(found.endpointChecks).toMatchObject({ environment: 'PRODUCTION', passed: true });
    expect(found.endpointChecks!.checks).toEqual([
      { endpoint: 'WEBHOOK_URL', check: 'REACHABLE', passed: true, message: 'Answered HTTP 200 in 12 ms.', statusCode: 200, durationMs: 12 },
    ]);
    expect((await prisma.certificationSubmission.findFirstOrThrow({ where: { appId: app.id } })).endpointCheckRunId).toBe(run.id);
    // The pre-check's verdict on that run, item by item, beside it.
    expect(found.prechecks.find((check) => check.item === 'ENDPOINTS')).toMatchObject({ passed: true });
  });

  it('sees what was submitted: the developer’s later edits of the answers, the notes and the listing change none of it', async () => {
    const { owner, app } = await readyApp('review-frozen');
    const submission = await submitted(owner, app.globalId);

    // The owner edits the questionnaire and the notes through the console's own mutations.
    const stored = await prisma.questionnaireAnswers.findUniqueOrThrow({ where: { appId_tab: { appId: app.id, tab: 'GENERAL' } } });
    const answers = Object.entries(stored.answers as Record<string, string[]>).map(([questionId, value]) => ({
      questionId,
      value: questionId === 'app_purpose' ? ['Changed after submitting: a different purpose.'] : value,
    }));
    const savedTab = await execute(QuestionnairePage_SaveTabDocument, { input: { appId: app.globalId, tab: 'GENERAL', expectedVersion: 1, answers } }, owner);
    expect(savedTab.data?.saveQuestionnaireTab.__typename).toBe('SaveQuestionnaireTabSuccess');
    const savedNotes = await execute(
      ReviewerNotesPage_SaveDocument,
      {
        input: {
          appId: app.globalId,
          expectedVersion: 1,
          testingInstructions: 'New instructions written after submitting.',
          testAccount: 'another@partner.example / another long password',
          otherNotes: 'Other notes written after submitting.',
        },
      },
      owner,
    );
    expect(savedNotes.data?.saveReviewerNotes.__typename).toBe('SaveReviewerNotesSuccess');
    await prisma.generalInfo.update({ where: { appId: app.id }, data: { shortDescription: 'A draft description written after submitting.' } });

    const found = await read(await newReviewer(), submission.id);
    const general = found.questionnaire!.find((tab) => tab.tab === 'GENERAL')!;
    expect(general.answers).toContainEqual({ questionId: 'app_purpose', value: ['Answered for the certification tests.'] });
    expect(found.reviewerNotes).toMatchObject({
      testingInstructions: 'Sign in with the test account, link a Ring doorbell, then press it.',
      testAccount: TEST_ACCOUNT,
    });
    expect(found.version.listing.general.shortDescription).toBe('Keeps an eye on the front door.');
    // Frozen with the test account still encrypted: no plaintext in the version's row.
    const version = await prisma.appVersion.findFirstOrThrow({ where: { appId: app.id } });
    expect(JSON.stringify(version.reviewerNotes)).not.toContain('reviewer@partner.example');
  });
});

describe('who may read a submission', () => {
  it('a developer of another app: NotFoundError, as for an id that does not exist', async () => {
    const { owner, app } = await readyApp('review-hidden');
    const submission = await submitted(owner, app.globalId);
    const stranger = await newDeveloper('stranger');
    for (const document of [OWN_SUBMISSION, ReviewPage_SubmissionDocument] as const) {
      const result = await execute(document as typeof OWN_SUBMISSION, { id: submission.id }, stranger);
      expect(result.errors).toBeUndefined();
      expect(result.data?.certificationSubmission).toMatchObject({ __typename: 'NotFoundError' });
    }
  });

  it('the owner reads the submission, but each reviewer-only field answers a clear FORBIDDEN; support staff get NotFoundError', async () => {
    const { owner, app } = await readyApp('review-owner');
    const submission = await submitted(owner, app.globalId);
    const own = await execute(OWN_SUBMISSION, { id: submission.id }, owner);
    expect(own.errors).toBeUndefined();
    expect(own.data?.certificationSubmission).toMatchObject({ __typename: 'CertificationSubmission', id: submission.id });

    const result = await execute(ReviewPage_SubmissionDocument, { id: submission.id }, owner);
    const refused = (result.errors ?? []).map((error) => ({ path: error.path?.join('.'), code: error.extensions?.code, message: error.message }));
    expect(refused).toEqual(
      ['questionnaire', 'reviewerNotes', 'endpointChecks'].map((field) => ({
        path: `certificationSubmission.${field}`,
        code: 'FORBIDDEN',
        message: 'Only certification reviewers may do this.',
      })),
    );

    // Support staff see apps through their search, not submissions, and never the test account.
    const support = await newStaff('SUPPORT', 'support-review');
    const asSupport = await execute(ReviewPage_SubmissionDocument, { id: submission.id }, support);
    expect(asSupport.errors).toBeUndefined();
    expect(asSupport.data?.certificationSubmission.__typename).toBe('NotFoundError');
  });
});

describe('App.version: a version’s listing for its owner', () => {
  it('answers the frozen listing with its media facts, null for a number that does not exist', async () => {
    const { owner, app } = await readyApp('version-preview');
    await submitted(owner, app.globalId);
    await prisma.generalInfo.update({ where: { appId: app.id }, data: { shortDescription: 'The draft moved on.' } });
    const result = await execute(ListingPreviewPage_VersionDocument, { id: app.globalId, number: 1 }, owner);
    const found = result.data?.app;
    if (found?.__typename !== 'App') throw new Error(JSON.stringify(result));
    expect(found.version?.name).toBe('v1');
    expect(found.version?.listing.general.shortDescription).toBe('Keeps an eye on the front door.');
    const icon = found.version?.listing.general.icon;
    expect(icon).toMatchObject({ contentType: 'image/png', width: 1024, height: 1024 });
    // The version's own copy of the file, not the draft's asset.
    const asset = await prisma.mediaAsset.findFirstOrThrow({ where: { appId: app.id, kind: 'ICON' } });
    expect(icon?.url).not.toBe(`/media/${asset.id}`);
    expect(await prisma.appVersionMedia.findFirst({ where: { id: icon!.url.split('/').pop()! } })).not.toBeNull();

    const none = await execute(ListingPreviewPage_VersionDocument, { id: app.globalId, number: 2 }, owner);
    expect(none.data?.app).toMatchObject({ __typename: 'App', version: null });
    const stranger = await newDeveloper('stranger');
    expect((await execute(ListingPreviewPage_VersionDocument, { id: app.globalId, number: 1 }, stranger)).data?.app.__typename).toBe('NotFoundError');
  });
});
