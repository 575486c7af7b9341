import { error } from '@sveltejs/kit';
import { ListingPreviewPage_AppDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:preview');
  const result = await apiClient(fetch).query(ListingPreviewPage_AppDocument, { id: params.id }).toPromise();
  if (result.error) error(500, 'Could not load the listing preview.');
  const node = result.data?.node;
  if (node?.__typename !== 'App') error(404, 'No app with this id among your apps.');
  return { app: node };
};
