/**
 * The CLI's one way to the API: a typed document in, its data out, and every way that can go
 * wrong turned into a CliError with the exit code scripts rely on.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { CliError, EXIT } from './exit-codes.ts';

export interface Api {
  url: string;
  request<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data>;
}

interface GraphQLResponse<Data> {
  data?: Data | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export function connect(url: string, token: string): Api {
  return {
    url,
    async request(document, variables) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: print(document), variables }),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new CliError(EXIT.NETWORK, `Cannot reach the API at ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}.`);
      }
      let body: GraphQLResponse<never>;
      try {
        body = (await response.json()) as GraphQLResponse<never>;
      } catch {
        throw new CliError(EXIT.NETWORK, `${url} answered HTTP ${response.status} without a GraphQL body: is this the API's /graphql address?`);
      }
      const errors = body.errors ?? [];
      if (errors.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) {
        throw new CliError(EXIT.UNAUTHENTICATED, 'The API refused the token (invalid, expired or revoked): create a new one under Settings → API tokens.', {
          code: 'UNAUTHENTICATED',
        });
      }
      if (errors.length > 0 || !body.data) {
        throw new CliError(EXIT.FAILED, errors.map((error) => error.message).join(' ') || `The API answered HTTP ${response.status} without data.`, {
          code: errors[0]?.extensions?.code ?? 'GRAPHQL_ERROR',
        });
      }
      return body.data;
    },
  };
}

/** A result union's error member (every one implements `Error`), as the CLI reports it. */
export interface ErrorMember {
  __typename: string;
  message: string;
  fields?: { path: string[]; message: string; code: string }[];
  path?: string[] | null;
}

/** The success member of a mutation's result, or a CliError (exit 1) carrying the error member. */
export function succeeded<Result extends { __typename: string }, Name extends Result['__typename']>(
  result: Result,
  successType: Name,
): Extract<Result, { __typename: Name }> {
  if (result.__typename === successType) return result as Extract<Result, { __typename: Name }>;
  const error = result as unknown as ErrorMember;
  const fields = error.fields?.map((field) => `  ${field.path.join('.')}: ${field.message}`) ?? [];
  throw new CliError(EXIT.FAILED, [error.message, ...fields].join('\n'), {
    type: error.__typename,
    ...(error.fields ? { fields: error.fields } : {}),
    ...(error.path ? { path: error.path } : {}),
  });
}
