import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import {
  ApiTokensDocument,
  CreateApiTokenDocument,
  RevokeApiTokenDocument,
  SignInDocument,
  SignOutDocument,
  SignUpDocument,
  ViewerDocument,
} from '@ring/client';
import { errorCodes, execute, newDeveloper, PASSWORD, sessionCookie, uniqueEmail } from '../support/api.ts';
import { PASSWORD_MAX_LENGTH } from '@ring/domain';

describe('sign up', () => {
  it('creates an account, sets an httpOnly SameSite=Lax session cookie and knows the viewer', async () => {
    const email = uniqueEmail();
    const result = await execute(SignUpDocument, { input: { email: email.toUpperCase(), password: PASSWORD, name: '  Ada  ' } });
    expect(result.data?.signUp).toMatchObject({ __typename: 'SignUpSuccess', developer: { email, name: 'Ada', role: 'DEVELOPER' } });
    const setCookie = result.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http here; https requests get Secure
    const viewer = await execute(ViewerDocument, {}, { cookie: sessionCookie(result.headers) });
    expect(viewer.data?.viewer?.email).toBe(email);
  });

  it('marks the cookie Secure behind https', async () => {
    const { api } = await import('../support/api.ts');
    const response = await api.fetch('https://console.example/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: SignUpInput!) { signUp(input: $input) { __typename } }',
        variables: { input: { email: uniqueEmail(), password: PASSWORD, name: 'Sec' } },
      }),
    });
    expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('refuses a taken email in any letter case with ConflictError', async () => {
    const { email } = await newDeveloper();
    const again = await execute(SignUpDocument, { input: { email: email.toUpperCase(), password: PASSWORD, name: 'Twin' } });
    expect(again.data?.signUp).toMatchObject({ __typename: 'ConflictError', message: expect.stringMatching(/already exists/) });
    expect(await prisma.developer.count({ where: { email } })).toBe(1);
  });

  it('names every wrong field at once and saves nothing', async () => {
    const result = await execute(SignUpDocument, { input: { email: 'not-an-email', password: 'short', name: '' } });
    const signUp = result.data?.signUp;
    expect(signUp?.__typename).toBe('ValidationError');
    if (signUp?.__typename !== 'ValidationError') return;
    expect(signUp.fields.map((field) => field.path.join('.')).sort()).toEqual(['email', 'name', 'password']);
    expect(signUp.fields.find((field) => field.path[0] === 'password')?.message).toMatch(/at least 10 characters/);
    expect(await prisma.developer.count({ where: { email: 'not-an-email' } })).toBe(0);
  });

  it('accepts a password of exactly 10 characters and refuses 9', async () => {
    const nine = await execute(SignUpDocument, { input: { email: uniqueEmail(), password: '123456789', name: 'N' } });
    expect(nine.data?.signUp.__typename).toBe('ValidationError');
    const ten = await execute(SignUpDocument, { input: { email: uniqueEmail(), password: '1234567890', name: 'N' } });
    expect(ten.data?.signUp.__typename).toBe('SignUpSuccess');
  });

  it('stores no plaintext password or token', async () => {
    const { email, token, cookie } = await newDeveloper();
    const developer = await prisma.developer.findUniqueOrThrow({ where: { email }, include: { sessions: true, apiTokens: true } });
    const stored = JSON.stringify(developer);
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(cookie.split('=')[1]);
    expect(developer.passwordHash).toMatch(/^scrypt\$/);
  });
});

