import { error } from '@sveltejs/kit';
import { AppFindings_AppDocument, AppInfoPage_AppDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:info');
  const [result, findings] = await Promise.all([
    apiClient(fetch).query(AppInfoPage_AppDocument, { id: params.id }).toPromise(),
    apiClient(fetch).query(AppFindings_AppDocument, { id: params.id }).toPromise(),
  ]);
  if (result.error) error(500, 'Could not load the app information.');
  const node = result.data?.node;
  if (node?.__typename !== 'App') error(404, 'No app with this id among your apps.');
  // A reviewer's findings stay beside their fields while the changes they asked for are pending.
  const certification = findings.data?.app.__typename === 'App' ? findings.data.app.certification : null;
  const reviewFindings = certification?.status === 'CHANGES_REQUESTED' ? certification.findings : [];
  return { app: node, catalog: result.data!.catalog, reviewFindings };
};
