/**
 * Uploads sent the way browsers send them, through yoga.fetch. The media themselves are made
 * in media-files.ts.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GraphQLFormattedError } from 'graphql';
import { CSRF_HEADER } from '@ring/api';
import { api, type Caller } from './api.ts';
import { multipartBody, type UploadFile } from './media-files.ts';

export * from './media-files.ts';

export interface UploadResponse<T> {
  status: number;
  data: T | null | undefined;
  errors?: GraphQLFormattedError[];
}

export async function sendForm<TResult>(form: FormData, caller: Caller = {}): Promise<UploadResponse<TResult>> {
  const headers: Record<string, string> = { [CSRF_HEADER]: '1' };
  if (caller.token) headers.authorization = `Bearer ${caller.token}`;
  if (caller.cookie) headers.cookie = caller.cookie;
  const response = await api.fetch('http://yoga/graphql', { method: 'POST', headers, body: form }, { clientAddress: '127.0.0.1' });
  const text = await response.text();
  let body: { data?: TResult | null; errors?: GraphQLFormattedError[] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: response.status, data: body.data, errors: body.errors };
}

/** A mutation with files: `files` maps variable paths ("input.icon") to files. */
export function upload<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  files: Record<string, UploadFile>,
  caller: Caller = {},
) {
  return sendForm<TResult>(multipartBody(document, variables, files), caller);
}
