/**
 * The two forms filled in before submitting for certification: the questionnaire (a tab at a
 * time) and the reviewer notes, through the API as clients call it, on a real PostgreSQL.
 */
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import {
  QuestionnairePage_AppDocument,
  QuestionnairePage_SaveTabDocument,
  ReviewerNotesPage_AppDocument,
  ReviewerNotesPage_SaveDocument,
  ReviewerNotesPage_TestAccountDocument,
} from '@ring/client';
import { REVIEWER_NOTE_MAX, REVIEWER_NOTE_MIN } from '@ring/domain';
import { decryptSecret } from '../../packages/api/src/crypto/secret-box.ts';
import { questionnaireMissing } from '../../packages/api/src/modules/certification-forms/questionnaire.service.ts';
import { reviewerNotesMissing } from '../../packages/api/src/modules/certification-forms/reviewer-notes.service.ts';
import { execute, newDeveloper, newStaff } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';

async function setup(label = 'certify') {
  const developer = await newDeveloper(label);
  const app = await insertApp(developer.id, `Certify ${label} ${Math.random()}`);
  return { developer, app };
}

type Answer = { questionId: string; value: string[] };
const a = (questionId: string, ...value: string[]): Answer => ({ questionId, value });

/** Data processing, complete, media stored (so media_retention is asked). */
const dataProcessing = (retention = 'UP_TO_30_DAYS') => [
  a('personal_data_categories', 'EVENT_METADATA', 'VIDEO_AND_IMAGES'),
  a('processing_purposes', 'Alerts and a 30-day clip history.'),
  a('processing_regions', 'US'),
  a('stores_media', 'yes'),
  a('media_retention', retention),
  a('sells_or_shares', 'no'),
  // Not asked (sells_or_shares is "no"): ignored, not stored.
  a('sharing_details', 'Ignored.'),
];

async function saveTab(caller: { cookie: string }, appId: string, tab: string, expectedVersion: number, answers: Answer[]) {
  const response = await execute(QuestionnairePage_SaveTabDocument, { input: { appId, tab: tab as never, expectedVersion, answers } }, caller);
  expect(response.errors).toBeUndefined();
  return response.data!.saveQuestionnaireTab;
}

async function tabsOf(caller: { cookie: string }, appId: string) {
  const response = await execute(QuestionnairePage_AppDocument, { id: appId }, caller);
  const node = response.data?.node;
  if (node?.__typename !== 'App') throw new Error(JSON.stringify(response));
  return { tabs: node.questionnaireAnswers, questionnaire: response.data!.questionnaire };
}

