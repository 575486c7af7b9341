import { redirect } from '@sveltejs/kit';
import { SignInDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import { landingPath } from '$lib/landing';
import { safeNextPath } from '$lib/next-path';
import { failWith, formText } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions = {
  // The API sets the session cookie on its response; SvelteKit's fetch passes it on to this one.
  default: async ({ request, fetch, url }) => {
    const data = await request.formData();
    const email = formText(data, 'email');
    const password = formText(data, 'password');
    const { data: result, error } = await apiClient(fetch).mutation(SignInDocument, { input: { email, password } }).toPromise();
    if (result?.signIn.__typename === 'SignInSuccess') redirect(303, safeNextPath(url.searchParams.get('next'), landingPath(result.signIn.developer)));
    return failWith(result?.signIn, error, { email });
  },
} satisfies Actions;
