import { error } from '@sveltejs/kit';
import { ApiTokensDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends('app:tokens');
  const result = await apiClient(fetch).query(ApiTokensDocument, {}).toPromise();
  if (result.error || !result.data?.viewer) error(500, 'Could not load your API tokens.');
  return { tokens: result.data.viewer.apiTokens };
};
