/**
 * Password reset without mail (no SMTP_URL in the suite): support-assisted. The link by email
 * is tested against a real SMTP server in password-reset-mail.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { CreatePasswordResetLinkDocument, RequestPasswordResetDocument, ResetPasswordDocument, SignInDocument, ViewerDocument } from '@ring/client';
import { errorCodes, execute, newDeveloper, newStaff, PASSWORD, uniqueEmail } from '../support/api.ts';

const NEW_PASSWORD = 'a brand new password';
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

async function linkFor(email: string) {
  const support = await newStaff();
  const created = await execute(CreatePasswordResetLinkDocument, { input: { email } }, { cookie: support.cookie });
  if (created.data?.createPasswordResetLink.__typename !== 'CreatePasswordResetLinkSuccess') throw new Error(JSON.stringify(created));
  return { support, ...created.data.createPasswordResetLink };
}

describe('requestPasswordReset without mail', () => {
  it('answers SUPPORT with directions, the same for an existing and an unknown email, and stores no link', async () => {
    const { email, id } = await newDeveloper();
    const known = await execute(RequestPasswordResetDocument, { input: { email } }, { clientAddress: '10.50.0.1' });
    const unknown = await execute(RequestPasswordResetDocument, { input: { email: uniqueEmail() } }, { clientAddress: '10.50.0.1' });
    expect(known.data?.requestPasswordReset).toEqual({
      __typename: 'RequestPasswordResetSuccess',
      delivery: 'SUPPORT',
      message: expect.stringMatching(/Contact portal support/),
    });
    expect(unknown.data).toEqual(known.data);
    expect(await prisma.passwordReset.count({ where: { developer: { email } } })).toBe(0);
    expect(id).toBeTruthy();
  });

  it('refuses a malformed email on ["email"]', async () => {
    const result = await execute(RequestPasswordResetDocument, { input: { email: 'nope' } }, { clientAddress: '10.50.0.2' });
    expect(result.data?.requestPasswordReset).toMatchObject({ __typename: 'ValidationError', fields: [{ path: ['email'] }] });
  });

  it('allows 3 requests per email per window and refuses the 4th with the wait', async () => {
    const email = uniqueEmail();
    for (let count = 1; count <= 3; count += 1) {
      const result = await execute(RequestPasswordResetDocument, { input: { email } }, { clientAddress: `10.51.0.${count}` });
      expect(result.data?.requestPasswordReset.__typename).toBe('RequestPasswordResetSuccess');
    }
    const fourth = await execute(RequestPasswordResetDocument, { input: { email } }, { clientAddress: '10.51.0.9' });
    expect(fourth.data?.requestPasswordReset).toMatchObject({
      __typename: 'RateLimitedError',
      message: expect.stringMatching(/Too many password-reset requests\. Try again in/),
    });
  });

  it('allows 20 requests per address per window and refuses the 21st', async () => {
    for (let count = 1; count <= 20; count += 1) {
      const result = await execute(RequestPasswordResetDocument, { input: { email: uniqueEmail() } }, { clientAddress: '10.52.0.1' });
      expect(result.data?.requestPasswordReset.__typename).toBe('RequestPasswordResetSuccess');
    }
    const refused = await execute(RequestPasswordResetDocument, { input: { email: uniqueEmail() } }, { clientAddress: '10.52.0.1' });
    expect(refused.data?.requestPasswordReset.__typename).toBe('RateLimitedError');
  });
});

describe('createPasswordResetLink (support-assisted)', () => {
  it('gives SUPPORT a one-hour link that resets the password, ends the sessions and is audited', async () => {
    const developer = await newDeveloper();
    const before = Date.now();
    const { url, expiresAt, support } = await linkFor(developer.email);
    expect(url).toMatch(/^http:\/\/yoga\/reset-password\?token=rpr_[A-Za-z0-9_-]{43}$/);
    expect(new Date(expiresAt).getTime() - before).toBeGreaterThan(59 * 60_000);
    expect(new Date(expiresAt).getTime() - before).toBeLessThanOrEqual(60 * 60_000 + 5_000);
    const stored = await prisma.passwordReset.findFirstOrThrow({ where: { developer: { email: developer.email } } });
    expect(JSON.stringify(stored)).not.toContain(tokenOf(url));
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { actorId: (await prisma.developer.findUniqueOrThrow({ where: { email: support.email } })).id, action: 'password-reset.link-created' },
    });
    expect(audit.detail).toMatchObject({ developerId: stored.developerId });

    const reset = await execute(ResetPasswordDocument, { input: { token: tokenOf(url), password: NEW_PASSWORD } });
    expect(reset.data?.resetPassword).toEqual({ __typename: 'ResetPasswordSuccess', email: developer.email });
    expect(errorCodes(await execute(ViewerDocument, {}, { cookie: developer.cookie }))).toEqual(['UNAUTHENTICATED']);
    const old = await execute(SignInDocument, { input: { email: developer.email, password: PASSWORD } }, { clientAddress: '10.53.0.1' });
    expect(old.data?.signIn.__typename).toBe('InvalidCredentialsError');
    const fresh = await execute(SignInDocument, { input: { email: developer.email, password: NEW_PASSWORD } }, { clientAddress: '10.53.0.1' });
    expect(fresh.data?.signIn.__typename).toBe('SignInSuccess');
  });

  it('is ForbiddenError for a developer, UNAUTHENTICATED signed out, NotFoundError for an unknown email; nothing stored', async () => {
    const developer = await newDeveloper();
    const target = await newDeveloper('target');
    const forbidden = await execute(CreatePasswordResetLinkDocument, { input: { email: target.email } }, { cookie: developer.cookie });
    expect(forbidden.data?.createPasswordResetLink).toMatchObject({ __typename: 'ForbiddenError', message: expect.stringMatching(/support staff/) });
    expect(errorCodes(await execute(CreatePasswordResetLinkDocument, { input: { email: target.email } }))).toEqual(['UNAUTHENTICATED']);
    const support = await newStaff();
    const missing = await execute(CreatePasswordResetLinkDocument, { input: { email: uniqueEmail() } }, { cookie: support.cookie });
    expect(missing.data?.createPasswordResetLink.__typename).toBe('NotFoundError');
    expect(await prisma.passwordReset.count({ where: { developer: { email: target.email } } })).toBe(0);
  });
});

describe('resetPassword refusals', () => {
  it('names an unknown token on ["token"]', async () => {
    const result = await execute(ResetPasswordDocument, { input: { token: 'rpr_unknown', password: NEW_PASSWORD } });
    expect(result.data?.resetPassword).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['token'], message: expect.stringMatching(/not valid/) }],
    });
  });

  it('names an expired token on ["token"] and changes nothing', async () => {
    const developer = await newDeveloper();
    const { url } = await linkFor(developer.email);
    await prisma.passwordReset.updateMany({ where: { developer: { email: developer.email } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await execute(ResetPasswordDocument, { input: { token: tokenOf(url), password: NEW_PASSWORD } });
    expect(result.data?.resetPassword).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['token'], message: expect.stringMatching(/expired/) }],
    });
    expect((await execute(ViewerDocument, {}, { cookie: developer.cookie })).data?.viewer?.email).toBe(developer.email);
  });

  it('works once: a used token is refused on ["token"], also when two requests race', async () => {
    const developer = await newDeveloper();
    const { url } = await linkFor(developer.email);
    const both = await Promise.all([
      execute(ResetPasswordDocument, { input: { token: tokenOf(url), password: NEW_PASSWORD } }),
      execute(ResetPasswordDocument, { input: { token: tokenOf(url), password: `${NEW_PASSWORD} 2` } }),
    ]);
    expect(both.map((result) => result.data?.resetPassword.__typename).sort()).toEqual(['ResetPasswordSuccess', 'ValidationError']);
    const again = await execute(ResetPasswordDocument, { input: { token: tokenOf(url), password: NEW_PASSWORD } });
    expect(again.data?.resetPassword).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['token'], message: expect.stringMatching(/already been used/) }],
    });
  });

  it('applies the password rule on ["password"] (9 characters refused, 10 accepted) and keeps the token usable after a refusal', async () => {
    const developer = await newDeveloper();
    const { url } = await linkFor(developer.email);
    const short = await execute(ResetPasswordDocument, { input: { token: tokenOf(url), password: '123456789' } });
    expect(short.data?.resetPassword).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['password'], message: expect.stringMatching(/at least 10/) }],
    });
    const ten = await execute(ResetPasswordDocument, { input: { token: tokenOf(url), password: '1234567890' } });
    expect(ten.data?.resetPassword.__typename).toBe('ResetPasswordSuccess');
  });
});
