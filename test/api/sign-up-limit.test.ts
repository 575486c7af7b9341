/**
 * Sign-ups per client address, on a limit of 3 per window set for this file (the suite's
 * default is high: every test signs its developers up from one address).
 */
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.SIGN_UP_LIMIT_PER_ADDRESS = '3';
});

const { prisma } = await import('@ring/db');
const { SignUpDocument } = await import('@ring/client');
const { execute, PASSWORD, uniqueEmail } = await import('../support/api.ts');

describe('sign-up limit per address', () => {
  it('accepts 3 sign-ups from one address, refuses the 4th with the wait and saves nothing; other addresses are not affected', async () => {
    for (let count = 1; count <= 3; count += 1) {
      const result = await execute(SignUpDocument, { input: { email: uniqueEmail(), password: PASSWORD, name: `N${count}` } }, { clientAddress: '10.30.0.1' });
      expect(result.data?.signUp.__typename).toBe('SignUpSuccess');
    }
    const email = uniqueEmail();
    const fourth = await execute(SignUpDocument, { input: { email, password: PASSWORD, name: 'Fourth' } }, { clientAddress: '10.30.0.1' });
    expect(fourth.data?.signUp).toMatchObject({
      __typename: 'RateLimitedError',
      message: expect.stringMatching(/Too many sign-ups from this address\. Try again in \d+ minutes?\./),
    });
    if (fourth.data?.signUp.__typename === 'RateLimitedError') expect(fourth.data.signUp.retryAfterSeconds).toBeGreaterThan(0);
    expect(await prisma.developer.count({ where: { email } })).toBe(0);
    const elsewhere = await execute(SignUpDocument, { input: { email, password: PASSWORD, name: 'Elsewhere' } }, { clientAddress: '10.30.0.2' });
    expect(elsewhere.data?.signUp.__typename).toBe('SignUpSuccess');
  });

  it('keeps the answer for a taken email (the console offers "Sign in instead")', async () => {
    const email = uniqueEmail();
    await execute(SignUpDocument, { input: { email, password: PASSWORD, name: 'First' } }, { clientAddress: '10.30.1.1' });
    const again = await execute(SignUpDocument, { input: { email, password: PASSWORD, name: 'Again' } }, { clientAddress: '10.30.1.2' });
    expect(again.data?.signUp).toMatchObject({ __typename: 'ConflictError', message: expect.stringMatching(/Sign in instead/) });
  });
});
