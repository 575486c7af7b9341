/**
 * The questionnaire form's draft (question id -> value) and what the shared rules say about
 * it. Errors are keyed by question id: the API names them `answers.<questionId>`.
 */
import type { CertifyPage_TabAnswersFragment } from '@ring/client';
import { askedQuestions, checkQuestionnaireTab, messagesByField, normalizedAnswer, questionnaireTab, type QuestionnaireTabName } from '@ring/domain';

export type AnswerDraft = Record<string, string[]>;

export function draftOf(saved: CertifyPage_TabAnswersFragment): AnswerDraft {
  return Object.fromEntries(saved.answers.map((answer) => [answer.questionId, [...answer.value]]));
}

/** What is sent: the answers to the questions asked now (hidden ones stay in the draft, unsent). */
export function answersToSend(tab: QuestionnaireTabName, draft: AnswerDraft) {
  return askedQuestions(tab, normalized(tab, draft)).map((question) => ({ questionId: question.id, value: draft[question.id] ?? [] }));
}

export function normalized(tab: QuestionnaireTabName, draft: AnswerDraft): AnswerDraft {
  return Object.fromEntries(questionnaireTab(tab).questions.map((question) => [question.id, normalizedAnswer(question, draft[question.id] ?? [])]));
}

/** The API's field paths ("answers.uses_ai") as the form's ("uses_ai"). */
export function byQuestion(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([path, message]) => [path.replace(/^answers\./, ''), message]));
}

/** The shared rules' errors for the draft, by question id. */
export function draftErrors(tab: QuestionnaireTabName, draft: AnswerDraft): Record<string, string> {
  return byQuestion(messagesByField(checkQuestionnaireTab(tab, answersToSend(tab, draft)).issues));
}
