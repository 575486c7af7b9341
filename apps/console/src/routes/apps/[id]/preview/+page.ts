import { error } from '@sveltejs/kit';
import { ListingPreviewPage_AppDocument, ListingPreviewPage_VersionDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

/** The draft's preview, or with ?version=N the preview of version N as it was frozen. */
export const load: PageLoad = async ({ fetch, params, depends, url }) => {
  depends('app:preview');
  const asked = url.searchParams.get('version');
  if (asked !== null) {
    const number = Number(asked.replace(/^v/i, ''));
    if (!Number.isSafeInteger(number) || number < 1) error(404, 'No such version: versions are numbered 1, 2, …');
    const result = await apiClient(fetch).query(ListingPreviewPage_VersionDocument, { id: params.id, number }).toPromise();
    if (result.error) error(500, 'Could not load the version’s listing.');
    const app = result.data?.app;
    if (app?.__typename !== 'App') error(404, 'No app with this id among your apps.');
    if (!app.version) error(404, `This app has no version v${number}.`);
    return { kind: 'version' as const, app, version: app.version };
  }
  const result = await apiClient(fetch).query(ListingPreviewPage_AppDocument, { id: params.id }).toPromise();
  if (result.error) error(500, 'Could not load the listing preview.');
  const node = result.data?.node;
  if (node?.__typename !== 'App') error(404, 'No app with this id among your apps.');
  return { kind: 'draft' as const, app: node };
};