describe('questionnaire', () => {
  it('serves five tabs of typed questions, conditions included, and an app starts with five empty tabs at version 0', async () => {
    const { developer, app } = await setup();
    const { tabs, questionnaire } = await tabsOf(developer, app.globalId);
    expect(questionnaire.tabs.map((tab) => [tab.tab, tab.title])).toEqual([
      ['GENERAL', 'General'],
      ['DATA_PROCESSING', 'Data processing'],
      ['AI_GOVERNANCE', 'AI governance'],
      ['DATA_PROTECTION', 'Data protection'],
      ['THIRD_PARTIES', 'Third parties'],
    ]);
    const retention = questionnaire.tabs[1]!.questions.find((question) => question.id === 'media_retention');
    expect(retention).toMatchObject({ kind: 'SINGLE_CHOICE', required: true, maxLength: null, askedWhen: { questionId: 'stores_media', value: 'yes' } });
    expect(questionnaire.tabs[1]!.questions.find((question) => question.id === 'stores_media')!.options).toEqual([
      { id: 'yes', label: 'Yes' },
      { id: 'no', label: 'No' },
    ]);
    expect(new Set(questionnaire.tabs.flatMap((tab) => tab.questions.map((question) => question.kind)))).toEqual(
      new Set(['YES_NO', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TEXT']),
    );
    expect(tabs.map((tab) => [tab.tab, tab.version, tab.complete, tab.answers])).toEqual(questionnaire.tabs.map((tab) => [tab.tab, 0, false, []]));
    expect(tabs[3]!.missing).toEqual([
      'encryption_in_transit',
      'encryption_at_rest',
      'access_controls',
      'retention_and_deletion',
      'deletes_on_unlink',
      'security_testing',
    ]);
  });

  it('saves a tab with a conditional question, ignores answers to questions not asked, bumps the version and records an audit event', async () => {
    const { developer, app } = await setup();
    const saved = await saveTab(developer, app.globalId, 'DATA_PROCESSING', 0, dataProcessing());
    expect(saved).toMatchObject({ __typename: 'SaveQuestionnaireTabSuccess', tab: { tab: 'DATA_PROCESSING', version: 1, complete: true, missing: [] } });
    if (saved.__typename !== 'SaveQuestionnaireTabSuccess') return;
    expect(saved.tab.answers.map((answer) => answer.questionId)).not.toContain('sharing_details');
    // In question order, whatever order JSONB keeps the keys in.
    expect(saved.tab.answers).toEqual([
      { questionId: 'personal_data_categories', value: ['EVENT_METADATA', 'VIDEO_AND_IMAGES'] },
      { questionId: 'processing_purposes', value: ['Alerts and a 30-day clip history.'] },
      { questionId: 'processing_regions', value: ['US'] },
      { questionId: 'stores_media', value: ['yes'] },
      { questionId: 'media_retention', value: ['UP_TO_30_DAYS'] },
      { questionId: 'sells_or_shares', value: ['no'] },
    ]);

    // Answering "no" now: the retention answer sent along is dropped, and the stored one goes.
    const again = await saveTab(developer, app.globalId, 'DATA_PROCESSING', 1, [
      ...dataProcessing().filter((answer) => answer.questionId !== 'stores_media'),
      a('stores_media', 'no'),
    ]);
    expect(again).toMatchObject({ tab: { version: 2, complete: true } });
    const row = await prisma.questionnaireAnswers.findUniqueOrThrow({ where: { appId_tab: { appId: app.id, tab: 'DATA_PROCESSING' } } });
    expect(row.answers).not.toHaveProperty('media_retention');
    expect(row.answers).not.toHaveProperty('sharing_details');
    const events = await prisma.auditEvent.findMany({ where: { appId: app.id, action: 'questionnaire.saved' }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.detail)).toEqual([
      { tab: 'DATA_PROCESSING', version: 1 },
      { tab: 'DATA_PROCESSING', version: 2 },
    ]);
    const { tabs } = await tabsOf(developer, app.globalId);
    expect(tabs.map((tab) => tab.version)).toEqual([0, 2, 0, 0, 0]);
  });

  it('names every problem at answers.<questionId> and saves nothing (no row, no audit event)', async () => {
    const { developer, app } = await setup();
    const refused = await saveTab(developer, app.globalId, 'DATA_PROCESSING', 0, [
      a('personal_data_categories', 'EVENT_METADATA', 'EVENT_METADATA'),
      a('processing_purposes', 'x'.repeat(1001)),
      a('processing_regions', 'MARS'),
      a('stores_media', 'yes'),
      a('sells_or_shares', 'yes', 'no'),
      a('not_a_question', 'yes'),
    ]);
    expect(refused.__typename).toBe('ValidationError');
    if (refused.__typename !== 'ValidationError') return;
    expect(refused.fields.map((field) => [field.path.join('.'), field.code])).toEqual([
      ['answers.not_a_question', 'NOT_ALLOWED'],
      ['answers.personal_data_categories', 'DUPLICATE'],
      ['answers.processing_purposes', 'TOO_LONG'],
      ['answers.processing_regions', 'NOT_ALLOWED'],
      ['answers.media_retention', 'REQUIRED'],
      ['answers.sells_or_shares', 'TOO_MANY'],
    ]);
    expect(await prisma.questionnaireAnswers.count({ where: { appId: app.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { appId: app.id } })).toBe(0);
  });

  it('holds a text answer to its limit through the API: 1,000 characters saved, 1,001 refused', async () => {
    const { developer, app } = await setup();
    const withPurpose = (text: string) => [...dataProcessing().filter((answer) => answer.questionId !== 'processing_purposes'), a('processing_purposes', text)];
    expect((await saveTab(developer, app.globalId, 'DATA_PROCESSING', 0, withPurpose('é'.repeat(1000)))).__typename).toBe('SaveQuestionnaireTabSuccess');
    const over = await saveTab(developer, app.globalId, 'DATA_PROCESSING', 1, withPurpose('é'.repeat(1001)));
    expect(over).toMatchObject({ __typename: 'ValidationError', fields: [{ path: ['answers', 'processing_purposes'], code: 'TOO_LONG' }] });
  });

  it('refuses a stale expectedVersion with ConflictError and keeps the answers saved before', async () => {
    const { developer, app } = await setup();
    await saveTab(developer, app.globalId, 'DATA_PROCESSING', 0, dataProcessing('UP_TO_30_DAYS'));
    const stale = await saveTab(developer, app.globalId, 'DATA_PROCESSING', 0, dataProcessing('LONGER'));
    expect(stale).toMatchObject({ __typename: 'ConflictError', message: expect.stringMatching(/version 1, you expected 0/) });
    const ahead = await saveTab(developer, app.globalId, 'DATA_PROCESSING', 5, dataProcessing('LONGER'));
    expect(ahead.__typename).toBe('ConflictError');
    const row = await prisma.questionnaireAnswers.findUniqueOrThrow({ where: { appId_tab: { appId: app.id, tab: 'DATA_PROCESSING' } } });
    expect(row).toMatchObject({ version: 1, answers: expect.objectContaining({ media_retention: ['UP_TO_30_DAYS'] }) });
    expect(await prisma.auditEvent.count({ where: { appId: app.id, action: 'questionnaire.saved' } })).toBe(1);
  });

  it('two saves from the same version: exactly one wins', async () => {
    const { developer, app } = await setup();
    const results = await Promise.all(
      ['UP_TO_24_HOURS', 'LONGER'].map((retention) => saveTab(developer, app.globalId, 'DATA_PROCESSING', 0, dataProcessing(retention))),
    );
    expect(results.map((result) => result.__typename).sort()).toEqual(['ConflictError', 'SaveQuestionnaireTabSuccess']);
    expect(await prisma.questionnaireAnswers.findUniqueOrThrow({ where: { appId_tab: { appId: app.id, tab: 'DATA_PROCESSING' } } })).toMatchObject({
      version: 1,
    });
  });

  it('questionnaireMissing names each incomplete tab in a sentence, and nothing once all five are complete', async () => {
    const { developer, app } = await setup();
    expect(await questionnaireMissing(prisma, app.id)).toEqual([
      'Questionnaire: General tab is not answered yet (5 required questions unanswered).',
      'Questionnaire: Data processing tab is not answered yet (5 required questions unanswered).',
      'Questionnaire: AI governance tab is not answered yet (1 required question unanswered).',
      'Questionnaire: Data protection tab is not answered yet (6 required questions unanswered).',
      'Questionnaire: Third parties tab is not answered yet (1 required question unanswered).',
    ]);
    const complete: Record<string, Answer[]> = {
      GENERAL: [
        a('app_purpose', 'Alerts.'),
        a('legal_entity_country', 'United States'),
        a('security_contact', 'security@example.com'),
        a('security_policy', 'no'),
        a('incident_notification', 'yes'),
      ],
      DATA_PROCESSING: dataProcessing(),
      AI_GOVERNANCE: [a('uses_ai', 'no')],
      DATA_PROTECTION: [
        a('encryption_in_transit', 'yes'),
        a('encryption_at_rest', 'yes'),
        a('key_management', 'Cloud KMS, two admins.'),
        a('access_controls', 'MFA'),
        a('retention_and_deletion', '30 days, then deleted.'),
        a('deletes_on_unlink', 'yes'),
        a('security_testing', 'YEARLY'),
      ],
      THIRD_PARTIES: [a('uses_subprocessors', 'no')],
    };
    for (const [tab, answers] of Object.entries(complete))
      expect((await saveTab(developer, app.globalId, tab, 0, answers)).__typename).toBe('SaveQuestionnaireTabSuccess');
    expect(await questionnaireMissing(prisma, app.id)).toEqual([]);
    // A tab whose stored answers fall short of today's questions (written before a question was added, say).
    await prisma.questionnaireAnswers.update({
      where: { appId_tab: { appId: app.id, tab: 'DATA_PROTECTION' } },
      data: {
        answers: {
          encryption_in_transit: ['yes'],
          encryption_at_rest: ['yes'],
          access_controls: ['MFA'],
          retention_and_deletion: ['30 days.'],
          deletes_on_unlink: ['yes'],
        },
      },
    });
    expect(await questionnaireMissing(prisma, app.id)).toEqual(['Questionnaire: Data protection tab is incomplete (2 required questions unanswered).']);
  });
});

const notes = {
  testingInstructions: 'Sign in, link the demo doorbell, press it and watch the alert.',
  testAccount: 'reviewer@example.com / correct-horse-battery-42',
  otherNotes: 'The staging backend sleeps at night; the first call may take 5 s.',
};

async function saveNotes(caller: { cookie: string }, appId: string, expectedVersion: number, input: Partial<Record<keyof typeof notes, string | null>>) {
  const response = await execute(ReviewerNotesPage_SaveDocument, { input: { appId, expectedVersion, ...input } }, caller);
  expect(response.errors).toBeUndefined();
  return response.data!.saveReviewerNotes;
}

async function testAccountAs(caller: { cookie: string }, appId: string) {
  const response = await execute(ReviewerNotesPage_TestAccountDocument, { id: appId }, caller);
  const node = response.data?.node;
  return node?.__typename === 'App' ? node.reviewerNotes.testAccount : undefined;
}

const SUPPORT_SEARCH = parse(
  `query($query: String!) { supportAppSearch(query: $query) { id reviewerNotes { testAccount testAccountSaved testingInstructions } } }`,
) as TypedDocumentNode<
  { supportAppSearch: Array<{ id: string; reviewerNotes: { testAccount: string | null; testAccountSaved: boolean; testingInstructions: string | null } }> },
  { query: string }
>;

describe('reviewer notes', () => {
  it('saves the three notes, the test account encrypted at rest, shown to the owner and not to support staff', async () => {
    const { developer, app } = await setup('notes');
    const saved = await saveNotes(developer, app.globalId, 0, notes);
    expect(saved).toMatchObject({
      __typename: 'SaveReviewerNotesSuccess',
      reviewerNotes: {
        version: 1,
        complete: true,
        missing: [],
        testAccountSaved: true,
        testingInstructions: notes.testingInstructions,
        otherNotes: notes.otherNotes,
      },
    });
    const row = await prisma.reviewerNotes.findUniqueOrThrow({ where: { appId: app.id } });
    expect(row.testAccountEncrypted).not.toContain('reviewer@example.com');
    expect(row.testAccountEncrypted).toMatch(/^v1\./);
    expect(decryptSecret(row.testAccountEncrypted, `reviewer-test-account:${app.id}`)).toBe(notes.testAccount);
    // Bound to its use: the app id alone (the HMAC key's context) does not open it.
    expect(() => decryptSecret(row.testAccountEncrypted, app.id)).toThrow();
    expect(await testAccountAs(developer, app.globalId)).toBe(notes.testAccount);

    const support = await newStaff('SUPPORT', 'notes-support');
    const search = await execute(SUPPORT_SEARCH, { query: app.name }, support);
    expect(search.errors).toBeUndefined();
    expect(search.data?.supportAppSearch).toEqual([
      { id: app.globalId, reviewerNotes: { testAccount: null, testAccountSaved: true, testingInstructions: notes.testingInstructions } },
    ]);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { appId: app.id, action: 'reviewer-notes.saved' } });
    expect(event.detail).toEqual({ version: 1, testAccountChanged: true });
    expect(JSON.stringify(event)).not.toContain('correct-horse');
  });

  it('accepts 20 and 4,000 characters and refuses 19 and 4,001 in each field, naming every wrong field and saving nothing', async () => {
    const { developer, app } = await setup('notes-limits');
    let version = 0;
    for (const field of ['testingInstructions', 'testAccount', 'otherNotes'] as const) {
      for (const length of [REVIEWER_NOTE_MIN, REVIEWER_NOTE_MAX]) {
        const result = await saveNotes(developer, app.globalId, version, { ...notes, [field]: 'é'.repeat(length) });
        expect(result.__typename, `${field} at ${length}`).toBe('SaveReviewerNotesSuccess');
        version += 1;
      }
    }
    const before = await prisma.reviewerNotes.findUniqueOrThrow({ where: { appId: app.id } });
    const refused = await saveNotes(developer, app.globalId, version, {
      testingInstructions: 'x'.repeat(REVIEWER_NOTE_MIN - 1),
      testAccount: 'x'.repeat(REVIEWER_NOTE_MAX + 1),
      otherNotes: `  ${'x'.repeat(REVIEWER_NOTE_MIN - 1)}  `,
    });
    expect(refused).toMatchObject({
      __typename: 'ValidationError',
      fields: [
        { path: ['testingInstructions'], code: 'TOO_SHORT', message: 'Testing instructions must be at least 20 characters (it has 19).' },
        { path: ['testAccount'], code: 'TOO_LONG', message: 'Test account for reviewers must be at most 4,000 characters (it has 4,001).' },
        { path: ['otherNotes'], code: 'TOO_SHORT' },
      ],
    });
    expect(await prisma.reviewerNotes.findUniqueOrThrow({ where: { appId: app.id } })).toEqual(before);
  });

  it('keeps the saved test account when the save leaves it out, and requires one when none is saved', async () => {
    const { developer, app } = await setup('notes-keep');
    const first = await saveNotes(developer, app.globalId, 0, { ...notes, testAccount: null });
    expect(first).toMatchObject({ __typename: 'ValidationError', fields: [{ path: ['testAccount'], code: 'REQUIRED' }] });
    // Named in form order with the other notes' problems.
    const all = await saveNotes(developer, app.globalId, 0, { testingInstructions: 'short', testAccount: null, otherNotes: '' });
    expect(all.__typename === 'ValidationError' && all.fields.map((field) => [field.path[0], field.code])).toEqual([
      ['testingInstructions', 'TOO_SHORT'],
      ['testAccount', 'REQUIRED'],
      ['otherNotes', 'REQUIRED'],
    ]);
    expect(await prisma.reviewerNotes.count({ where: { appId: app.id } })).toBe(0);
    await saveNotes(developer, app.globalId, 0, notes);
    const kept = await saveNotes(developer, app.globalId, 1, { testingInstructions: 'Now with new instructions for you.', otherNotes: notes.otherNotes });
    expect(kept).toMatchObject({ reviewerNotes: { version: 2, testAccountSaved: true, testingInstructions: 'Now with new instructions for you.' } });
    expect(await testAccountAs(developer, app.globalId)).toBe(notes.testAccount);
  });

  it('refuses a stale expectedVersion with ConflictError and changes nothing', async () => {
    const { developer, app } = await setup('notes-stale');
    await saveNotes(developer, app.globalId, 0, notes);
    const stale = await saveNotes(developer, app.globalId, 0, { ...notes, otherNotes: 'Another person’s version of the notes.' });
    expect(stale).toMatchObject({ __typename: 'ConflictError' });
    const row = await prisma.reviewerNotes.findUniqueOrThrow({ where: { appId: app.id } });
    expect(row).toMatchObject({ version: 1, otherNotes: notes.otherNotes });
  });

  it('starts empty (version 0, every note missing), and reviewerNotesMissing names each missing note', async () => {
    const { developer, app } = await setup('notes-missing');
    const response = await execute(ReviewerNotesPage_AppDocument, { id: app.globalId }, developer);
    const node = response.data?.node;
    expect(node?.__typename === 'App' && node.reviewerNotes).toEqual({
      version: 0,
      savedAt: null,
      testingInstructions: null,
      testAccountSaved: false,
      otherNotes: null,
      complete: false,
      missing: ['testingInstructions', 'testAccount', 'otherNotes'],
    });
    expect(await reviewerNotesMissing(prisma, app.id)).toEqual([
      'Reviewer notes: “Testing instructions” is missing (20 to 4,000 characters).',
      'Reviewer notes: “Test account for reviewers” is missing (20 to 4,000 characters).',
      'Reviewer notes: “Other notes” is missing (20 to 4,000 characters).',
    ]);
    await saveNotes(developer, app.globalId, 0, notes);
    expect(await reviewerNotesMissing(prisma, app.id)).toEqual([]);
    // Notes stored under an older, looser rule count as missing again.
    await prisma.reviewerNotes.update({ where: { appId: app.id }, data: { otherNotes: 'Too short now.' } });
    expect(await reviewerNotesMissing(prisma, app.id)).toEqual(['Reviewer notes: “Other notes” is missing (20 to 4,000 characters).']);
  });
});
