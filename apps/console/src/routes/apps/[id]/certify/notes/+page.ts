import { error } from '@sveltejs/kit';
import { ReviewerNotesPage_AppDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:reviewer-notes');
  const result = await apiClient(fetch).query(ReviewerNotesPage_AppDocument, { id: params.id }).toPromise();
  if (result.error) error(500, 'Could not load the reviewer notes.');
  const node = result.data?.node;
  if (node?.__typename !== 'App') error(404, 'No app with this id among your apps.');
  return { app: node };
};
