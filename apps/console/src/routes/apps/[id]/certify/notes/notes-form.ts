/**
 * The reviewer notes form's draft and its rules. The saved test account is never put in the
 * draft: the field starts empty, and empty means "keep the saved one" (the API's rule for a
 * null testAccount), so the secret reaches the page only when the owner asks to see it.
 */
import type { CertifyPage_ReviewerNotesFragment } from '@ring/client';
import { inlineErrors, reviewerNoteProblem, reviewerNotesSchema } from '@ring/domain';

export interface NotesDraft {
  testingInstructions: string;
  testAccount: string;
  otherNotes: string;
}

export const draftOf = (notes: CertifyPage_ReviewerNotesFragment): NotesDraft => ({
  testingInstructions: notes.testingInstructions ?? '',
  testAccount: '',
  otherNotes: notes.otherNotes ?? '',
});

export const inputOf = (draft: NotesDraft) => ({
  testingInstructions: draft.testingInstructions,
  testAccount: draft.testAccount.trim() === '' ? null : draft.testAccount,
  otherNotes: draft.otherNotes,
});

export function notesErrors(draft: NotesDraft, testAccountSaved: boolean): Record<string, string> {
  const errors = inlineErrors(reviewerNotesSchema, inputOf(draft));
  // Keeping the saved account needs one saved: otherwise an empty field is a missing note.
  if (!testAccountSaved && draft.testAccount.trim() === '') errors.testAccount = reviewerNoteProblem('testAccount', '')!.message;
  return errors;
}
