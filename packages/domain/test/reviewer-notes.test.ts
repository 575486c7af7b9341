import { describe, expect, it } from 'vitest';
import { fieldIssues, missingReviewerNotes, REVIEWER_NOTE_MAX, REVIEWER_NOTE_MIN, reviewerNotesSchema } from '../src/index.ts';

const valid = {
  testingInstructions: 'Sign in, link a doorbell, press it.',
  testAccount: 'reviewer@example.com / hunter22!',
  otherNotes: 'Nothing unusual about this app.',
};
const issuesOf = (input: unknown) => {
  const result = reviewerNotesSchema.safeParse(input);
  return result.success ? [] : fieldIssues(result.error).map((issue) => [issue.path.join('.'), issue.code]);
};

describe('reviewer notes', () => {
  it('accepts 20 and 4,000 characters and refuses 19 and 4,001, in every field', () => {
    for (const field of ['testingInstructions', 'testAccount', 'otherNotes'] as const) {
      expect(issuesOf({ ...valid, [field]: 'x'.repeat(REVIEWER_NOTE_MIN) })).toEqual([]);
      expect(issuesOf({ ...valid, [field]: 'x'.repeat(REVIEWER_NOTE_MAX) })).toEqual([]);
      expect(issuesOf({ ...valid, [field]: 'x'.repeat(REVIEWER_NOTE_MIN - 1) })).toEqual([[field, 'TOO_SHORT']]);
      expect(issuesOf({ ...valid, [field]: 'x'.repeat(REVIEWER_NOTE_MAX + 1) })).toEqual([[field, 'TOO_LONG']]);
    }
  });

  it('counts characters as a person would, after trimming: 20 accented letters made of 40 code units are 20', () => {
    expect(issuesOf({ ...valid, otherNotes: `  ${'e\u0301'.repeat(20)}  ` })).toEqual([]);
    expect(issuesOf({ ...valid, otherNotes: `   ${'x'.repeat(19)}   ` })).toEqual([['otherNotes', 'TOO_SHORT']]);
    const result = reviewerNotesSchema.safeParse({ ...valid, otherNotes: 'x'.repeat(19) });
    expect(result.success ? null : result.error.issues[0]!.message).toBe('Other notes must be at least 20 characters (it has 19).');
  });

  it('requires every field but the test account, which may be left out (or null) to keep the stored one', () => {
    expect(issuesOf({})).toEqual([
      ['testingInstructions', 'REQUIRED'],
      ['otherNotes', 'REQUIRED'],
    ]);
    expect(reviewerNotesSchema.parse({ ...valid, testAccount: null }).testAccount).toBeNull();
    expect(issuesOf({ ...valid, testAccount: '   ' })).toEqual([['testAccount', 'REQUIRED']]);
  });

  it('names the fields a stored set of notes still misses', () => {
    expect(missingReviewerNotes(null)).toEqual(['testingInstructions', 'testAccount', 'otherNotes']);
    expect(missingReviewerNotes({ ...valid, otherNotes: 'too short' })).toEqual(['otherNotes']);
    expect(missingReviewerNotes(valid)).toEqual([]);
  });
});
