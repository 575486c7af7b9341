import type { ErrorFieldsFragment } from '@ring/client';
import { messagesByField } from '@ring/domain';
import type { CombinedError } from '@urql/core';

/** Field errors keyed by the API's FieldError path joined with dots ("additionalImages.2"). */
export type FieldErrors = Record<string, string>;

export interface Failure {
  message: string;
  fields: FieldErrors;
}

/**
 * A result union's error member (the ErrorFields fragment every mutation selects) or a
 * transport error, as the console shows it: one message, plus the errors that belong to a field.
 */
export function describeFailure(result: ErrorFieldsFragment | null | undefined, error?: CombinedError): Failure {
  if (error) {
    const unauthenticated = error.graphQLErrors.find((entry) => entry.extensions?.code === 'UNAUTHENTICATED');
    if (unauthenticated) return { message: unauthenticated.message, fields: {} };
    return {
      message: error.networkError ? 'The console could not reach the server. Check your connection and try again.' : 'Something went wrong. Try again.',
      fields: {},
    };
  }
  const fields: FieldErrors = result?.__typename === 'ValidationError' ? messagesByField(result.fields) : {};
  // A taken value (a public name) belongs to its field; a stale version to the whole form.
  if (result?.__typename === 'ConflictError' && result.path?.length) fields[result.path.join('.')] = result.message;
  return { message: result?.message ?? 'Something went wrong.', fields };
}
