import { error } from '@sveltejs/kit';
import { NewAppPage_ApiAccessDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  const result = await apiClient(fetch).query(NewAppPage_ApiAccessDocument, {}).toPromise();
  if (result.error || !result.data) error(500, 'Could not load the API access summary.');
  return { apiAccess: result.data.apiAccess, note: result.data.apiAccessNote, agreement: result.data.complianceAgreement };
};
