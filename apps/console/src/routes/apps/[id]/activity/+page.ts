import { error } from '@sveltejs/kit';
import { ACTIVITY_KINDS, type ActivityKind } from '@ring/domain';
import { ActivityPage_AppDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  const requested = url.searchParams.get('kind');
  const kind = ACTIVITY_KINDS.includes(requested as ActivityKind) ? (requested as ActivityKind) : null;
  const result = await apiClient(fetch).query(ActivityPage_AppDocument, { id: params.id, kind }).toPromise();
  const app = result.data?.app;
  if (app?.__typename === 'NotFoundError') error(404, app.message);
  if (result.error || app?.__typename !== 'App' || !app.activity) error(500, 'Could not load this app’s activity.');
  return { app, activity: app.activity, kind };
};
