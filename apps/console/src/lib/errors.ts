import type { CombinedError } from '@urql/core';

interface ErrorMember {
  __typename?: string;
  message?: string;
  fields?: { path: string[]; message: string }[];
}

/** A result union's error member as the console shows it: one message, plus inline field errors. */
export function describeFailure(result: ErrorMember | null | undefined, error?: CombinedError): { message: string; fields: Record<string, string> } {
  if (error) {
    const unauthenticated = error.graphQLErrors.find((entry) => entry.extensions?.code === 'UNAUTHENTICATED');
    if (unauthenticated) return { message: unauthenticated.message, fields: {} };
    return { message: error.networkError ? 'The console could not reach the server. Check your connection and try again.' : 'Something went wrong. Try again.', fields: {} };
  }
  const fields: Record<string, string> = {};
  for (const field of result?.fields ?? []) fields[field.path.join('.')] ??= field.message;
  return { message: result?.message ?? 'Something went wrong.', fields };
}
