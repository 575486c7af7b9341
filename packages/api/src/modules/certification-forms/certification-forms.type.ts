import {
  QUESTION_KINDS,
  questionnaireTab,
  QUESTIONNAIRE_TABS,
  REVIEWER_NOTE_MAX,
  REVIEWER_NOTE_MIN,
  type Question,
  type QuestionCondition,
  type QuestionnaireTab,
  type QuestionOption,
} from '@ring/domain';
import { builder } from '../../builder.ts';
import { AppRef } from '../apps/apps.type.ts';
import { QUESTIONNAIRE_SELECT, questionnaireFromRows, type QuestionnaireTabView } from './questionnaire.service.ts';
import { mayReadReviewerTestAccount } from './reviewer-notes.access.ts';
import { decryptTestAccount, REVIEWER_NOTES_SELECT, reviewerNotesView, type ReviewerNotesView } from './reviewer-notes.service.ts';

const TAB_DESCRIPTIONS: Record<(typeof QUESTIONNAIRE_TABS)[number], string> = {
  GENERAL: 'Who you are and how security is run.',
  DATA_PROCESSING: 'Which data the app handles, why, where and for how long.',
  AI_GOVERNANCE: 'Whether and how machine learning or AI is used on Ring data.',
  DATA_PROTECTION: 'Encryption, access control, retention and deletion.',
  THIRD_PARTIES: 'Sub-processors and third-party SDKs.',
};

export const QuestionnaireTabNameEnum = builder.enumType('QuestionnaireTabName', {
  description: 'The five tabs of the certification questionnaire, as Ring has them.',
  values: Object.fromEntries(QUESTIONNAIRE_TABS.map((tab) => [tab, { value: tab, description: TAB_DESCRIPTIONS[tab] }])) as {
    [K in (typeof QUESTIONNAIRE_TABS)[number]]: { value: K; description: string };
  },
});

const KIND_DESCRIPTIONS: Record<(typeof QUESTION_KINDS)[number], string> = {
  YES_NO: 'Answered ["yes"] or ["no"].',
  SINGLE_CHOICE: 'Answered with exactly one option id.',
  MULTIPLE_CHOICE: 'Answered with one or more option ids, each once.',
  TEXT: 'Answered with one text of at most maxLength characters.',
};

const QuestionKindEnum = builder.enumType('QuestionKind', {
  description: 'How a question is answered (QuestionAnswerInput.value).',
  values: Object.fromEntries(QUESTION_KINDS.map((kind) => [kind, { value: kind, description: KIND_DESCRIPTIONS[kind] }])) as {
    [K in (typeof QUESTION_KINDS)[number]]: { value: K; description: string };
  },
});

const QuestionOptionRef = builder.objectRef<QuestionOption>('QuestionOption').implement({
  description: 'One choice of a question.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The stable value to send, e.g. "yes" or UP_TO_30_DAYS.' }),
    label: t.exposeString('label', { description: 'What people read.' }),
  }),
});

const QuestionConditionRef = builder.objectRef<QuestionCondition>('QuestionCondition').implement({
  description: 'When a question is asked: once an earlier question of the same tab has this answer.',
  fields: (t) => ({
    questionId: t.exposeID('questionId', { description: 'The earlier question.' }),
    value: t.exposeString('value', { description: 'The option id ("yes" for a YES_NO question) it must have (among those chosen, for MULTIPLE_CHOICE).' }),
  }),
});

const QuestionRef = builder.objectRef<Question>('Question').implement({
  description: 'One question of the questionnaire.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id, sent as QuestionAnswerInput.questionId, e.g. uses_ai.' }),
    label: t.exposeString('label', { description: 'The question, as people read it.' }),
    hint: t.exposeString('hint', { nullable: true, description: 'One more sentence of help, or null.' }),
    kind: t.field({ type: QuestionKindEnum, description: 'How it is answered.', resolve: (question) => question.kind }),
    required: t.exposeBoolean('required', { description: 'The tab cannot be saved (nor counts as complete) without an answer, when the question is asked.' }),
    options: t.field({
      type: [QuestionOptionRef],
      description: 'The choices: yes and no for YES_NO, the list for the choice kinds, none for TEXT.',
      resolve: (question) => [...question.options],
    }),
    maxLength: t.exposeInt('maxLength', { nullable: true, description: 'TEXT only: the most characters (as people count them), else null.' }),
    askedWhen: t.field({
      type: QuestionConditionRef,
      nullable: true,
      description: 'Null when always asked; otherwise asked only once the condition holds. Answers to questions not asked are ignored.',
      resolve: (question) => question.askedWhen,
    }),
  }),
});

const QuestionnaireTabRef = builder.objectRef<QuestionnaireTab>('QuestionnaireTab').implement({
  description: 'One tab of the questionnaire and its questions, in order.',
  fields: (t) => ({
    tab: t.field({ type: QuestionnaireTabNameEnum, description: 'Which tab.', resolve: (tab) => tab.tab }),
    title: t.exposeString('title', { description: 'Its title, e.g. "Data protection".' }),
    questions: t.field({ type: [QuestionRef], description: 'Its questions, in the order to ask them.', resolve: (tab) => [...tab.questions] }),
  }),
});

