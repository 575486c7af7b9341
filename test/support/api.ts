/**
 * Calls the API the way clients do, through yoga.fetch with the typed documents of
 * @ring/client: no HTTP server, but the same parsing, auth, validation and serialisation.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { createApi, createStaffAccount, CSRF_HEADER, type Api } from '@ring/api';
import { CreateApiTokenDocument, SignInDocument, SignUpDocument } from '@ring/client';

// No response cache: tests write rows straight into the database and read them back at once.
export const api = createApi();

export interface Caller {
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
  clientAddress?: string;
}

export interface Response<T> {
  data: T | null | undefined;
  errors?: GraphQLFormattedError[];
  headers: Headers;
}

/** `execute` against another API instance (one with the response cache, say). */
export function executorFor(target: Api) {
  return async function execute<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    caller: Caller = {},
  ): Promise<Response<TResult>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...caller.headers };
    if (caller.token) headers.authorization = `Bearer ${caller.token}`;
    if (caller.cookie) headers.cookie = caller.cookie;
    const response = await target.fetch(
      'http://yoga/graphql',
      { method: 'POST', headers, body: JSON.stringify({ query: print(document), variables }) },
      { clientAddress: caller.clientAddress ?? '127.0.0.1' },
    );
    const body = (await response.json()) as { data?: TResult | null; errors?: GraphQLFormattedError[] };
    return { data: body.data, errors: body.errors, headers: response.headers };
  };
}

export const execute = executorFor(api);

/** The `name=value` part of a Set-Cookie header, as a browser would send it back. */
export function sessionCookie(headers: Headers): string {
  const setCookie = headers.get('set-cookie') ?? '';
  const match = /ring_session=[^;]+/.exec(setCookie);
  if (!match) throw new Error(`no session cookie in: ${setCookie}`);
  return match[0];
}

export const uniqueEmail = (label = 'dev') => `${label}-${randomUUID()}@example.com`;
export const PASSWORD = 'correct horse battery';

/** A new developer of this test's own, signed in with a session cookie and an API token. */
export async function newDeveloper(label = 'dev') {
  const email = uniqueEmail(label);
  const signUp = await execute(SignUpDocument, { input: { email, password: PASSWORD, name: `Test ${label}` } });
  if (signUp.data?.signUp.__typename !== 'SignUpSuccess') throw new Error(`sign-up failed: ${JSON.stringify(signUp)}`);
  const cookie = sessionCookie(signUp.headers);
  const created = await execute(CreateApiTokenDocument, { input: { name: 'tests' } }, { cookie });
  if (created.data?.createApiToken.__typename !== 'CreateApiTokenSuccess') throw new Error('token failed');
  return { email, id: signUp.data.signUp.developer.id, cookie, token: created.data.createApiToken.token };
}

export function errorCodes(response: { errors?: GraphQLFormattedError[] }): unknown[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

/**
 * A portal staff account made the way `npm run create-staff` makes one (createStaffAccount),
 * signed in with its generated password, with a session cookie and an API token.
 */
export async function newStaff(role = 'SUPPORT', label = 'support') {
  const { email, password } = await createStaffAccount({ email: uniqueEmail(label), role, name: `Test ${label}` });
  // An address of its own: staff sign-ins must not count against other tests' limits.
  const signIn = await execute(SignInDocument, { input: { email, password } }, { clientAddress: `10.250.${randomInt(256)}.${randomInt(256)}` });
  if (signIn.data?.signIn.__typename !== 'SignInSuccess') throw new Error(`staff sign-in failed: ${JSON.stringify(signIn)}`);
  const cookie = sessionCookie(signIn.headers);
  const created = await execute(CreateApiTokenDocument, { input: { name: 'tests' } }, { cookie });
  if (created.data?.createApiToken.__typename !== 'CreateApiTokenSuccess') throw new Error('token failed');
  return { email, password, id: signIn.data.signIn.developer.id, cookie, token: created.data.createApiToken.token };
}
