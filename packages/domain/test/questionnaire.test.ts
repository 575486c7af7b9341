import { describe, expect, it } from 'vitest';
import {
  checkQuestionnaireTab,
  QUESTIONNAIRE,
  QUESTIONNAIRE_TABS,
  questionnaireTab,
  questionnaireTabMissingSentence,
  unansweredQuestions,
  type QuestionAnswer,
} from '../src/index.ts';

const a = (questionId: string, ...value: string[]): QuestionAnswer => ({ questionId, value });

/** A complete, valid Data processing tab without its conditional questions. */
const dataProcessing = () => [
  a('personal_data_categories', 'ACCOUNT_IDENTIFIERS', 'EVENT_METADATA'),
  a('processing_purposes', 'To send alerts.'),
  a('processing_regions', 'US'),
  a('stores_media', 'no'),
  a('sells_or_shares', 'no'),
];

describe('the questionnaire', () => {
  it('has the five tabs in Ring’s order, 4-8 questions each, unique ids, and conditions on earlier questions of the same tab', () => {
    expect(QUESTIONNAIRE.map((tab) => tab.tab)).toEqual([...QUESTIONNAIRE_TABS]);
    const ids = QUESTIONNAIRE.flatMap((tab) => tab.questions.map((question) => question.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const tab of QUESTIONNAIRE) {
      expect(tab.questions.length).toBeGreaterThanOrEqual(4);
      expect(tab.questions.length).toBeLessThanOrEqual(8);
      tab.questions.forEach((question, index) => {
        if (question.kind === 'TEXT') expect(question.maxLength).toBeGreaterThan(0);
        else expect(question.options.length).toBeGreaterThan(1);
        if (!question.askedWhen) return;
        const parent = tab.questions.findIndex((other) => other.id === question.askedWhen!.questionId);
        expect(parent, `${question.id}'s condition`).toBeGreaterThanOrEqual(0);
        expect(parent).toBeLessThan(index);
        expect(tab.questions[parent]!.options.map((option) => option.id)).toContain(question.askedWhen.value);
      });
    }
  });
});

describe('checkQuestionnaireTab', () => {
  it('accepts a complete tab and stores the answers, text trimmed and NFC', () => {
    const result = checkQuestionnaireTab('DATA_PROCESSING', [
      ...dataProcessing().slice(0, 1),
      a('processing_purposes', '  Cafe\u0301 alerts. '),
      ...dataProcessing().slice(2),
    ]);
    expect(result.issues).toEqual([]);
    expect(result.answers).toEqual({
      personal_data_categories: ['ACCOUNT_IDENTIFIERS', 'EVENT_METADATA'],
      processing_purposes: ['Café alerts.'],
      processing_regions: ['US'],
      stores_media: ['no'],
      sells_or_shares: ['no'],
    });
  });

  it('names every required question left unanswered, an empty list and a blank text included', () => {
    const result = checkQuestionnaireTab('DATA_PROCESSING', [a('personal_data_categories'), a('processing_purposes', '   ')]);
    expect(result.issues.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['answers.personal_data_categories', 'REQUIRED'],
      ['answers.processing_purposes', 'REQUIRED'],
      ['answers.processing_regions', 'REQUIRED'],
      ['answers.stores_media', 'REQUIRED'],
      ['answers.sells_or_shares', 'REQUIRED'],
    ]);
  });

  it('asks a conditional question only after its answer: required then, ignored (not stored, not refused) otherwise', () => {
    const withYes = checkQuestionnaireTab('DATA_PROCESSING', [
      ...dataProcessing().filter((answer) => answer.questionId !== 'stores_media'),
      a('stores_media', 'yes'),
    ]);
    expect(withYes.issues).toEqual([expect.objectContaining({ path: ['answers', 'media_retention'], code: 'REQUIRED' })]);

    const answered = checkQuestionnaireTab('DATA_PROCESSING', [
      ...dataProcessing().filter((answer) => answer.questionId !== 'stores_media'),
      a('stores_media', 'yes'),
      a('media_retention', 'UP_TO_30_DAYS'),
    ]);
    expect(answered.issues).toEqual([]);
    expect(answered.answers.media_retention).toEqual(['UP_TO_30_DAYS']);

    // "no": the retention answer is dropped, even a wrong one.
    const ignored = checkQuestionnaireTab('DATA_PROCESSING', [...dataProcessing(), a('media_retention', 'NOT_AN_OPTION', 'UP_TO_1_YEAR')]);
    expect(ignored.issues).toEqual([]);
    expect(ignored.answers).not.toHaveProperty('media_retention');
  });

  it('follows a chain of conditions: a question under an unasked question is not asked either', () => {
    const base = [a('uses_ai', 'no'), a('ai_trains_on_user_data', 'yes'), a('ai_training_opt_out', 'maybe')];
    expect(checkQuestionnaireTab('AI_GOVERNANCE', base)).toEqual({ answers: { uses_ai: ['no'] }, issues: [] });
    const yes = checkQuestionnaireTab('AI_GOVERNANCE', [
      a('uses_ai', 'yes'),
      a('ai_purposes', 'OBJECT_DETECTION'),
      a('ai_model_source', 'IN_HOUSE'),
      a('ai_output_review', 'USER_CONFIRMS'),
      a('ai_trains_on_user_data', 'yes'),
      a('ai_disclosure', 'In the app’s settings.'),
    ]);
    expect(yes.issues).toEqual([expect.objectContaining({ path: ['answers', 'ai_training_opt_out'], code: 'REQUIRED' })]);
  });

  it('refuses values outside each kind’s rule, naming each question', () => {
    const result = checkQuestionnaireTab('DATA_PROCESSING', [
      a('personal_data_categories', 'AUDIO', 'AUDIO'),
      a('processing_purposes', 'one', 'two'),
      a('processing_regions', 'MARS'),
      a('stores_media', 'yes', 'no'),
      a('sells_or_shares', 'Yes'),
    ]);
    expect(result.issues.map((issue) => [issue.path[1], issue.code])).toEqual([
      ['personal_data_categories', 'DUPLICATE'],
      ['processing_purposes', 'TOO_MANY'],
      ['processing_regions', 'NOT_ALLOWED'],
      ['stores_media', 'TOO_MANY'],
      ['sells_or_shares', 'NOT_ALLOWED'],
    ]);
    expect(result.issues[2]!.message).toMatch(/“MARS”.*US, CANADA/);
  });

  it('a single choice takes exactly one option: one is accepted, two are refused', () => {
    const base = [...dataProcessing().filter((answer) => answer.questionId !== 'stores_media'), a('stores_media', 'yes')];
    expect(checkQuestionnaireTab('DATA_PROCESSING', [...base, a('media_retention', 'UP_TO_24_HOURS')]).issues).toEqual([]);
    expect(checkQuestionnaireTab('DATA_PROCESSING', [...base, a('media_retention', 'UP_TO_24_HOURS', 'LONGER')]).issues).toEqual([
      expect.objectContaining({ path: ['answers', 'media_retention'], code: 'TOO_MANY' }),
    ]);
  });

  it('holds a text answer to its maxLength in characters: at the limit accepted, one over refused', () => {
    const limit = questionnaireTab('DATA_PROCESSING').questions.find((question) => question.id === 'processing_purposes')!.maxLength!;
    const withText = (text: string) => [...dataProcessing().filter((answer) => answer.questionId !== 'processing_purposes'), a('processing_purposes', text)];
    // "é" as e + combining accent is one character (two code units): counted as a person would.
    expect(checkQuestionnaireTab('DATA_PROCESSING', withText('e\u0301'.repeat(limit))).issues).toEqual([]);
    expect(checkQuestionnaireTab('DATA_PROCESSING', withText('x'.repeat(limit))).issues).toEqual([]);
    const over = checkQuestionnaireTab('DATA_PROCESSING', withText('x'.repeat(limit + 1)));
    expect(over.issues).toEqual([
      { path: ['answers', 'processing_purposes'], code: 'TOO_LONG', message: `This answer must be at most ${limit} characters (it has ${limit + 1}).` },
    ]);
    expect(checkQuestionnaireTab('DATA_PROCESSING', withText('bad \u0007 bell')).issues[0]).toMatchObject({ code: 'INVALID_CHARACTERS' });
  });

  it('a multiple choice takes every option once (all accepted), and more values than options are refused', () => {
    const question = questionnaireTab('DATA_PROCESSING').questions.find((entry) => entry.id === 'personal_data_categories')!;
    const all = question.options.map((option) => option.id);
    const rest = dataProcessing().filter((answer) => answer.questionId !== question.id);
    expect(checkQuestionnaireTab('DATA_PROCESSING', [...rest, a(question.id, ...all)]).issues).toEqual([]);
    expect(checkQuestionnaireTab('DATA_PROCESSING', [...rest, a(question.id, ...all, all[0]!)]).issues).toEqual([
      expect.objectContaining({ path: ['answers', question.id], code: 'TOO_MANY' }),
    ]);
  });

  it('refuses unknown question ids (saying when one belongs to another tab) and a question answered twice', () => {
    const result = checkQuestionnaireTab('DATA_PROCESSING', [a('uses_ai', 'yes'), a('nope', 'x'), ...dataProcessing().slice(0, 3)]);
    expect(result.issues).toEqual([
      { path: ['answers', 'uses_ai'], code: 'NOT_ALLOWED', message: expect.stringMatching(/another tab \(AI governance\)/) },
      { path: ['answers', 'nope'], code: 'NOT_ALLOWED', message: 'No question “nope” in the Data processing tab.' },
      expect.objectContaining({ path: ['answers', 'stores_media'], code: 'REQUIRED' }),
      expect.objectContaining({ path: ['answers', 'sells_or_shares'], code: 'REQUIRED' }),
    ]);
    const twice = checkQuestionnaireTab('DATA_PROCESSING', [...dataProcessing(), a('stores_media', 'yes')]);
    expect(twice.issues).toEqual([expect.objectContaining({ path: ['answers', 'stores_media'], code: 'DUPLICATE' })]);
  });

  it('takes at most one answer per question of the tab: as many as questions judged, one more refused as a whole', () => {
    const questions = questionnaireTab('THIRD_PARTIES').questions;
    const full = [
      a('uses_subprocessors', 'yes'),
      a('subprocessors', 'Hosting: Example Cloud, all data.'),
      a('subprocessor_regions', 'US', 'EU_EEA'),
      a('subprocessor_agreements', 'yes'),
      a('third_party_sdks', 'None.'),
    ];
    expect(full).toHaveLength(questions.length);
    expect(checkQuestionnaireTab('THIRD_PARTIES', full).issues).toEqual([]);
    const over = checkQuestionnaireTab('THIRD_PARTIES', [...full, a('third_party_sdks', 'again')]);
    expect(over).toEqual({ answers: {}, issues: [expect.objectContaining({ path: ['answers'], code: 'TOO_MANY' })] });
  });
});

