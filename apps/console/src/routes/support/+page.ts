import { error } from '@sveltejs/kit';
import { SupportPage_SearchDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { viewer } = await parent();
  if (viewer?.role !== 'SUPPORT') error(403, 'This page is for portal support staff.');
  const query = url.searchParams.get('q')?.trim() ?? '';
  // ?q= with nothing in it (a search sent before the scripts ran): say what to type.
  if (!query) return { query, results: null, emptyQuery: url.searchParams.has('q') };
  const result = await apiClient(fetch).query(SupportPage_SearchDocument, { query }).toPromise();
  if (result.error || !result.data) error(500, 'Could not search apps.');
  return { query, results: result.data.supportAppSearch, emptyQuery: false };
};
