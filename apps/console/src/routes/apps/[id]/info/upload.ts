/**
 * Sends a mutation with files as a GraphQL multipart request (operations, map, files) over
 * XMLHttpRequest, the one browser API that reports upload progress. The query text is the
 * typed document's own, so the request is exactly what the typed client would send.
 */
import { CSRF_HEADERS } from '@ring/client/urql';
import { stringifyDocument } from '@urql/core';
import type { TypedDocumentNode } from '@urql/core';

export interface MultipartResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

export function sendMultipart<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  files: Record<string, File>,
  onProgress: (percent: number) => void,
): Promise<MultipartResult<TResult>> {
  // A JSON round trip, not structuredClone: variables may hold Svelte state proxies, which cannot be cloned.
  const operationVariables = JSON.parse(JSON.stringify(variables)) as Record<string, unknown>;
  const map: Record<string, string[]> = {};
  const entries = Object.entries(files);
  entries.forEach(([path], index) => {
    setPath(operationVariables, path, null);
    map[String(index)] = [`variables.${path}`];
  });
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: stringifyDocument(document), variables: operationVariables }));
  form.append('map', JSON.stringify(map));
  for (const [index, [, file]] of entries.entries()) form.append(String(index), file, file.name);

  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/graphql');
    for (const [name, value] of Object.entries(CSRF_HEADERS)) request.setRequestHeader(name, value);
    request.setRequestHeader('accept', 'application/graphql-response+json, application/json');
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      onProgress(100);
      try {
        resolve(JSON.parse(request.responseText) as MultipartResult<TResult>);
      } catch {
        resolve({ errors: [{ message: request.status === 413 ? 'The upload is too large.' : `The server answered ${request.status}.` }] });
      }
    };
    request.onerror = () => resolve({ errors: [{ message: 'The console could not reach the server. Check your connection and try again.' }] });
    request.send(form);
  });
}
