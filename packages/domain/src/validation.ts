import type { z } from 'zod';
import { isFieldErrorCode, type FieldErrorCode } from './field-error-codes.ts';
import { textLimitProblem } from './text.ts';

/** One wrong input field, in the shape of the API's FieldError. */
export interface FieldIssue {
  path: string[];
  message: string;
  code: FieldErrorCode;
}

/** An issue as zod reports it, directly or through Standard Schema (the builder's validation plugin). */
type ReportedIssue = {
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
  readonly message: string;
  readonly code?: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly params?: Record<string, unknown>;
};

const BY_ORIGIN: Record<'too_small' | 'too_big', { text: FieldErrorCode; list: FieldErrorCode; other: FieldErrorCode }> = {
  too_small: { text: 'TOO_SHORT', list: 'TOO_FEW', other: 'TOO_SMALL' },
  too_big: { text: 'TOO_LONG', list: 'TOO_MANY', other: 'TOO_BIG' },
};

/**
 * The code of one issue, from the rule alone: a rule that names its code (`params: { code }`)
 * keeps it, zod's built-in checks map by kind, so one rule answers one code whichever mutation
 * or form ran it.
 */
function codeOf(issue: ReportedIssue): FieldErrorCode {
  const named = issue.params?.code;
  if (isFieldErrorCode(named)) return named;
  // urls.ts names the URL problem rather than a code: an empty value is missing, any other is malformed.
  if (typeof issue.params?.problem === 'string') return issue.params.problem === 'EMPTY' ? 'REQUIRED' : 'INVALID_FORMAT';
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const codes = BY_ORIGIN[issue.code];
      // `.min(1, 'Enter your name.')` is how a schema says a text is required.
      if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return 'REQUIRED';
      return issue.origin === 'string' ? codes.text : issue.origin === 'array' || issue.origin === 'set' ? codes.list : codes.other;
    }
    case 'invalid_type':
      return 'INVALID_TYPE';
    case 'invalid_format':
      return 'INVALID_FORMAT';
    case 'invalid_value':
    case 'unrecognized_keys':
      return 'NOT_ALLOWED';
    default:
      return 'INVALID';
  }
}

/**
 * The one mapping from zod issues to FieldErrors, for the API (builder and services) and the
 * console alike. Paths are strings ("additionalImages", "2"), relative to `under` (the
 * mutation's `input` argument) when they start with it.
 */
export function fieldIssues(issues: z.ZodError | readonly ReportedIssue[], options: { under?: string } = {}): FieldIssue[] {
  const list: readonly ReportedIssue[] = 'issues' in issues ? (issues.issues as readonly ReportedIssue[]) : issues;
  return list.map((issue) => {
    const path = (issue.path ?? []).map((segment) => String(typeof segment === 'object' && segment !== null ? segment.key : segment));
    return { path: options.under !== undefined && path[0] === options.under ? path.slice(1) : path, message: issue.message, code: codeOf(issue) };
  });
}

/**
 * For the console: the first message per top-level field, for inline errors as the user types.
 * The same schemas decide what the API accepts, so the two never disagree.
 */
export function inlineErrors<T extends z.ZodType>(schema: T, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  return result.success ? {} : messagesByField(fieldIssues(result.error));
}

/**
 * The first message per field, keyed by its path joined with dots ("additionalImages.2"): how
 * the console shows FieldErrors, whether its own check or the API's answer found them.
 */
export function messagesByField(issues: readonly Pick<FieldIssue, 'path' | 'message'>[]): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const issue of issues) messages[issue.path.join('.')] ??= issue.message;
  return messages;
}

/**
 * A zod check for a text limited to `maxCharacters` characters, with the size rules that come
 * with it (see text.ts): `schema.superRefine(withinTextLimit('Token name', 100))`.
 */
export function withinTextLimit(label: string, maxCharacters: number, tooLong?: (count: number) => string) {
  return (value: string, context: z.RefinementCtx) => {
    const problem = textLimitProblem(label, value, maxCharacters, tooLong);
    if (problem) context.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
  };
}
