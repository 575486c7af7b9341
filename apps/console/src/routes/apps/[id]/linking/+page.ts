import { error } from '@sveltejs/kit';
import { AccountLinkingPage_AppDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:linking');
  const result = await apiClient(fetch).query(AccountLinkingPage_AppDocument, { id: params.id }).toPromise();
  if (result.error) error(500, 'Could not load the account linking settings.');
  const app = result.data?.node;
  if (app?.__typename !== 'App') error(404, 'No app with this id among your apps.');
  return { app };
};
