/**
 * The rules of questionnaire answers, for the API (which refuses) and the console (which
 * shows the same errors as the user answers). A tab is saved whole: every question asked must
 * keep its kind's rule and every required one must be answered; an answer to a question that
 * is not asked (its condition not met) is dropped, neither refused nor stored.
 *
 * Values: YES_NO takes ["yes"] or ["no"]; SINGLE_CHOICE one option id; MULTIPLE_CHOICE option
 * ids, each once; TEXT one text (NFC, surrounding whitespace dropped). An empty list, or a
 * blank text, is no answer.
 */
import type { FieldErrorCode } from './field-error-codes.ts';
import { QUESTIONNAIRE, questionnaireTab, type Question, type QuestionnaireTabName } from './questionnaire.ts';
import { normalizeText, textLimitProblem } from './text.ts';
import type { FieldIssue } from './validation.ts';

export interface QuestionAnswer {
  questionId: string;
  value: readonly string[];
}

/** What is stored for a tab: question id -> value, for answered questions that were asked. */
export type StoredAnswers = Record<string, string[]>;

interface Problem {
  code: FieldErrorCode;
  message: string;
}

/** An id or value from the input, quoted for a message without echoing a whole payload. */
const quoted = (text: string) => `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
/** A path segment for an unknown question id: long enough to recognise, short enough to log. */
const pathSegment = (id: string) => (id.length > 64 ? `${id.slice(0, 64)}…` : id);

// Line breaks and tabs are fine in a text answer; other control characters are not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The value as it is judged and stored: text NFC and trimmed, a blank text no answer. */
export function normalizedAnswer(question: Question, value: readonly string[]): string[] {
  if (question.kind !== 'TEXT') return [...value];
  return value.map((text) => normalizeText(text).trim()).filter((text) => text !== '');
}

function choicesProblem(question: Question, value: readonly string[]): Problem | null {
  const known = new Set(question.options.map((option) => option.id));
  const unknown = value.filter((id) => !known.has(id));
  if (unknown.length) {
    const allowed = question.options.map((option) => option.id).join(', ');
    return { code: 'NOT_ALLOWED', message: `Not an option of this question: ${unknown.slice(0, 5).map(quoted).join(', ')}. Choose from ${allowed}.` };
  }
  if (new Set(value).size !== value.length) return { code: 'DUPLICATE', message: 'Each option may be chosen once.' };
  return null;
}

/** What is wrong with the (normalized) answer to an asked question, or null. */
export function answerProblem(question: Question, value: readonly string[]): Problem | null {
  if (value.length === 0) {
    return question.required ? { code: 'REQUIRED', message: `Answer this question: ${question.label}` } : null;
  }
  switch (question.kind) {
    case 'YES_NO':
      if (value.length > 1) return { code: 'TOO_MANY', message: 'Answer “yes” or “no”, not both.' };
      return value[0] === 'yes' || value[0] === 'no' ? null : { code: 'NOT_ALLOWED', message: `Answer “yes” or “no” (not ${quoted(value[0]!)}).` };
    case 'SINGLE_CHOICE':
      if (value.length > 1) return { code: 'TOO_MANY', message: `Choose one option only (${value.length} were chosen).` };
      return choicesProblem(question, value);
    case 'MULTIPLE_CHOICE':
      if (value.length > question.options.length) {
        return { code: 'TOO_MANY', message: `At most ${question.options.length} options can be chosen (${value.length} were given).` };
      }
      return choicesProblem(question, value);
    case 'TEXT': {
      if (value.length > 1) return { code: 'TOO_MANY', message: `Give one text (${value.length} were given).` };
      const text = value[0]!;
      const limit = textLimitProblem('This answer', text, question.maxLength!);
      if (limit) return limit;
      if (CONTROL_CHARACTERS.test(text)) return { code: 'INVALID_CHARACTERS', message: 'This answer must not contain control characters.' };
      return null;
    }
  }
}

/**
 * The questions of a tab asked given these answers (question id -> normalized value): those
 * without a condition, and those whose condition's question is asked and validly has the value.
 */
export function askedQuestions(tab: QuestionnaireTabName, answers: Readonly<Record<string, readonly string[]>>): Question[] {
  // Only a valid answer opens a question: a wrong one is named on its own question, and the
  // questions below it wait until it is fixed.
  const validlyAnswered = new Set<string>();
  const result: Question[] = [];
  for (const question of questionnaireTab(tab).questions) {
    const condition = question.askedWhen;
    if (condition && !(validlyAnswered.has(condition.questionId) && (answers[condition.questionId] ?? []).includes(condition.value))) continue;
    if (answerProblem(question, answers[question.id] ?? []) === null) validlyAnswered.add(question.id);
    result.push(question);
  }
  return result;
}

function tabOfQuestion(questionId: string): QuestionnaireTabName | null {
  return QUESTIONNAIRE.find((tab) => tab.questions.some((question) => question.id === questionId))?.tab ?? null;
}

/**
 * Checks a tab's answers as one save. Every problem is an issue with path
 * ["answers", questionId] (or ["answers"] for the list itself); `answers` is what to store
 * when there are none.
 */
export function checkQuestionnaireTab(tab: QuestionnaireTabName, input: readonly QuestionAnswer[]): { answers: StoredAnswers; issues: FieldIssue[] } {
  const questions = questionnaireTab(tab).questions;
  // Each question once, so more answers than questions is wrong whatever they say: refused
  // before any is looked at, which also bounds the work and the error list.
  if (input.length > questions.length) {
    return {
      answers: {},
      issues: [
        {
          path: ['answers'],
          code: 'TOO_MANY',
          message: `The ${questionnaireTab(tab).title} tab has ${questions.length} questions: give at most one answer each (${input.length} were given).`,
        },
      ],
    };
  }
  const issues: FieldIssue[] = [];
  const byId = new Map(questions.map((question) => [question.id, question]));
  const values: Record<string, string[]> = {};
  for (const answer of input) {
    const question = byId.get(answer.questionId);
    const path = ['answers', pathSegment(answer.questionId)];
    if (!question) {
      const elsewhere = tabOfQuestion(answer.questionId);
      issues.push({
        path,
        code: 'NOT_ALLOWED',
        message: elsewhere
          ? `Question ${quoted(answer.questionId)} belongs to another tab (${questionnaireTab(elsewhere).title}); save it there.`
          : `No question ${quoted(answer.questionId)} in the ${questionnaireTab(tab).title} tab.`,
      });
    } else if (Object.hasOwn(values, question.id)) {
      issues.push({ path, code: 'DUPLICATE', message: 'This question is answered twice; answer it once.' });
    } else {
      values[question.id] = normalizedAnswer(question, answer.value);
    }
  }
  const answers: StoredAnswers = {};
  for (const question of askedQuestions(tab, values)) {
    const value = values[question.id] ?? [];
    // A duplicate was already named; its value is not judged on top.
    if (issues.some((issue) => issue.path[1] === question.id)) continue;
    const problem = answerProblem(question, value);
    if (problem) issues.push({ path: ['answers', question.id], ...problem });
    else if (value.length) answers[question.id] = value;
  }
  return { answers, issues };
}

/** The required questions asked given the stored answers that have no valid answer. */
export function unansweredQuestions(tab: QuestionnaireTabName, stored: Readonly<Record<string, readonly string[]>>): Question[] {
  return askedQuestions(tab, stored).filter((question) => question.required && answerProblem(question, stored[question.id] ?? []) !== null);
}

/** "Questionnaire: Data protection tab is incomplete (2 required questions unanswered).", or null when complete. */
export function questionnaireTabMissingSentence(tab: QuestionnaireTabName, stored: Readonly<Record<string, readonly string[]>> | null): string | null {
  const title = questionnaireTab(tab).title;
  const unanswered = unansweredQuestions(tab, stored ?? {}).length;
  if (unanswered === 0) return null;
  const count = `${unanswered} required question${unanswered === 1 ? '' : 's'} unanswered`;
  return stored === null ? `Questionnaire: ${title} tab is not answered yet (${count}).` : `Questionnaire: ${title} tab is incomplete (${count}).`;
}
