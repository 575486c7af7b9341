/**
 * Live updates in the console: the Test page’s delivery log shows a delivery
 * sent from outside the page (another tab, a tool) without a reload, with a "Live" status.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { print } from 'graphql';
import { prisma } from '@ring/db';
import { TestPage_SendTestWebhookDocument } from '@ring/client';
import { encryptSecret } from '../../packages/api/src/crypto/secret-box.ts';
import { launchBrowser, newPage, signUpInBrowser } from '../support/browser.ts';
import { uniqueEmail } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A signed-in developer's app with a staging webhook URL, its Test page open and live. */
async function openTestPage(baseUrl = inject('baseUrl')) {
  const { context, page } = await newPage(browser, baseUrl);
  const email = uniqueEmail('live');
  await signUpInBrowser(page, 'Live Tester', email);
  const developer = await prisma.developer.findUniqueOrThrow({ where: { email } });
  const app = await insertApp(encodeGlobalID('Developer', developer.id), 'Live Guardian');
  await prisma.credential.create({
    data: { appId: app.id, clientId: `client-${app.id}`, clientSecretHash: 'unused', hmacKeyEncrypted: encryptSecret(randomBytes(32).toString('hex'), app.id) },
  });
  // Loopback is refused (recorded as refused at once): no network needed.
  await prisma.accountLinking.create({
    data: {
      appId: app.id,
      environment: 'STAGING',
      version: 1,
      savedAt: new Date(),
      authorizationUrl: 'https://auth.example.com/',
      appHomepageUrl: 'https://app.example.com/',
      tokenExchangeUrl: 'https://api.example.com/token',
      webhookUrl: 'https://127.0.0.1:9/hook',
    },
  });

  await page.goto(`/apps/${encodeURIComponent(app.globalId)}/test`);
  await expect.poll(() => page.getByRole('heading', { name: 'No test events yet' }).isVisible()).toBe(true);
  const indicator = page.getByTestId('live-indicator');
  await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
  expect(await indicator.getAttribute('role')).toBe('status');
  expect(await indicator.textContent()).toContain('Live');
  // Marks this page load: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));

  // From outside the page: the same developer's session, as another tab or a tool would send it.
  const cookie = (await context.cookies(baseUrl)).map(({ name, value }) => `${name}=${value}`).join('; ');
  const sendFromOutside = async (eventType: string, through = baseUrl) => {
    const response = await fetch(`${through}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        query: print(TestPage_SendTestWebhookDocument),
        variables: { input: { appId: app.globalId, environment: 'STAGING', eventType } },
      }),
    });
    expect(((await response.json()) as { data: { sendTestWebhook: { __typename: string } } }).data.sendTestWebhook.__typename).toBe('SendTestWebhookSuccess');
  };
  return { context, page, indicator, sendFromOutside };
}

it('lists a test delivery sent through the API from outside the page as it is recorded, without a reload, and says the list is live', async () => {
  const { context, page, sendFromOutside } = await openTestPage();
  await sendFromOutside('DEVICE_ADDED');

  await expect.poll(() => page.getByTestId('delivery-row').count(), { timeout: 15_000 }).toBe(1);
  const row = page.getByTestId('delivery-row').first();
  expect(await row.textContent()).toContain('device_added');
  await expect.poll(() => row.textContent()).toContain('Refused');
  expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
  await context.close();
});

it('says when it is reconnecting while its server is gone, and once back, shows what was sent meanwhile (events are not replayed: it reads the list again)', async () => {
  // A server of this test's own, on the suite's database, to stop and start again on the same port.
  const env = { DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: mkdtempSync(join(tmpdir(), 'ring-live-browser-')) };
  let own: RunningServer | undefined = await startServer(env);
  try {
    const { context, page, indicator, sendFromOutside } = await openTestPage(own.baseUrl);
    const port = new URL(own.baseUrl).port;
    // Shutting down ends the page's stream; reconnecting finds nobody there.
    expect(await own.stop('SIGTERM')).toBe(0);
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 15_000 }).toBe('reconnecting');
    expect(await indicator.textContent()).toContain('Reconnecting');
    // Sent through the suite's server meanwhile: nobody on this page's server hears it.
    await sendFromOutside('MOTION_DETECTED', inject('baseUrl'));
    expect(await page.getByTestId('delivery-row').count()).toBe(0);

    own = await startServer({ ...env, PORT: port });
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 45_000 }).toBe('connected');
    await expect.poll(() => page.getByTestId('delivery-row').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('delivery-row').first().textContent()).toContain('motion_detected');
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    await context.close();
  } finally {
    await own?.stop();
  }
});
