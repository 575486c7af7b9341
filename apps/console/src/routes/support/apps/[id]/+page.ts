import { error } from '@sveltejs/kit';
import { ACTIVITY_KINDS, type ActivityKind } from '@ring/domain';
import { SupportActivityPage_AppDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url, parent }) => {
  const { viewer } = await parent();
  if (viewer?.role !== 'SUPPORT') error(403, 'This page is for portal support staff.');
  const requested = url.searchParams.get('kind');
  const kind = ACTIVITY_KINDS.includes(requested as ActivityKind) ? (requested as ActivityKind) : null;
  const result = await apiClient(fetch).query(SupportActivityPage_AppDocument, { id: params.id, kind }).toPromise();
  const app = result.data?.supportApp;
  if (app?.__typename === 'NotFoundError') error(404, app.message);
  if (result.error || app?.__typename !== 'App' || !app.activity) error(500, 'Could not load this app’s activity.');
  return { app, activity: app.activity, kind };
};
