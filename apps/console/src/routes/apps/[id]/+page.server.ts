import { redirect } from '@sveltejs/kit';
import { AppOverviewPage_AppDocument, AppOverviewPage_DeleteAppDocument, AppOverviewPage_RenameAppDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import { setFlash } from '$lib/server/flash';
import { failWith, formText } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions = {
  rename: async ({ request, fetch, params }) => {
    const name = formText(await request.formData(), 'name');
    const { data, error } = await apiClient(fetch)
      .mutation(AppOverviewPage_RenameAppDocument, { input: { appId: params.id, name } })
      .toPromise();
    if (data?.renameApp.__typename !== 'RenameAppSuccess') return failWith(data?.renameApp, error, { action: 'rename', name });
    redirect(303, `/apps/${encodeURIComponent(params.id)}`);
  },
  delete: async ({ request, fetch, params, cookies }) => {
    const confirmName = formText(await request.formData(), 'confirmName');
    const overview = apiClient(fetch);
    // The typed name is the confirmation: checked here too, for a form sent without the page's scripts.
    const { data: current } = await overview.query(AppOverviewPage_AppDocument, { id: params.id }).toPromise();
    const app = current?.app?.__typename === 'App' ? current.app : null;
    if (app && confirmName.trim() !== app.name) {
      return failWith(
        {
          __typename: 'ValidationError',
          message: 'Type the app’s name exactly to confirm.',
          fields: [{ path: ['confirmName'], message: `Type “${app.name}” to confirm.`, code: 'INVALID' }],
        },
        undefined,
        { action: 'delete', confirmName },
      );
    }
    const { data, error } = await overview.mutation(AppOverviewPage_DeleteAppDocument, { input: { appId: params.id } }).toPromise();
    if (data?.deleteApp.__typename !== 'DeleteAppSuccess') return failWith(data?.deleteApp, error, { action: 'delete', confirmName });
    setFlash(cookies, `Deleted “${data.deleteApp.name}”.`);
    redirect(303, '/apps');
  },
} satisfies Actions;
