/**
 * A developer rehearses account linking from the Test page: the console starts the rehearsal,
 * a partner on loopback HTTPS exchanges the code at /sandbox and fetches the account, the
 * developer opens the Account Link URL in a new tab and signs in at the partner, which matches
 * the nonce and completes the integration; the Test page shows COMPLETED.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signUpInBrowser, untilLive } from '../support/browser.ts';
import { uniqueEmail } from '../support/api.ts';
import { startTestPartner, type TestPartner } from '../support/sandbox-partner.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let browser: Browser;
let server: RunningServer;
let partner: TestPartner;

beforeAll(async () => {
  browser = await launchBrowser();
  partner = await startTestPartner({ sandboxBaseUrl: '', clientId: '', clientSecret: '', hmacKey: '', bodyFormat: 'json', mode: 'exchange' });
  server = await startServer({
    DATABASE_URL: process.env.DATABASE_URL!,
    NODE_ENV: 'development',
    ALLOW_LOCAL_ENDPOINTS: '1',
    EXTRA_CA_FILE: partner.certFile,
    SIGN_UP_LIMIT_PER_ADDRESS: '100000',
  });
  partner.settings.sandboxBaseUrl = server.baseUrl;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await partner?.close();
});

it('starts a rehearsal, opens the Account Link URL, signs in at the partner and sees COMPLETED', async () => {
  // The partner's certificate is self-signed (trusted by the server through EXTRA_CA_FILE).
  const context = await browser.newContext({ baseURL: server.baseUrl, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await signUpInBrowser(page, 'Rehearsal Tester', uniqueEmail('rehearsal'));

  const created = await page.evaluate(async (urls) => {
    const call = async (query: string, variables: object) => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return ((await response.json()) as { data: Record<string, unknown> }).data;
    };
    const app = (await call(
      'mutation($input: CreateAppInput!) { createApp(input: $input) { ... on CreateAppSuccess { app { id } credentials { clientId clientSecret hmacSignatureKey } } } }',
      { input: { name: 'Rehearsed', acceptCompliance: true } },
    )) as { createApp: { app: { id: string }; credentials: { clientId: string; clientSecret: string; hmacSignatureKey: string } } };
    for (const environment of ['STAGING', 'PRODUCTION']) {
      await call('mutation($input: SaveAccountLinkingInput!) { saveAccountLinking(input: $input) { __typename } }', {
        input: { appId: app.createApp.app.id, environment, ...urls },
      });
    }
    return app.createApp;
  }, partner.urls());
  Object.assign(partner.settings, {
    clientId: created.credentials.clientId,
    clientSecret: created.credentials.clientSecret,
    hmacKey: created.credentials.hmacSignatureKey,
  });

  // The Test page keeps a live stream open: the network is never idle.
  await page.goto(`/apps/${encodeURIComponent(created.app.id)}/test`);
  await untilLive(page);
  const staging = page.getByTestId('rehearsal-staging');
  await expect.poll(() => staging.getByText('No rehearsal on staging yet.').isVisible()).toBe(true);
  // Not yet allowed: the checkbox is disabled and the reasons are listed.
  expect(await page.getByLabel(/I have tested the account-linking workflow/).isDisabled()).toBe(true);
  await expect.poll(() => page.getByTestId('test-missing').textContent()).toContain('A link rehearsal on staging completed');

  await staging.getByRole('button', { name: 'Start rehearsal' }).click();
  const accountLink = staging.getByTestId('account-link');
  await expect.poll(() => accountLink.isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await staging.getByTestId('rehearsal-status').textContent()).toBe('Account fetched');
  await expect.poll(() => staging.getByRole('list', { name: /rehearsal steps/ }).textContent()).toContain('The code was exchanged after');

  const [partnerTab] = await Promise.all([context.waitForEvent('page'), accountLink.click()]);
  await partnerTab.waitForLoadState();
  expect(partnerTab.url()).toContain(`${partner.baseUrl}/link?time=`);
  await partnerTab.getByLabel('Username').fill('ava');
  await partnerTab.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => partnerTab.getByRole('heading', { name: 'Your Ring account is linked.' }).isVisible()).toBe(true);

  // Back on the console's tab, the Test page shows the outcome without a reload.
  await page.bringToFront();
  await expect.poll(() => staging.getByTestId('rehearsal-status').textContent(), { timeout: 15_000 }).toBe('Completed');
  await expect.poll(() => staging.getByRole('list', { name: /rehearsal steps/ }).textContent()).toContain('The integration was completed');
  expect(await staging.getByTestId('account-link').count()).toBe(0);
  await context.close();
});

it('shows COMPLETED when the POST and the PATCH come so close that the page reads the rehearsals again while the first read is still on its way', async () => {
  const context = await browser.newContext({ baseURL: server.baseUrl, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await signUpInBrowser(page, 'Rehearsal Racer', uniqueEmail('rehearsal-race'));
  const created = await page.evaluate(async (urls) => {
    const call = async (query: string, variables: object) => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return ((await response.json()) as { data: Record<string, unknown> }).data;
    };
    const app = (await call(
      'mutation($input: CreateAppInput!) { createApp(input: $input) { ... on CreateAppSuccess { app { id } credentials { clientId clientSecret hmacSignatureKey } } } }',
      { input: { name: 'Raced', acceptCompliance: true } },
    )) as { createApp: { app: { id: string }; credentials: { clientId: string; clientSecret: string; hmacSignatureKey: string } } };
    await call('mutation($input: SaveAccountLinkingInput!) { saveAccountLinking(input: $input) { __typename } }', {
      input: { appId: app.createApp.app.id, environment: 'STAGING', ...urls },
    });
    return app.createApp;
  }, partner.urls());
  Object.assign(partner.settings, {
    clientId: created.credentials.clientId,
    clientSecret: created.credentials.clientSecret,
    hmacKey: created.credentials.hmacSignatureKey,
  });

  await page.goto(`/apps/${encodeURIComponent(created.app.id)}/test`);
  await untilLive(page);
  const staging = page.getByTestId('rehearsal-staging');
  await staging.getByRole('button', { name: 'Start rehearsal' }).click();
  await expect.poll(() => staging.getByTestId('account-link').isVisible(), { timeout: 15_000 }).toBe(true);
  const link = new URL((await staging.getByTestId('account-link').getAttribute('href'))!);
  const token = partner.unclaimed.at(-1)!;

  // The read the POST's event starts is answered by the server at once (AWAITING) but reaches the
  // page only after the PATCH's event has started a second read: a slow network, made certain.
  let firstRead: (() => void) | undefined;
  const firstReadAnswered = new Promise<void>((resolve) => (firstRead = resolve));
  let secondReadSeen: () => void = () => {};
  const secondRead = new Promise<void>((resolve) => (secondReadSeen = resolve));
  let reads = 0;
  await page.route('**/graphql', async (route) => {
    if (!route.request().postData()?.includes('query LinkRehearsals_App')) return route.continue();
    reads += 1;
    if (reads > 1) {
      secondReadSeen();
      return route.continue();
    }
    const answer = await route.fetch();
    firstRead!();
    await Promise.race([secondRead, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    await route.fulfill({ response: answer });
  });

  const sandbox = (method: string, body: object) =>
    fetch(`${server.baseUrl}/sandbox/v1/accounts/me/app-integrations`, {
      method,
      headers: { authorization: `Bearer ${token.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await sandbox('POST', { nonce: link.searchParams.get('nonce'), time: link.searchParams.get('time') })).status).toBe(201);
  await firstReadAnswered;
  expect((await sandbox('PATCH', { status: 'completed' })).status).toBe(200);

  await expect.poll(() => staging.getByTestId('rehearsal-status').textContent(), { timeout: 10_000 }).toBe('Completed');
  expect(reads).toBeGreaterThanOrEqual(2);
  await context.close();
});
