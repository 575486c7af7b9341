import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { encryptSecret } from '../../packages/api/src/crypto/secret-box.ts';
import { launchBrowser, newPage, signUpInBrowser, untilLive } from '../support/browser.ts';
import { uniqueEmail } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// `.invalid` never resolves (RFC 2606), so the test event fails the same way with or without a network.
const staging = {
  'Authorization URL': 'https://auth.acme.example.com/ring/authorize',
  'App Homepage URL': 'https://acme.example.com/ring',
  'Token Exchange URL': 'https://api.acme.example.com/ring/token',
  'Webhook URL': 'https://hooks.acme.invalid/ring/webhook',
};

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const visible = (page: Page, text: string | RegExp) => expect.poll(() => page.getByText(text).first().isVisible());

it('saves staging, copies it to production, saves, sees Complete, and sends a test event from the Test page whose delivery appears', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  const email = uniqueEmail('linking');
  await signUpInBrowser(page, 'Linking Tester', email);

  const developer = await prisma.developer.findUniqueOrThrow({ where: { email } });
  const app = await insertApp(encodeGlobalID('Developer', developer.id), 'Home Guardian');
  await prisma.credential.create({
    data: { appId: app.id, clientId: `client-${app.id}`, clientSecretHash: 'unused', hmacKeyEncrypted: encryptSecret(randomBytes(32).toString('hex'), app.id) },
  });

  await page.goto(`/apps/${encodeURIComponent(app.globalId)}/linking`);
  await expect.poll(() => page.getByRole('heading', { name: 'Account linking' }).isVisible()).toBe(true);
  expect(await page.getByTestId('linking-status').textContent()).toContain('Pending');
  await visible(page, 'Your endpoint for real-time event notifications').toBe(true);

  // Inline errors as the user types, naming the environment, from the same rules as the API.
  await field(page, 'Webhook URL').fill('http://hooks.acme.invalid/ring/webhook');
  await visible(page, 'Staging webhook URL must use https://.').toBe(true);
  for (const [label, value] of Object.entries(staging)) await field(page, label).fill(value);
  await visible(page, 'Staging webhook URL must use https://.').toBe(false);

  // Leaving with unsaved edits asks first; dismissing stays on the page.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Apps' }).click();
  await page.waitForTimeout(300);
  expect(new URL(page.url()).pathname).toMatch(/\/linking$/);
  expect(await field(page, 'Webhook URL').inputValue()).toBe(staging['Webhook URL']);

  await page.getByRole('button', { name: 'Save staging settings' }).click();
  await visible(page, 'Staging settings saved.').toBe(true);
  await expect.poll(() => page.getByRole('tab', { name: /Staging settings/ }).textContent()).toContain('Complete');
  expect(await page.getByTestId('linking-status').textContent()).toContain('Pending');

  await page.getByRole('tab', { name: /Production settings/ }).click();
  expect(await field(page, 'Webhook URL').inputValue()).toBe('');
  await page.getByRole('button', { name: 'Copy staging values' }).click();
  for (const [label, value] of Object.entries(staging)) expect(await field(page, label).inputValue()).toBe(value);

  // Cancel discards unsaved edits (here: the copied values).
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(await field(page, 'Webhook URL').inputValue()).toBe('');
  await page.getByRole('button', { name: 'Copy staging values' }).click();
  await page.getByRole('button', { name: 'Save production settings' }).click();
  await visible(page, 'Production settings saved.').toBe(true);
  await expect.poll(() => page.getByTestId('linking-status').textContent()).toContain('Complete');
  await expect.poll(() => page.getByRole('tab', { name: /Production settings/ }).textContent()).toContain('Complete');

  // Saved on the server, not just on the page.
  await page.reload();
  await expect.poll(() => page.getByTestId('linking-status').textContent()).toContain('Complete');
  expect(await field(page, 'Webhook URL').inputValue()).toBe(staging['Webhook URL']);
  const rows = await prisma.accountLinking.findMany({ where: { appId: app.id }, orderBy: { environment: 'asc' } });
  expect(rows.map((row) => [row.environment, row.version, row.webhookUrl])).toEqual([
    ['STAGING', 1, staging['Webhook URL']],
    ['PRODUCTION', 1, staging['Webhook URL']],
  ]);

  // Test events are sent from the Test page, which the linking page points to.
  await page.getByRole('link', { name: 'Test page' }).click();
  await page.waitForURL(/\/test$/);
  await expect.poll(() => page.getByRole('heading', { name: 'No test events yet' }).isVisible()).toBe(true);
  await page.getByLabel('Event type').selectOption('BUTTON_PRESS');
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expect.poll(() => page.getByTestId('delivery-row').count(), { timeout: 15_000 }).toBe(1);
  const row = page.getByTestId('delivery-row').first();
  expect(await row.textContent()).toContain('button_press');
  await row.getByRole('button', { name: /Details/ }).click();
  const details = page.getByTestId('delivery-details').first();
  expect(await details.textContent()).toContain(staging['Webhook URL']);
  const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { appId: app.id } });
  // What went wrong, as the API recorded it.
  expect(await details.getByTestId('delivery-error').textContent()).toBe(delivery.error);
  expect(delivery).toMatchObject({ eventType: 'BUTTON_PRESS', environment: 'STAGING', statusCode: null, refused: false, error: expect.any(String) });

  // The delivery is listed after a reload too.
  await page.reload();
  await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(1);

  // The app overview shows Account linking Complete (App information is still Pending).
  await page.goto(`/apps/${encodeURIComponent(app.globalId)}`);
  await expect.poll(() => page.getByTestId('section-account-linking').textContent()).toContain('Complete');
  expect(await page.getByTestId('section-app-information').textContent()).toContain('Pending');
  await context.close();
});

