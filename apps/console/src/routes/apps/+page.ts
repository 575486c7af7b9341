import { error } from '@sveltejs/kit';
import { AppsPage_AppsDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageLoad = async ({ fetch, url, data }) => {
  const after = url.searchParams.get('after');
  const result = await apiClient(fetch).query(AppsPage_AppsDocument, { first: PAGE_SIZE, after }).toPromise();
  // A mangled `after` in the address is BAD_USER_INPUT on `apps` alone: the viewer is still there.
  if (result.data?.viewer && !result.data.viewer.apps) error(400, 'This page of your apps does not exist. Start again from the first page.');
  if (result.error || !result.data?.viewer?.apps) error(500, 'Could not load your apps.');
  return { ...data, apps: result.data.viewer.apps, after };
};
