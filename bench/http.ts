/** GraphQL over HTTP for seeding and checks: JSON requests and multipart uploads. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { CSRF_HEADERS } from '@ring/client/urql';
import { multipartBody, type UploadFile } from '../test/support/media-files.ts';

type Document<TResult, TVariables> = TypedDocumentNode<TResult, TVariables> | string;

async function answer<TResult>(response: Response): Promise<{ data: TResult; headers: Headers }> {
  const text = await response.text();
  let body: { data?: TResult; errors?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`GraphQL call failed (${response.status}): ${text.slice(0, 500)}`);
  }
  if (!response.ok || body.errors || !body.data) throw new Error(`GraphQL call failed (${response.status}): ${JSON.stringify(body).slice(0, 1000)}`);
  return { data: body.data, headers: response.headers };
}

export async function graphql<TResult, TVariables>(
  baseUrl: string,
  document: Document<TResult, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<{ data: TResult; headers: Headers }> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...CSRF_HEADERS, ...headers },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
  });
  return answer<TResult>(response);
}

/** A mutation with files: `files` maps variable paths ("input.icon") to files. */
export async function upload<TResult, TVariables>(
  baseUrl: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  files: Record<string, UploadFile>,
  headers: Record<string, string> = {},
): Promise<{ data: TResult; headers: Headers }> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { ...CSRF_HEADERS, ...headers },
    body: multipartBody(document, variables, files),
  });
  return answer<TResult>(response);
}

/** Throws unless a mutation answered the expected member of its result union. */
export function expectTypename<T extends { __typename?: string }>(value: T, expected: string): T {
  if (value.__typename !== expected) throw new Error(`expected ${expected}, got ${JSON.stringify(value).slice(0, 500)}`);
  return value;
}