it('refuses an empty save with an error summary on top that links to each field, and focuses the first', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await page.setViewportSize({ width: 390, height: 844 });
  const email = uniqueEmail('linking-summary');
  await signUpInBrowser(page, 'Linking Summary', email);
  const developer = await prisma.developer.findUniqueOrThrow({ where: { email } });
  const app = await insertApp(encodeGlobalID('Developer', developer.id), 'Summary app');
  await page.goto(`/apps/${encodeURIComponent(app.globalId)}/linking`, { waitUntil: 'networkidle' });

  // Nothing is wrong before the user does anything.
  expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
  await field(page, 'Token Exchange URL').fill('https://api.acme.example.com/token');
  await page.getByRole('button', { name: 'Save staging settings' }).click();
  const summary = page.getByTestId('error-summary');
  await expect.poll(() => summary.getByRole('link').count()).toBe(3);
  expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#staging-authorizationUrl');
  expect((await summary.boundingBox())!.y).toBeLessThan((await field(page, 'Authorization URL').boundingBox())!.y);
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('staging-authorizationUrl');
  // A summary link takes focus to its field.
  await summary.getByRole('link', { name: 'Enter the staging webhook URL.' }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('staging-webhookUrl');
  expect(await prisma.accountLinking.count({ where: { appId: app.id } })).toBe(0);
  // Fixing the fields empties the summary.
  for (const [label, value] of Object.entries(staging)) await field(page, label).fill(value);
  await expect.poll(() => summary.count()).toBe(0);

  // Test events (on the Test page, at the same width): the event types and what each means come
  // from the shared list; a failed delivery shows its message in words.
  await prisma.webhookDelivery.create({
    data: {
      appId: app.id,
      environment: 'STAGING',
      eventType: 'BUTTON_PRESS',
      url: staging['Webhook URL'],
      durationMs: 12,
      error: 'The webhook host hooks.acme.invalid could not be found.',
    },
  });
  page.once('dialog', (dialog) => void dialog.accept());
  await page.goto(`/apps/${encodeURIComponent(app.globalId)}/test`);
  await untilLive(page);
  await page.getByLabel('Event type').selectOption('DEVICE_OFFLINE');
  await visible(page, 'A device went offline.').toBe(true);
  await page
    .getByTestId('delivery-row')
    .first()
    .getByRole('button', { name: /Details/ })
    .click();
  await expect.poll(() => page.getByTestId('delivery-error').first().textContent()).toBe('The webhook host hooks.acme.invalid could not be found.');
  // On a phone the deliveries table scrolls inside its own region instead of widening the page's content.
  const region = page.getByRole('region', { name: 'Webhook deliveries' });
  expect((await region.boundingBox())!.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
