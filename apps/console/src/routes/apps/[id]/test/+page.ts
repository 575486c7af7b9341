import { error } from '@sveltejs/kit';
import { TestPage_AppDocument } from '@ring/client';
import { LINKING_ENVIRONMENTS, WEBHOOK_DELIVERIES_SHOWN, WEBHOOK_DELIVERY_OUTCOMES, WEBHOOK_EVENT_TYPES } from '@ring/domain';
import { apiClient } from '$lib/graphql';
import type { PageLoad } from './$types';

/** A filter from the address, or null when absent or not one of the allowed values (ignored rather than an error page). */
function pick<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T | null {
  const value = params.get(name);
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

export const load: PageLoad = async ({ fetch, params, url, depends }) => {
  depends('app:test');
  // The log's filters live in the address, so a filtered view can be reloaded and shared.
  const filters = {
    environment: pick(url.searchParams, 'environment', LINKING_ENVIRONMENTS),
    eventType: pick(url.searchParams, 'eventType', WEBHOOK_EVENT_TYPES),
    outcome: pick(url.searchParams, 'outcome', WEBHOOK_DELIVERY_OUTCOMES),
  };
  const result = await apiClient(fetch)
    .query(TestPage_AppDocument, { id: params.id, first: WEBHOOK_DELIVERIES_SHOWN, ...filters }, { requestPolicy: 'network-only' })
    .toPromise();
  if (result.error && !result.data?.node) error(500, 'Could not load the Test page.');
  const app = result.data?.node;
  if (app?.__typename !== 'App') error(404, 'No app with this id among your apps.');
  return { app, filters, logFailed: !app.webhookDeliveries };
};
