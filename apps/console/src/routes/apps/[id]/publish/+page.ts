import { error } from '@sveltejs/kit';
import { PublishPage_AppDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:publish');
  const result = await apiClient(fetch).query(PublishPage_AppDocument, { id: params.id }, { requestPolicy: 'network-only' }).toPromise();
  const app = result.data?.app;
  if (app?.__typename === 'NotFoundError') error(404, app.message);
  if (result.error || app?.__typename !== 'App') error(500, 'Could not load this app.');
  return { app };
};
