/**
 * The console's password-reset pages against the built server, which has no SMTP_URL: the
 * support-assisted path (the link made by createPasswordResetLink, passed on by staff).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createStaffAccount } from '@ring/api';
import { launchBrowser, newPage, signInInBrowser, signUpInBrowser } from '../support/browser.ts';
import { uniqueEmail } from '../support/api.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function call(query: string, variables: unknown, cookie?: string) {
  const response = await fetch(`${inject('baseUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { body: (await response.json()) as { data: Record<string, Record<string, string>> }, headers: response.headers };
}

/** What support staff do for the person: a link from createPasswordResetLink. */
async function resetLinkFromSupport(email: string): Promise<string> {
  const staff = await createStaffAccount({ email: uniqueEmail('support'), role: 'SUPPORT' });
  const signIn = await call('mutation($input: SignInInput!) { signIn(input: $input) { __typename } }', {
    input: { email: staff.email, password: staff.password },
  });
  const cookie = /ring_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')![0];
  const created = await call(
    'mutation($input: CreatePasswordResetLinkInput!) { createPasswordResetLink(input: $input) { __typename ... on CreatePasswordResetLinkSuccess { url } } }',
    { input: { email } },
    cookie,
  );
  expect(created.body.data.createPasswordResetLink!.__typename).toBe('CreatePasswordResetLinkSuccess');
  return created.body.data.createPasswordResetLink!.url!;
}

it('from sign-in, "Forgot your password?" says to contact support; the link support sends sets a new password once', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  const email = await signUpInBrowser(page, 'Forgetful', uniqueEmail('forgetful'));
  await context.clearCookies();

  await page.goto('/sign-in', { waitUntil: 'networkidle' });
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.waitForURL('**/forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Reset password' }).click();
  await expect.poll(() => page.getByTestId('reset-requested').textContent()).toMatch(/Contact portal support/);

  const link = await resetLinkFromSupport(email);
  expect(new URL(link).origin).toBe(inject('baseUrl'));
  await page.goto(link, { waitUntil: 'networkidle' });
  await page.getByLabel('New password').fill('short');
  await page.getByLabel('New password').blur();
  await expect.poll(() => page.getByText('Password must be at least 10 characters.').isVisible()).toBe(true);
  await page.getByLabel('New password').fill('my new password 123');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect.poll(() => page.getByTestId('password-reset').isVisible()).toBe(true);

  await signInInBrowser(page, email, 'my new password 123');

  // The link worked once.
  await page.goto(link, { waitUntil: 'networkidle' });
  await page.getByLabel('New password').fill('yet another password');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/already been used/);
  await context.close();
});