export const QuestionnaireRef = builder.objectRef<{ tabs: readonly QuestionnaireTab[] }>('Questionnaire').implement({
  description: 'The certification questionnaire: the same for every app.',
  fields: (t) => ({
    tabs: t.field({ type: [QuestionnaireTabRef], description: 'The five tabs, in order.', resolve: (questionnaire) => [...questionnaire.tabs] }),
  }),
});

const QuestionAnswerRef = builder.objectRef<{ questionId: string; value: string[] }>('QuestionAnswer').implement({
  description: 'A saved answer.',
  fields: (t) => ({
    questionId: t.exposeID('questionId', { description: 'The question.' }),
    value: t.exposeStringList('value', { description: '["yes"]/["no"], option ids, or one text.' }),
  }),
});

export const QuestionnaireTabAnswersRef = builder.objectRef<QuestionnaireTabView>('QuestionnaireTabAnswers').implement({
  description: 'One questionnaire tab of an app: its saved answers and what it still misses.',
  fields: (t) => ({
    tab: t.field({ type: QuestionnaireTabNameEnum, description: 'Which tab.', resolve: (view) => view.tab }),
    version: t.exposeInt('version', {
      description: 'Increases with every save; 0 before the first. Pass it as expectedVersion: a save over a newer version is refused with ConflictError.',
    }),
    savedAt: t.expose('savedAt', { type: 'DateTime', nullable: true, description: 'When the tab was last saved, or null.' }),
    answers: t.field({
      type: [QuestionAnswerRef],
      description: 'The saved answers, of questions that were asked, in question order.',
      // JSONB keeps keys in its own order, so the order is the questions'.
      resolve: (view) =>
        questionnaireTab(view.tab).questions.flatMap((question) => {
          const value = view.answers[question.id];
          return value ? [{ questionId: question.id, value }] : [];
        }),
    }),
    complete: t.boolean({ description: 'Every required question asked has an answer.', resolve: (view) => view.missing.length === 0 }),
    missing: t.idList({ description: 'The ids of the required questions asked and not answered.', resolve: (view) => view.missing }),
  }),
});

export const ReviewerNotesRef = builder.objectRef<ReviewerNotesView>('ReviewerNotes').implement({
  description: `What certification reviewers read: three notes of ${REVIEWER_NOTE_MIN}-${REVIEWER_NOTE_MAX.toLocaleString('en')} characters each.`,
  fields: (t) => ({
    version: t.int({ description: 'Increases with every save; 0 before the first. Pass it as expectedVersion.', resolve: (view) => view.row?.version ?? 0 }),
    savedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the notes were last saved, or null.',
      resolve: (view) => view.row?.savedAt ?? null,
    }),
    testingInstructions: t.string({
      nullable: true,
      description: 'How to try the app: what to set up, what to press, what to expect. Null before the first save.',
      resolve: (view) => (view.row?.savedAt ? view.row.testingInstructions : null),
    }),
    testAccount: t.string({
      nullable: true,
      description:
        'The test account reviewers sign in with, in plaintext: answered only to the app’s owner (and reviewers); null to anyone else and before it is saved. Stored encrypted.',
      resolve: (view, _args, context) => {
        if (!view.row?.testAccountEncrypted || !mayReadReviewerTestAccount(context.viewer, view)) return null;
        return decryptTestAccount(view.appId, view.row);
      },
    }),
    testAccountSaved: t.boolean({
      description: 'A test account is saved (whether or not you may read it).',
      resolve: (view) => Boolean(view.row?.testAccountEncrypted),
    }),
    otherNotes: t.string({
      nullable: true,
      description: 'Anything else a reviewer should know. Null before the first save.',
      resolve: (view) => (view.row?.savedAt ? view.row.otherNotes : null),
    }),
    complete: t.boolean({ description: 'All three notes are written.', resolve: (view) => view.missing.length === 0 }),
    missing: t.stringList({ description: 'Input field names of the notes still missing, e.g. ["testAccount"].', resolve: (view) => view.missing }),
  }),
});

builder.prismaObjectFields(AppRef, (t) => ({
  questionnaireAnswers: t.field({
    type: [QuestionnaireTabAnswersRef],
    description: 'The certification questionnaire’s five tabs for this app, in order: answers, version and what each still misses.',
    select: QUESTIONNAIRE_SELECT,
    resolve: (app) => questionnaireFromRows(app.questionnaireAnswers),
  }),
  reviewerNotes: t.field({
    type: ReviewerNotesRef,
    description: 'The notes for certification reviewers (testing instructions, a test account, other notes).',
    select: REVIEWER_NOTES_SELECT,
    resolve: (app) => reviewerNotesView(app),
  }),
}));
