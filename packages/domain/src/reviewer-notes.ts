/**
 * Reviewer notes: what a certification reviewer needs to try the app. Three fields, each
 * 20-4,000 characters (counted as text.ts counts, after NFC normalisation and with surrounding
 * whitespace dropped), all three required. The test account is a secret: a save may leave it
 * out (null) to keep the stored one, so the console need not show it again.
 */
import { z } from 'zod';
import type { FieldErrorCode } from './field-error-codes.ts';
import { characterCount, normalizeText, textLimitProblem } from './text.ts';

export const REVIEWER_NOTE_MIN = 20;
export const REVIEWER_NOTE_MAX = 4000;

export const REVIEWER_NOTE_FIELDS = ['testingInstructions', 'testAccount', 'otherNotes'] as const;
export type ReviewerNoteField = (typeof REVIEWER_NOTE_FIELDS)[number];

export const REVIEWER_NOTE_LABELS: Record<ReviewerNoteField, string> = {
  testingInstructions: 'Testing instructions',
  testAccount: 'Test account for reviewers',
  otherNotes: 'Other notes',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const normalizedNote = (text: string) => normalizeText(text).trim();

/** What is wrong with one (normalized) note, or null. */
export function reviewerNoteProblem(field: ReviewerNoteField, text: string): { code: FieldErrorCode; message: string } | null {
  const label = REVIEWER_NOTE_LABELS[field];
  if (text === '')
    return { code: 'REQUIRED', message: `Write the ${label.toLowerCase()}: ${REVIEWER_NOTE_MIN} to ${REVIEWER_NOTE_MAX.toLocaleString('en')} characters.` };
  const limit = textLimitProblem(
    label,
    text,
    REVIEWER_NOTE_MAX,
    (count) => `${label} must be at most ${REVIEWER_NOTE_MAX.toLocaleString('en')} characters (it has ${count.toLocaleString('en')}).`,
  );
  if (limit) return limit;
  const count = characterCount(text);
  if (count < REVIEWER_NOTE_MIN) return { code: 'TOO_SHORT', message: `${label} must be at least ${REVIEWER_NOTE_MIN} characters (it has ${count}).` };
  if (CONTROL_CHARACTERS.test(text)) return { code: 'INVALID_CHARACTERS', message: `${label} must not contain control characters.` };
  return null;
}

function noteSchema(field: ReviewerNoteField) {
  return z
    .string()
    .nullish()
    .transform((text) => normalizedNote(text ?? ''))
    .superRefine((text, context) => {
      const problem = reviewerNoteProblem(field, text);
      if (problem) context.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
    });
}

/**
 * The three notes as saved. `testAccount` may be null or left out to keep the stored one (the
 * API refuses that when none is stored); given, it must keep the rules like the others.
 */
export const reviewerNotesSchema = z.object({
  testingInstructions: noteSchema('testingInstructions'),
  testAccount: z
    .string()
    .nullish()
    .transform((text) => (text == null ? null : normalizedNote(text)))
    .superRefine((text, context) => {
      const problem = text === null ? null : reviewerNoteProblem('testAccount', text);
      if (problem) context.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
    }),
  otherNotes: noteSchema('otherNotes'),
});

/** The fields whose stored note is missing or no longer keeps the rules, in form order. */
export function missingReviewerNotes(stored: Partial<Record<ReviewerNoteField, string | null>> | null | undefined): ReviewerNoteField[] {
  return REVIEWER_NOTE_FIELDS.filter((field) => reviewerNoteProblem(field, normalizedNote(stored?.[field] ?? '')) !== null);
}
