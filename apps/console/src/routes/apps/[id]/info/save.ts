/**
 * One tab's save, with or without files: files go as a GraphQL multipart request (upload
 * progress), the rest through the typed client. The answer becomes a SaveOutcome for FormState.
 */
import type { AppInfoPage_InfoFragment, ErrorFieldsFragment } from '@ring/client';
import type { TypedDocumentNode } from '@urql/core';
import { describeFailure } from '$lib/errors';
import type { SaveOutcome } from '$lib/forms/form-state.svelte';
import { apiClient } from '$lib/graphql';
import { sendMultipart } from './upload';

export interface TabSuccess {
  info: AppInfoPage_InfoFragment;
  warnings?: Array<{ path: string[]; message: string }>;
}

/** Blank text clears a field (the API's rule for every tab). */
export const blank = (value: string) => (value.trim() === '' ? null : value);

export async function saveTab<TResult, TInput>(options: {
  document: TypedDocumentNode<TResult, { input: TInput }>;
  input: TInput;
  /** Files by variable path, e.g. "input.icon". */
  files?: Record<string, File>;
  onProgress?: (percent: number) => void;
  pick: (data: TResult) => (TabSuccess & { __typename: string }) | ErrorFieldsFragment | null | undefined;
  saved: (payload: TabSuccess) => void;
}): Promise<SaveOutcome> {
  const files = options.files ?? {};
  let data: TResult | null | undefined;
  if (Object.keys(files).length) {
    options.onProgress?.(0);
    const response = await sendMultipart(options.document, { input: options.input }, files, (percent) => options.onProgress?.(percent));
    if (response.errors?.length) return { ok: false, message: response.errors[0]!.message, fields: {} };
    data = response.data;
  } else {
    const response = await apiClient().mutation(options.document, { input: options.input }).toPromise();
    if (response.error) return { ok: false, ...describeFailure(null, response.error) };
    data = response.data;
  }
  const payload = data ? options.pick(data) : null;
  if (payload && 'info' in payload) {
    options.saved(payload);
    return { ok: true, notice: payload.warnings?.length ? 'Saved, with warnings on the fields.' : 'Saved.' };
  }
  return { ok: false, ...describeFailure(payload) };
}
