/**
 * The CLI's one way to the API: the SDK's client, with every way a request can fail turned into
 * a CliError carrying the exit code scripts rely on.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createRingClient, RingClientError, type UploadFiles } from '@ring/client';
import { CliError, EXIT } from './exit-codes.ts';
import { fetchWithUploadProgress, type ProgressReport } from './upload-progress.ts';

export interface Api {
  url: string;
  token: string;
  request<Data, Variables extends Record<string, unknown>>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data>;
  /** With files (GraphQL multipart), reporting the body's progress as it goes out. */
  upload<Data, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    files: UploadFiles,
    progress?: ProgressReport,
  ): Promise<Data>;
}

function failure(url: string, error: unknown): never {
  if (!(error instanceof RingClientError)) throw error;
  if (error.code === 'NETWORK') {
    const cause = error.cause as { cause?: { code?: string; message?: string } } | undefined;
    throw new CliError(EXIT.NETWORK, `Cannot reach the API at ${url}: ${cause?.cause?.code ?? cause?.cause?.message ?? error.message}.`, { code: 'NETWORK' });
  }
  if (error.code === 'UNAUTHENTICATED') {
    throw new CliError(EXIT.UNAUTHENTICATED, 'The API refused the token (invalid, expired or revoked): create a new one under Settings → API tokens.', {
      code: 'UNAUTHENTICATED',
    });
  }
  if (error.code.startsWith('HTTP_') && error.errors.length === 0) {
    throw new CliError(EXIT.NETWORK, `${url} answered HTTP ${error.status} without a GraphQL result: is this the API's /graphql address?`, {
      code: error.code,
    });
  }
  throw new CliError(EXIT.FAILED, error.errors.map((each) => each.message).join(' ') || error.message, { code: error.code });
}

export function connect(url: string, token: string): Api {
  const client = createRingClient({ url, token });
  return {
    url,
    token,
    request: (document, variables) => client.request(document, ...([variables] as never)).catch((error: unknown) => failure(url, error)),
    upload: (document, variables, files, progress) =>
      (progress ? createRingClient({ url, token, fetch: fetchWithUploadProgress(progress) }) : client)
        .upload(document, variables, files)
        .catch((error: unknown) => failure(url, error)),
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
