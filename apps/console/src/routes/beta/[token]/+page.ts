import { error } from '@sveltejs/kit';
import { BetaPage_InviteDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

// Signed-out visitors never get here: hooks.server.ts sends them to sign in and back (/beta is a signed-in area).
export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:beta');
  const result = await apiClient(fetch).query(BetaPage_InviteDocument, { token: params.token }, { requestPolicy: 'network-only' }).toPromise();
  if (result.error || !result.data) error(500, 'Could not load this beta invite.');
  return { token: params.token, invite: result.data.betaInvite };
};
