/**
 * A small typed client for scripts and tools: `request` runs one of the typed documents (or
 * your own, generated against the live schema) and returns its `data`, typed; anything that
 * kept the API from answering throws a RingClientError. `upload` is the same with files.
 *
 * Expected errors (a wrong field, a name taken, not your app) are not thrown: each mutation
 * answers a union of its success and its errors, and every error type implements `Error`
 * (`... on Error { message }`), so they come back in `data` for you to branch on `__typename`.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, print, type DocumentNode } from 'graphql';
import { multipartBody, type UploadFiles } from './upload.ts';

/** Yoga's CSRF prevention refuses GET and multipart requests without this header. */
export const CSRF_HEADERS = { 'x-graphql-yoga-csrf': '1' } as const;

export interface RingClientOptions {
  /** The API's address: the console's origin with /graphql, like https://console.example.com/graphql. */
  url: string;
  /** An API token (console: API tokens), sent as "Authorization: Bearer <token>". */
  token?: string;
  /** More headers for every request. */
  headers?: Record<string, string>;
  /** A fetch of your own (a proxy, a cookie jar, a test double); default: the global fetch. */
  fetch?: typeof fetch;
}

/** One error of a GraphQL response, as the server formats it. */
export interface RingGraphQLError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * The request did not get an answer with data: `code` is the first error's extensions.code
 * (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, PERSISTED_QUERY_NOT_FOUND, ...), or HTTP_<status>
 * for an answer that was not GraphQL, or NETWORK when there was no answer.
 */
export class RingClientError extends Error {
  override readonly name = 'RingClientError';
  readonly code: string;
  /** The HTTP status, or 0 for NETWORK. */
  readonly status: number;
  readonly errors: readonly RingGraphQLError[];
  constructor(code: string, message: string, status: number, errors: readonly RingGraphQLError[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.status = status;
    this.errors = errors;
  }
}

/** The variables argument is optional exactly when the operation has no required variables. */
type VariablesArg<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface RingClient {
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: VariablesArg<TVariables>
  ): Promise<TData>;
  /**
   * Like request, with files: by variable path (`input.mainImage`), each a file path, bytes
   * (Buffer, Uint8Array) or a Blob/File. Files given as File or Blob values inside the variables
   * are sent too.
   */
  upload<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    files?: UploadFiles,
  ): Promise<TData>;
}

interface Operation {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
}

const printed = new WeakMap<DocumentNode, Operation['query']>();

function operationOf(document: DocumentNode, variables: Record<string, unknown> | undefined): Operation {
  let query = printed.get(document);
  if (query === undefined) {
    query = print(document);
    printed.set(document, query);
  }
  return { query, operationName: getOperationAST(document)?.name?.value, variables };
}

export function createRingClient(options: RingClientOptions): RingClient {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const headers = () => ({
    ...CSRF_HEADERS,
    accept: 'application/graphql-response+json, application/json',
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  });

  async function send<TData>(body: BodyInit, contentType: string | null): Promise<TData> {
    let response: Response;
    try {
      response = await fetchFn(options.url, { method: 'POST', headers: { ...headers(), ...(contentType ? { 'content-type': contentType } : {}) }, body });
    } catch (error) {
      throw new RingClientError('NETWORK', `Could not reach ${options.url}: ${(error as Error).message}`, 0, [], { cause: error });
    }
    const text = await response.text();
    let result: { data?: TData | null; errors?: RingGraphQLError[] } | undefined;
    try {
      result = JSON.parse(text);
    } catch {
      result = undefined;
    }
    if (!result || typeof result !== 'object') {
      throw new RingClientError(
        `HTTP_${response.status}`,
        `The API answered ${response.status} without a GraphQL result: ${text.slice(0, 200)}`,
        response.status,
      );
    }
    const errors = result.errors ?? [];
    if (errors.length > 0 || result.data == null) {
      const first = errors[0];
      throw new RingClientError(
        first?.extensions?.code ?? `HTTP_${response.status}`,
        first?.message ?? `The API answered ${response.status} without data.`,
        response.status,
        errors,
      );
    }
    return result.data;
  }

  return {
    request(document, ...[variables]) {
      const operation = operationOf(document, variables as Record<string, unknown> | undefined);
      return send(JSON.stringify(operation), 'application/json');
    },
    async upload(document, variables, files) {
      const form = await multipartBody(operationOf(document, variables), files);
      // fetch sets the multipart boundary itself.
      return send(form, null);
    },
  };
}
