import { error } from '@sveltejs/kit';
import { BuildPage_AppDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends, data }) => {
  depends('app:build');
  const result = await apiClient(fetch).query(BuildPage_AppDocument, { id: params.id }).toPromise();
  if (result.error) error(500, 'Could not load the Build step.');
  const app = result.data?.node;
  if (app?.__typename !== 'App') error(404, 'No app with this id among your apps.');
  return { ...data, app };
};
