import { redirect } from '@sveltejs/kit';
import { SignUpDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import { failWith, formText } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions = {
  // The API sets the session cookie on its response; SvelteKit's fetch passes it on to this one.
  default: async ({ request, fetch }) => {
    const data = await request.formData();
    const values = { name: formText(data, 'name'), email: formText(data, 'email') };
    const { data: result, error } = await apiClient(fetch)
      .mutation(SignUpDocument, { input: { ...values, password: formText(data, 'password') } })
      .toPromise();
    if (result?.signUp.__typename === 'SignUpSuccess') redirect(303, '/apps');
    const failure = failWith(result?.signUp, error, values);
    // The email is taken: mark it there too, not only in the message at the top.
    if (result?.signUp.__typename === 'ConflictError') failure.data.fields.email ??= 'This email already has an account.';
    return failure;
  },
} satisfies Actions;
