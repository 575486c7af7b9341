import type { z } from 'zod';
import { textLimitProblem } from './text.ts';

/** One wrong input field, in the shape of the API's FieldError. */
export interface FieldIssue {
  path: string[];
  message: string;
  code: string;
}

/** Every issue of a failed parse, with paths as strings ("additionalImages", "2"). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: issue.message,
    code: issue.code.toUpperCase(),
  }));
}

/**
 * For the console: the first message per top-level field, for inline errors as the user types.
 * The same schemas decide what the API accepts, so the two never disagree.
 */
export function inlineErrors<T extends z.ZodType>(schema: T, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of fieldIssues(result.error)) {
    const key = issue.path.join('.');
    errors[key] ??= issue.message;
  }
  return errors;
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
