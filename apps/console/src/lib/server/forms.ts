import { fail } from '@sveltejs/kit';
import type { ErrorFieldsFragment } from '@ring/client';
import type { CombinedError } from '@urql/core';
import { describeFailure } from '$lib/errors';

/** A form field's text ('' when missing or a file). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * An API error member (or transport error) as a form action's failure: the page shows the
 * message, each field's error on its field, and the values typed (never a password).
 */
export function failWith<Values extends Record<string, string | boolean>>(
  result: ErrorFieldsFragment | null | undefined,
  error: CombinedError | undefined,
  values: Values,
) {
  const { message, fields } = describeFailure(result, error);
  const status = result?.__typename === 'RateLimitedError' ? 429 : error && !error.graphQLErrors.length ? 502 : 400;
  return fail(status, { message, fields, values, kind: result?.__typename ?? null });
}