describe('sign in', () => {
  it('signs in with the right password, any letter case of the email', async () => {
    const { email } = await newDeveloper();
    const result = await execute(SignInDocument, { input: { email: email.toUpperCase(), password: PASSWORD } });
    expect(result.data?.signIn).toMatchObject({ __typename: 'SignInSuccess', developer: { email } });
    expect(result.headers.get('set-cookie')).toMatch(/ring_session=/);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const { email } = await newDeveloper();
    const wrong = await execute(SignInDocument, { input: { email, password: 'wrong password!' } }, { clientAddress: '10.1.0.1' });
    const unknown = await execute(SignInDocument, { input: { email: uniqueEmail(), password: PASSWORD } }, { clientAddress: '10.1.0.2' });
    expect(wrong.data?.signIn).toEqual({ __typename: 'InvalidCredentialsError', message: 'The email or password is not right.' });
    expect(unknown.data?.signIn).toEqual(wrong.data?.signIn);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('limits failed attempts per email with a clear error, even with the right password', async () => {
    const { email } = await newDeveloper();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const result = await execute(SignInDocument, { input: { email, password: 'wrong password!' } }, { clientAddress: `10.2.0.${attempt}` });
      expect(result.data?.signIn.__typename).toBe('InvalidCredentialsError');
    }
    const limited = await execute(SignInDocument, { input: { email, password: PASSWORD } }, { clientAddress: '10.2.1.1' });
    expect(limited.data?.signIn).toMatchObject({ __typename: 'RateLimitedError', message: expect.stringMatching(/Too many failed sign-in attempts/) });
    if (limited.data?.signIn.__typename === 'RateLimitedError') expect(limited.data.signIn.retryAfterSeconds).toBeGreaterThan(0);
    // The wait spelt out with its plural: "30 seconds", "2 minutes", never "15 minute(s)".
    expect(limited.data?.signIn.__typename === 'RateLimitedError' && limited.data.signIn.message).toMatch(
      /Try again in (1 second|([2-9]|\d\d+) seconds|1 minute|([2-9]|\d\d+) minutes)\.$/,
    );
  });

  it('limits failed attempts per address across emails', async () => {
    const address = '10.3.0.1';
    for (let attempt = 0; attempt < 50; attempt += 1) {
      await execute(SignInDocument, { input: { email: uniqueEmail(), password: 'wrong password!' } }, { clientAddress: address });
    }
    const { email } = await newDeveloper();
    const limited = await execute(SignInDocument, { input: { email, password: PASSWORD } }, { clientAddress: address });
    expect(limited.data?.signIn.__typename).toBe('RateLimitedError');
    const elsewhere = await execute(SignInDocument, { input: { email, password: PASSWORD } }, { clientAddress: '10.3.0.2' });
    expect(elsewhere.data?.signIn.__typename).toBe('SignInSuccess');
  });
});

describe('sign-in limits (README: Security, rate limits)', () => {
  const refused = (result: { data?: { signIn: { __typename: string } } | null }) => result.data?.signIn.__typename === 'RateLimitedError';

  it('reserves each attempt before verifying: of a concurrent burst, at most the per-email limit are verified', async () => {
    const { email } = await newDeveloper();
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        execute(SignInDocument, { input: { email, password: index === 25 ? PASSWORD : 'wrong password!' } }, { clientAddress: `10.20.${index}.1` }),
      ),
    );
    const verified = burst.filter((result) => !refused(result));
    expect(verified.length).toBeGreaterThan(0);
    expect(verified.length).toBeLessThanOrEqual(10);
    for (const result of verified) expect(['InvalidCredentialsError', 'SignInSuccess']).toContain(result.data?.signIn.__typename);
  });

  it('limits failures per email and address: the 6th from one address is refused, the owner elsewhere still signs in', async () => {
    const { email } = await newDeveloper();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const result = await execute(SignInDocument, { input: { email, password: 'wrong password!' } }, { clientAddress: '10.21.0.1' });
      expect(result.data?.signIn.__typename).toBe('InvalidCredentialsError');
    }
    const sixth = await execute(SignInDocument, { input: { email, password: PASSWORD } }, { clientAddress: '10.21.0.1' });
    expect(sixth.data?.signIn.__typename).toBe('RateLimitedError');
    const owner = await execute(SignInDocument, { input: { email, password: PASSWORD } }, { clientAddress: '10.21.0.2' });
    expect(owner.data?.signIn.__typename).toBe('SignInSuccess');
  });

  it('after the per-email limit, each further failure doubles the wait (30 s, 60 s, ...) up to 5 minutes, not one long lock', async () => {
    const { email } = await newDeveloper();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await execute(SignInDocument, { input: { email, password: 'wrong password!' } }, { clientAddress: `10.22.${attempt}.1` });
    }
    const waitNow = async (address: string) => {
      const result = await execute(SignInDocument, { input: { email, password: PASSWORD } }, { clientAddress: address });
      if (result.data?.signIn.__typename !== 'RateLimitedError') throw new Error(`not limited: ${JSON.stringify(result.data)}`);
      return result.data.signIn;
    };
    const first = await waitNow('10.22.100.1');
    expect(first.retryAfterSeconds).toBeGreaterThan(25);
    expect(first.retryAfterSeconds).toBeLessThanOrEqual(30);
    expect(first.message).toMatch(/Try again in 30 seconds/);
    // The wait passes (moved into the past rather than slept through).
    const passTheWait = () => prisma.$executeRaw`UPDATE "RateLimit" SET "blockedUntil" = now() - interval '1 second' WHERE key = ${`sign-in:email:${email}`}`;
    await passTheWait();
    const allowed = await execute(SignInDocument, { input: { email, password: 'wrong password!' } }, { clientAddress: '10.22.101.1' });
    expect(allowed.data?.signIn.__typename).toBe('InvalidCredentialsError');
    const second = await waitNow('10.22.102.1');
    expect(second.retryAfterSeconds).toBeGreaterThan(55);
    expect(second.retryAfterSeconds).toBeLessThanOrEqual(60);
    for (let round = 0; round < 6; round += 1) {
      await passTheWait();
      await execute(SignInDocument, { input: { email, password: 'wrong password!' } }, { clientAddress: `10.22.${110 + round}.1` });
    }
    const capped = await waitNow('10.22.120.1');
    expect(capped.retryAfterSeconds).toBeGreaterThan(295);
    expect(capped.retryAfterSeconds).toBeLessThanOrEqual(300);
    expect(capped.message).toMatch(/Try again in 5 minutes/);
    // Once the wait has passed, the owner's right password gets in.
    await passTheWait();
    expect((await execute(SignInDocument, { input: { email, password: PASSWORD } }, { clientAddress: '10.22.130.1' })).data?.signIn.__typename).toBe(
      'SignInSuccess',
    );
  });

  it('a successful sign-in does not use up the address limit', async () => {
    const { email } = await newDeveloper();
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const result = await execute(SignInDocument, { input: { email, password: PASSWORD } }, { clientAddress: '10.23.0.1' });
      expect(result.data?.signIn.__typename).toBe('SignInSuccess');
    }
  });
});