describe('what a tab still misses', () => {
  it('counts the required questions asked and unanswered, and says it in a sentence', () => {
    expect(questionnaireTabMissingSentence('DATA_PROTECTION', null)).toBe(
      'Questionnaire: Data protection tab is not answered yet (6 required questions unanswered).',
    );
    const stored = {
      encryption_in_transit: ['yes'],
      encryption_at_rest: ['yes'],
      access_controls: ['MFA'],
      retention_and_deletion: ['30 days.'],
      deletes_on_unlink: ['yes'],
    };
    // key_management is asked after encryption_at_rest = yes; security_testing is unanswered.
    expect(unansweredQuestions('DATA_PROTECTION', stored).map((question) => question.id)).toEqual(['key_management', 'security_testing']);
    expect(questionnaireTabMissingSentence('DATA_PROTECTION', stored)).toBe(
      'Questionnaire: Data protection tab is incomplete (2 required questions unanswered).',
    );
    expect(questionnaireTabMissingSentence('DATA_PROTECTION', { ...stored, key_management: ['KMS.'], security_testing: ['YEARLY'] })).toBeNull();
    // A stored value that no longer keeps the rules (an option since removed) is not an answer.
    expect(unansweredQuestions('DATA_PROTECTION', { ...stored, key_management: ['KMS.'], security_testing: ['GONE'] }).map((question) => question.id)).toEqual([
      'security_testing',
    ]);
  });
});
