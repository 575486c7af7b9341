import { createApiTokenSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, signInSchema, signUpSchema } from '@ring/domain';
import { builder } from '../../builder.ts';
import { config, SESSION_COOKIE } from '../../config.ts';
import type { Context } from '../../context.ts';
import { ConflictError, InvalidCredentialsError, NotFoundError, RateLimitedError } from '../../errors.ts';
import { decodeId } from '../../ids.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { ApiTokenRef, DeveloperRef } from './identity.type.ts';
import * as identity from './identity.service.ts';

async function setSessionCookie(context: Context, session: { token: string; expiresAt: Date }) {
  await context.request.cookieStore?.set({
    name: SESSION_COOKIE,
    value: session.token,
    expires: session.expiresAt.getTime(),
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // The HTTP layer knows when TLS ended at a trusted proxy (TRUST_PROXY, X-Forwarded-Proto).
    secure: context.secure ?? new URL(context.request.url).protocol === 'https:',
    domain: null,
  });
}

const SignUpInput = builder
  .inputType('SignUpInput', {
    description: 'A new developer account.',
    fields: (t) => ({
      email: t.string({ description: 'Sign-in email (letter case is ignored).' }),
      password: t.string({ description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.` }),
      name: t.string({ description: 'Your name, as the console shows it.' }),
    }),
  })
  .validate(signUpSchema);

const SignUpSuccess = builder.simpleObject('SignUpSuccess', {
  description: 'The account exists and this browser is signed in (session cookie).',
  fields: (t) => ({ developer: t.field({ type: DeveloperRef, description: 'The new account.' }) }),
});

builder.mutationField('signUp', (t) =>
  t.field({
    type: SignUpSuccess,
    description: `Creates a developer account and signs in with an httpOnly session cookie. Sign-ups are limited per client address (${config.signUpLimitPerAddress} per window).`,
    errors: { types: [ConflictError, RateLimitedError] },
    args: { input: t.arg({ type: SignUpInput, required: true, description: 'The mutation’s input.' }) },
    resolve: async (_root, { input }, context) => {
      const { developer, session } = await identity.signUp(input, context.clientAddress ?? 'unknown');
      await setSessionCookie(context, session);
      return { developer };
    },
  }),
);

const SignInInput = builder
  .inputType('SignInInput', {
    description: 'Email and password.',
    fields: (t) => ({ email: t.string({ description: 'Sign-in email.' }), password: t.string({ description: 'Password.' }) }),
  })
  .validate(signInSchema);

const SignInSuccess = builder.simpleObject('SignInSuccess', {
  description: 'Signed in (session cookie set).',
  fields: (t) => ({ developer: t.field({ type: DeveloperRef, description: 'The signed-in developer.' }) }),
});

builder.mutationField('signIn', (t) =>
  t.field({
    type: SignInSuccess,
    description: `Signs in with an httpOnly session cookie. Attempts are limited per client address (${config.signInLimitPerAddress} per window), failures per email and address (${config.signInLimitPerEmailAndAddress} per window) and per email (${config.signInLimitPerEmail} per window, then a wait that doubles with each failure, up to ${config.signInMaxDelayMs / 1000} s): RateLimitedError says how long.`,
    errors: { types: [InvalidCredentialsError, RateLimitedError] },
    args: { input: t.arg({ type: SignInInput, required: true, description: 'The mutation’s input.' }) },
    resolve: async (_root, { input }, context) => {
      const { developer, session } = await identity.signIn(input, context.clientAddress ?? 'unknown');
      await setSessionCookie(context, session);
      return { developer };
    },
  }),
);

const SignOutSuccess = builder.simpleObject('SignOutSuccess', {
  description: 'The session has ended.',
  fields: (t) => ({ signedOut: t.boolean({ description: 'Always true.' }) }),
});

builder.mutationField('signOut', (t) =>
  t.field({
    type: SignOutSuccess,
    description: 'Ends the current session and clears its cookie. Harmless when not signed in.',
    errors: {},
    resolve: async (_root, _args, context) => {
      const cookie = await context.request.cookieStore?.get(SESSION_COOKIE);
      if (cookie?.value) await identity.endSession(cookie.value);
      await context.request.cookieStore?.delete(SESSION_COOKIE);
      return { signedOut: true };
    },
  }),
);

const CreateApiTokenInput = builder
  .inputType('CreateApiTokenInput', {
    description: 'A new API token.',
    fields: (t) => ({ name: t.string({ description: 'What the token is for, e.g. "CI deploy".' }) }),
  })
  .validate(createApiTokenSchema);

const CreateApiTokenSuccess = builder.simpleObject('CreateApiTokenSuccess', {
  description: 'The token, shown this once.',
  fields: (t) => ({
    token: t.string({ description: 'The secret value. It is shown only now; store it safely.' }),
    apiToken: t.field({ type: ApiTokenRef, description: 'The stored token (without its secret).' }),
  }),
});

developerMutation('createApiToken', {
  type: CreateApiTokenSuccess,
  input: CreateApiTokenInput,
  description: 'Creates a token for third-party tools. Its value is returned once and stored only as a hash.',
  resolve: (input, context) => identity.createApiToken(context.viewer.id, input.name),
});

const RevokeApiTokenInput = builder.inputType('RevokeApiTokenInput', {
  description: 'The token to revoke.',
  fields: (t) => ({ id: t.id({ description: 'The token’s id.' }) }),
});

const RevokeApiTokenSuccess = builder.simpleObject('RevokeApiTokenSuccess', {
  description: 'The token no longer works.',
  fields: (t) => ({ apiToken: t.field({ type: ApiTokenRef, description: 'The revoked token.' }) }),
});

developerMutation('revokeApiToken', {
  type: RevokeApiTokenSuccess,
  input: RevokeApiTokenInput,
  description: 'Revokes an API token at once; requests that send it get UNAUTHENTICATED.',
  errors: [NotFoundError],
  resolve: async (input, context) => {
    const id = decodeId(String(input.id), 'ApiToken', 'No API token with this id.');
    return { apiToken: await identity.revokeApiToken(context.viewer.id, id) };
  },
});
