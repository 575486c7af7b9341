/**
 * The two forms a developer fills in before submitting for certification: the questionnaire
 * (saved a tab at a time) and the reviewer notes. Inputs are checked in the services with the
 * @ring/domain rules, which name every problem; a stale expectedVersion saves nothing.
 */
import { queryFromInfo } from '@pothos/plugin-prisma';
import { REVIEWER_NOTE_MAX, REVIEWER_NOTE_MIN } from '@ring/domain';
import { builder } from '../../builder.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { findOwnedApp } from '../apps/apps.access.ts';
import { AppRef } from '../apps/apps.type.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { QuestionnaireTabAnswersRef, QuestionnaireTabNameEnum, ReviewerNotesRef } from './certification-forms.type.ts';
import { saveQuestionnaireTab, type QuestionnaireTabView } from './questionnaire.service.ts';
import { reviewerNotesView, saveReviewerNotes, type ReviewerNotesRow } from './reviewer-notes.service.ts';

const QuestionAnswerInput = builder.inputType('QuestionAnswerInput', {
  description: 'One answer: ["yes"] or ["no"], option ids, or one text. An empty list (or a blank text) is no answer.',
  fields: (t) => ({
    questionId: t.id({ description: 'The question’s id (Question.id).' }),
    value: t.stringList({ description: 'The answer, as its question’s kind takes it.' }),
  }),
});

const SaveQuestionnaireTabInput = builder.inputType('SaveQuestionnaireTabInput', {
  description: 'One tab’s answers, saved whole: questions left out are unanswered.',
  fields: (t) => ({
    appId: t.id({ description: 'The app.' }),
    tab: t.field({ type: QuestionnaireTabNameEnum, description: 'The tab to save.' }),
    expectedVersion: t.int({
      description: 'The tab’s version you loaded (0 before the first save); another save since is ConflictError and nothing is saved.',
    }),
    answers: t.field({
      type: [QuestionAnswerInput],
      description:
        'At most one answer per question of the tab. Every required question asked needs one; an answer to a question not asked (its condition not met) is ignored.',
    }),
  }),
});

const SaveQuestionnaireTabSuccess = builder.simpleObject('SaveQuestionnaireTabSuccess', {
  description: 'The tab is saved.',
  fields: (t) => ({
    tab: t.field({ type: QuestionnaireTabAnswersRef, description: 'The saved tab, with its new version.' }),
    app: t.field({ type: AppRef, description: 'The app.' }),
  }),
});

const appPath = (type: string) => [{ type, name: 'app' }];

developerMutation('saveQuestionnaireTab', {
  type: SaveQuestionnaireTabSuccess,
  input: SaveQuestionnaireTabInput,
  description: 'Saves one tab of the certification questionnaire. Every wrong or missing answer is named (path ["answers", questionId]).',
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context, info) => {
    const app = await findOwnedApp(context.viewer, String(input.appId), { select: { id: true } });
    const appQuery = queryFromInfo({ context, info, typeName: 'App', path: appPath('SaveQuestionnaireTabSuccess') });
    const saved = await saveQuestionnaireTab(
      context.viewer.id,
      app.id,
      {
        tab: input.tab,
        expectedVersion: input.expectedVersion,
        answers: input.answers.map((answer) => ({ questionId: String(answer.questionId), value: answer.value })),
      },
      appQuery,
    );
    return { tab: saved.tab as QuestionnaireTabView, app: saved.app };
  },
});

const notesRule = `${REVIEWER_NOTE_MIN} to ${REVIEWER_NOTE_MAX.toLocaleString('en')} characters`;

const SaveReviewerNotesInput = builder.inputType('SaveReviewerNotesInput', {
  description: `The three reviewer notes, saved together; each ${notesRule}.`,
  fields: (t) => ({
    appId: t.id({ description: 'The app.' }),
    expectedVersion: t.int({
      description: 'The notes’ version you loaded (0 before the first save); another save since is ConflictError and nothing is saved.',
    }),
    // Optional in the schema so that a missing note is a ValidationError naming it.
    testingInstructions: t.string({ required: false, description: `Required. How to try the app: ${notesRule}.` }),
    testAccount: t.string({
      required: false,
      description: `A test account reviewers can sign in with (${notesRule}); stored encrypted. Null or left out keeps the saved one (required when none is saved).`,
    }),
    otherNotes: t.string({ required: false, description: `Required. Anything else reviewers should know: ${notesRule}.` }),
  }),
});

const SaveReviewerNotesSuccess = builder.simpleObject('SaveReviewerNotesSuccess', {
  description: 'The reviewer notes are saved.',
  fields: (t) => ({
    reviewerNotes: t.field({ type: ReviewerNotesRef, description: 'The saved notes, with their new version.' }),
    app: t.field({ type: AppRef, description: 'The app.' }),
  }),
});

developerMutation('saveReviewerNotes', {
  type: SaveReviewerNotesSuccess,
  input: SaveReviewerNotesInput,
  description: `Saves the notes for certification reviewers: testing instructions, a test account and other notes, ${notesRule} each.`,
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context, info) => {
    const app = await findOwnedApp(context.viewer, String(input.appId), { select: { id: true, developerId: true } });
    const appQuery = queryFromInfo({ context, info, typeName: 'App', path: appPath('SaveReviewerNotesSuccess') });
    const saved = await saveReviewerNotes(context.viewer.id, app.id, input, appQuery);
    const reviewerNotes = reviewerNotesView({ id: app.id, developerId: app.developerId, reviewerNotes: saved.row as ReviewerNotesRow });
    return { reviewerNotes, app: saved.app };
  },
});
