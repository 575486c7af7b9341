/**
 * Live updates in the console: the Account linking page's test-event list shows a delivery
 * sent from outside the page (another tab, a tool) without a reload, with a "Live" status.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { print } from 'graphql';
import { prisma } from '@ring/db';
import { AccountLinkingPage_SendTestWebhookDocument } from '@ring/client';
import { encryptSecret } from '../../packages/api/src/crypto/secret-box.ts';
import { launchBrowser, newPage, signUpInBrowser } from '../support/browser.ts';
import { uniqueEmail } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('lists a test delivery sent through the API from outside the page as it is recorded, without a reload, and says the list is live', async () => {
  const baseUrl = inject('baseUrl');
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

  await page.goto(`/apps/${encodeURIComponent(app.globalId)}/linking`);
  await expect.poll(() => page.getByRole('heading', { name: 'No test events yet' }).isVisible()).toBe(true);
  const indicator = page.getByTestId('live-indicator');
  await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
  expect(await indicator.getAttribute('role')).toBe('status');
  expect(await indicator.textContent()).toContain('Live');
  // Marks this page load: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));

  // From outside the page: the same developer's session, as another tab or a tool would send it.
  const cookie = (await context.cookies(baseUrl)).map(({ name, value }) => `${name}=${value}`).join('; ');
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      query: print(AccountLinkingPage_SendTestWebhookDocument),
      variables: { input: { appId: app.globalId, environment: 'STAGING', eventType: 'DEVICE_ADDED' } },
    }),
  });
  expect(((await response.json()) as { data: { sendTestWebhook: { __typename: string } } }).data.sendTestWebhook.__typename).toBe('SendTestWebhookSuccess');

  await expect.poll(() => page.getByTestId('delivery-row').count(), { timeout: 15_000 }).toBe(1);
  const row = page.getByTestId('delivery-row').first();
  expect(await row.textContent()).toContain('device_added');
  await expect.poll(() => row.textContent()).toContain('Refused');
  expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
  await context.close();
});