describe('one password rule for sign-up and sign-in', () => {
  it('signs in with the longest password sign-up accepts, in any script', async () => {
    const longest = '🔑é'.repeat(PASSWORD_MAX_LENGTH / 2);
    const email = uniqueEmail();
    const signUp = await execute(SignUpDocument, { input: { email, password: longest, name: 'Longest' } });
    expect(signUp.data?.signUp.__typename).toBe('SignUpSuccess');
    const signIn = await execute(SignInDocument, { input: { email, password: longest } }, { clientAddress: '10.24.0.1' });
    expect(signIn.data?.signIn.__typename).toBe('SignInSuccess');
    const decomposed = await execute(SignInDocument, { input: { email, password: longest.normalize('NFD') } }, { clientAddress: '10.24.0.1' });
    expect(decomposed.data?.signIn.__typename).toBe('SignInSuccess');
  });

  it('refuses one character more than the longest at sign-up and sign-in alike, naming the password', async () => {
    const tooLong = `${'🔑é'.repeat(PASSWORD_MAX_LENGTH / 2)}x`;
    const signUp = await execute(SignUpDocument, { input: { email: uniqueEmail(), password: tooLong, name: 'Too long' } });
    expect(signUp.data?.signUp).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['password'], message: expect.stringMatching(/at most 200/) }],
    });
    const signIn = await execute(SignInDocument, { input: { email: uniqueEmail(), password: tooLong } }, { clientAddress: '10.24.0.2' });
    expect(signIn.data?.signIn).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['password'], message: expect.stringMatching(/at most 200/) }],
    });
  });
});

