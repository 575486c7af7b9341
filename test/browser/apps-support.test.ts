import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { prisma } from '@ring/db';
import { createStaffAccount, verifyClientSecret } from '@ring/api';
import { launchBrowser, newPage, signInInBrowser, signUpInBrowser } from '../support/browser.ts';
import { PASSWORD, uniqueEmail } from '../support/api.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A developer and their app, made over real HTTP against the running server. */
async function developerWithApp(name: string) {
  const call = async (query: string, variables: unknown, cookie?: string) => {
    const response = await fetch(`${inject('baseUrl')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { body: (await response.json()) as { data: Record<string, unknown> }, headers: response.headers };
  };
  const signUp = await call('mutation($input: SignUpInput!) { signUp(input: $input) { __typename } }', {
    input: { email: uniqueEmail('owner'), password: PASSWORD, name: 'Owner' },
  });
  const cookie = /ring_session=[^;]+/.exec(signUp.headers.get('set-cookie') ?? '')![0];
  const created = await call(
    'mutation($input: CreateAppInput!) { createApp(input: $input) { ... on CreateAppSuccess { app { id } credentials { clientId clientSecret } } } }',
    { input: { name, acceptCompliance: true } },
    cookie,
  );
  return created.body.data.createApp as { app: { id: string }; credentials: { clientId: string; clientSecret: string } };
}

it('support finds an app by client ID, reissues after confirming, and sees the new values once', async () => {
  const app = await developerWithApp(`Garage Eye ${Date.now()}`);
  const { context, page } = await newPage(browser, inject('baseUrl'));
  const email = uniqueEmail('support');
  await signUpInBrowser(page, 'Support Person', email);

  // A plain developer has no support page.
  await page.goto('/support');
  expect(await page.getByText('This page is for portal support staff.').isVisible()).toBe(true);

  // Made staff the way `npm run create-staff` does: a new generated password, sessions ended.
  const staff = await createStaffAccount({ email, role: 'SUPPORT' });
  await signInInBrowser(page, email, staff.password);
  await page.getByRole('link', { name: 'Support desk' }).click();
  await page.waitForURL('**/support');
  await page.getByLabel('App name or client ID').fill(app.credentials.clientId);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => page.getByTestId('support-row').count()).toBe(1);
  expect(await page.getByTestId('support-row').textContent()).toContain('Garage Eye');

  await page.getByRole('button', { name: 'Reissue credentials for Garage Eye' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reissue' }).click();
  await expect.poll(() => page.getByTestId('reissued').isVisible()).toBe(true);
  // Focus follows the new values once the dialog closes, not the page's top.
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="reissued"]') !== null)).toBe(true);
  const secret = (await page.getByTestId('credential-client-secret').getByTestId('credential-value').textContent())!;
  expect(secret).toMatch(/^ring_csec_/);
  await page.getByRole('button', { name: 'Copy Client Secret' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  expect(page.url()).not.toContain(secret);

  expect(await verifyClientSecret(app.credentials.clientId, app.credentials.clientSecret)).toBe(false);
  expect(await verifyClientSecret(app.credentials.clientId, secret)).toBe(true);

  await page.reload();
  expect(await page.content()).not.toContain(secret);
  await context.close();
});
