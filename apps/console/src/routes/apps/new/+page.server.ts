import { NewAppPage_CreateAppDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import { failWith, formText } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions = {
  default: async ({ request, fetch, setHeaders }) => {
    const data = await request.formData();
    const values = { name: formText(data, 'name'), acceptCompliance: data.get('acceptCompliance') === 'on' };
    const { data: result, error } = await apiClient(fetch).mutation(NewAppPage_CreateAppDocument, { input: values }).toPromise();
    if (result?.createApp.__typename !== 'CreateAppSuccess') return failWith(result?.createApp, error, values);
    // The credentials are in this one answer only (shown once): no cache may keep it.
    setHeaders({ 'cache-control': 'no-store' });
    const { app, credentials } = result.createApp;
    return { created: { id: app.id, name: app.name, credentials } };
  },
} satisfies Actions;