describe('sessions', () => {
  it('an expired session is UNAUTHENTICATED, not signed out', async () => {
    const { email, cookie } = await newDeveloper();
    await prisma.session.updateMany({ where: { developer: { email } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await execute(ViewerDocument, {}, { cookie });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.errors?.[0]?.message).toMatch(/expired/);
  });

  it('sign out ends the session for good', async () => {
    const { cookie } = await newDeveloper();
    const out = await execute(SignOutDocument, {}, { cookie });
    expect(out.data?.signOut).toMatchObject({ __typename: 'SignOutSuccess', signedOut: true });
    expect(errorCodes(await execute(ViewerDocument, {}, { cookie }))).toEqual(['UNAUTHENTICATED']);
  });

  it('signed out (no credentials) is a null viewer', async () => {
    const result = await execute(ViewerDocument, {});
    expect(result.errors).toBeUndefined();
    expect(result.data?.viewer).toBeNull();
  });
});

describe('API tokens', () => {
  it('works as Bearer, is shown once, tracks lastUsedAt and stops at revocation', async () => {
    const { cookie, email } = await newDeveloper();
    const created = await execute(CreateApiTokenDocument, { input: { name: 'Deploy script' } }, { cookie });
    if (created.data?.createApiToken.__typename !== 'CreateApiTokenSuccess') throw new Error('no token');
    const { token, apiToken } = created.data.createApiToken;
    expect(token).toMatch(/^rat_[A-Za-z0-9_-]{43}$/);
    expect(apiToken.lastUsedAt).toBeNull();

    const viewer = await execute(ViewerDocument, {}, { token });
    expect(viewer.data?.viewer?.email).toBe(email);
    const list = await execute(ApiTokensDocument, {}, { cookie });
    const listed = list.data?.viewer?.apiTokens.find((entry) => entry.id === apiToken.id);
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.data)).not.toContain(token);

    const revoked = await execute(RevokeApiTokenDocument, { input: { id: apiToken.id } }, { cookie });
    expect(revoked.data?.revokeApiToken.__typename).toBe('RevokeApiTokenSuccess');
    const after = await execute(ViewerDocument, {}, { token });
    expect(errorCodes(after)).toEqual(['UNAUTHENTICATED']);
    expect(after.errors?.[0]?.message).toMatch(/revoked/);
  });

  it('a missing, malformed or unknown token is UNAUTHENTICATED with a reason', async () => {
    const needsDeveloper = await execute(CreateApiTokenDocument, { input: { name: 'x' } });
    expect(errorCodes(needsDeveloper)).toEqual(['UNAUTHENTICATED']);
    const malformed = await execute(ViewerDocument, {}, { headers: { authorization: 'Token abc' } });
    expect(errorCodes(malformed)).toEqual(['UNAUTHENTICATED']);
    expect(malformed.errors?.[0]?.message).toMatch(/Bearer/);
    const unknown = await execute(ViewerDocument, {}, { token: 'rat_doesnotexist' });
    expect(errorCodes(unknown)).toEqual(['UNAUTHENTICATED']);
  });

  it('another developer cannot revoke your token: NotFoundError and nothing changes', async () => {
    const owner = await newDeveloper('owner');
    const other = await newDeveloper('other');
    const tokens = await execute(ApiTokensDocument, {}, { cookie: owner.cookie });
    const id = tokens.data!.viewer!.apiTokens[0]!.id;
    const attempt = await execute(RevokeApiTokenDocument, { input: { id } }, { cookie: other.cookie });
    expect(attempt.data?.revokeApiToken.__typename).toBe('NotFoundError');
    expect((await execute(ViewerDocument, {}, { token: owner.token })).data?.viewer?.email).toBe(owner.email);
  });

  it('refuses an empty name', async () => {
    const { cookie } = await newDeveloper();
    const result = await execute(CreateApiTokenDocument, { input: { name: '   ' } }, { cookie });
    expect(result.data?.createApiToken).toMatchObject({ __typename: 'ValidationError', fields: [{ path: ['name'] }] });
  });
});
