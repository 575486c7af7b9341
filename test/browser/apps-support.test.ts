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
async function developerWithApp(name: string, owner = { name: 'Owner', email: uniqueEmail('owner') }) {
  const call = async (query: string, variables: unknown, cookie?: string) => {
    const response = await fetch(`${inject('baseUrl')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { body: (await response.json()) as { data: Record<string, unknown> }, headers: response.headers };
  };
  const signUp = await call('mutation($input: SignUpInput!) { signUp(input: $input) { __typename } }', {
    input: { email: owner.email, password: PASSWORD, name: owner.name },
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
  await page.getByRole('dialog').getByLabel('Reason').fill('Developer lost the client secret');
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

/** Signs up in the browser, makes the account support staff, and signs in again through the form. */
async function signInAsSupport(page: import('playwright-core').Page) {
  const email = await signUpInBrowser(page, 'Support Person', uniqueEmail('support'));
  await prisma.developer.update({ where: { email }, data: { role: 'SUPPORT' } });
  await page.context().clearCookies();
  await page.goto('/sign-in', { waitUntil: 'networkidle' });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

it('support staff land on the support page; results tell apart same-named apps by owner; part of a client ID finds one', async () => {
  const stamp = Date.now();
  const name = `Home Guardian ${stamp}`;
  const first = await developerWithApp(name, { name: 'Ada Owner', email: uniqueEmail('ada') });
  await developerWithApp(name, { name: 'Bo Owner', email: uniqueEmail('bo') });
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signInAsSupport(page);
  await page.waitForURL('**/support');

  // An empty search says what to type instead of doing nothing.
  await page.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => page.getByText('Type part of an app name or of its client ID').isVisible()).toBe(true);

  await page.getByLabel('App name or client ID').fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => page.getByTestId('support-row').count()).toBe(2);
  const owners = await page.getByTestId('support-owner').allInnerTexts();
  expect(owners.map((owner) => owner.split('\n')[0])).toEqual(['Bo Owner', 'Ada Owner']);
  expect(owners.join(' ')).toMatch(/@example\.com/);

  // The last characters a developer reads out over the phone are enough.
  await page.getByLabel('App name or client ID').fill(first.credentials.clientId.slice(-10));
  await page.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => page.getByTestId('support-row').count()).toBe(1);
  expect(await page.getByTestId('support-owner').innerText()).toContain('Ada Owner');
  await context.close();
});

it('a reissue needs a reason (10 to 500 characters) and an optional ticket, is audited with them, and the issued time updates', async () => {
  const app = await developerWithApp(`Yard Cam ${Date.now()}`);
  await prisma.credential.update({ where: { clientId: app.credentials.clientId }, data: { issuedAt: new Date('2024-01-02T03:04:00Z') } });
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signInAsSupport(page);
  await page.waitForURL('**/support');
  await page.getByLabel('App name or client ID').fill(app.credentials.clientId);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => page.getByTestId('support-row').count()).toBe(1);
  expect(await page.getByTestId('support-row').innerText()).toContain('2024');

  await page.getByRole('button', { name: /Reissue credentials for Yard Cam/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('Lost it');
  await dialog.getByRole('button', { name: 'Reissue' }).click();
  await expect.poll(() => dialog.getByText('Reason must be at least 10 characters').isVisible()).toBe(true);
  expect(await verifyClientSecret(app.credentials.clientId, app.credentials.clientSecret)).toBe(true);
  await dialog.getByLabel('Reason').fill('Developer lost the secret in a laptop theft');
  await dialog.getByLabel('Ticket (optional)').fill('SUP-4711');
  await dialog.getByRole('button', { name: 'Reissue' }).click();
  await expect.poll(() => page.getByTestId('reissued').isVisible()).toBe(true);
  const year = String(new Date().getFullYear());
  await expect.poll(() => page.getByTestId('support-row').innerText()).toContain(year);
  expect(await page.getByTestId('support-row').innerText()).not.toContain('2024');
  const event = await prisma.auditEvent.findFirstOrThrow({
    where: { action: 'credentials.reissued', detail: { path: ['clientId'], equals: app.credentials.clientId } },
  });
  expect(event.detail).toMatchObject({ reason: 'Developer lost the secret in a laptop theft', ticket: 'SUP-4711' });
  await context.close();
});
