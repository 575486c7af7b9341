/**
 * The Test page against a real partner receiver on loopback: a server of this file's own with
 * ALLOW_LOCAL_ENDPOINTS=1 (development only) and the receiver's certificate as EXTRA_CA_FILE.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { verify } from '@ring/webhooks';
import { encryptSecret } from '../../packages/api/src/crypto/secret-box.ts';
import { uniqueEmail } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { launchBrowser, newPage, signUpInBrowser, untilLive } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { selfSignedCertificate } from '../support/tls.ts';

const { keyFile, certFile } = selfSignedCertificate('ring-test-page');
const received: Array<{ url: string; body: Buffer; signature: string }> = [];
let receiver: Server;
let receiverPort: number;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  receiver = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url!, body: Buffer.concat(chunks), signature: String(request.headers['x-signature']) });
      response.writeHead(200, { 'content-type': 'text/html' }).end('<b>received</b>');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverPort = (receiver.address() as AddressInfo).port;
  [server, browser] = await Promise.all([
    startServer({ DATABASE_URL: process.env.DATABASE_URL!, NODE_ENV: 'development', ALLOW_LOCAL_ENDPOINTS: '1', EXTRA_CA_FILE: certFile }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

it('sends all ten events to a loopback receiver, fills in the coverage and the log, shows a request as sent, and redelivers one', async () => {
  const { context, page } = await newPage(browser, server.baseUrl);
  const email = uniqueEmail('test-page');
  await signUpInBrowser(page, 'Test Page Tester', email);
  const developer = await prisma.developer.findUniqueOrThrow({ where: { email } });
  const app = await insertApp(encodeGlobalID('Developer', developer.id), 'Porch Watch');
  const hmacKey = randomBytes(32).toString('hex');
  await prisma.credential.create({
    data: { appId: app.id, clientId: `client-${app.id}`, clientSecretHash: 'unused', hmacKeyEncrypted: encryptSecret(hmacKey, app.id) },
  });
  for (const environment of ['STAGING', 'PRODUCTION'] as const) {
    await prisma.accountLinking.create({
      data: {
        appId: app.id,
        environment,
        version: 1,
        savedAt: new Date(Date.now() - 60_000),
        authorizationUrl: 'https://auth.example.com/',
        appHomepageUrl: 'https://app.example.com/',
        tokenExchangeUrl: 'https://api.example.com/token',
        webhookUrl: `https://127.0.0.1:${receiverPort}/${environment.toLowerCase()}`,
      },
    });
  }

  await page.goto(`/apps/${encodeURIComponent(app.globalId)}/test`);
  await untilLive(page);
  await expect.poll(() => page.getByRole('heading', { name: 'No test events yet' }).isVisible()).toBe(true);
  const stagingCoverage = page.getByTestId('coverage-staging').locator('li[data-delivered="true"]');
  expect(await stagingCoverage.count()).toBe(0);

  await page.getByRole('button', { name: 'Send all ten' }).click();
  const progress = page.getByTestId('send-all-progress');
  await expect.poll(() => progress.locator('li[data-state="done"]').count(), { timeout: 30_000 }).toBe(10);
  expect(await progress.textContent()).toContain('Delivered (200)');
  await expect.poll(() => stagingCoverage.count(), { timeout: 10_000 }).toBe(10);
  await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(10);
  expect(received.map((request) => request.url)).toEqual(Array.from({ length: 10 }, () => '/staging'));
  expect(await page.getByTestId('coverage-status').textContent()).toContain('Pending');

  // One to production completes the webhook part.
  await page.getByRole('region', { name: 'Send test events' }).getByLabel('Environment').selectOption('PRODUCTION');
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(11);
  await expect.poll(() => page.getByTestId('coverage-status').textContent()).toContain('Complete');

  // The newest row opens to the request exactly as sent and the answer, shown as text.
  const newest = page.getByTestId('delivery-row').first();
  await newest.getByRole('button', { name: /Details/ }).click();
  const details = page.getByTestId('delivery-details').first();
  const body = (await details.getByTestId('request-body').textContent())!;
  const last = received.at(-1)!;
  expect(body).toBe(last.body.toString('utf8'));
  expect(await details.getByTestId('request-headers').textContent()).toContain(`X-Signature: ${last.signature}`);
  expect(verify(Buffer.from(body, 'utf8'), last.signature, hmacKey)).toBe(true);
  expect(await details.getByTestId('response-excerpt').textContent()).toBe('<b>received</b>');
  expect(await details.locator('b').count()).toBe(0);

  await details.getByRole('button', { name: 'Redeliver' }).click();
  // The notice stays with the original, now second: the redelivery is the newest row.
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sent again' }).textContent()).toMatch(/Sent again: Delivered \(200\)/);
  await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(12);
  expect(await page.getByTestId('delivery-row').first().textContent()).toContain('Redelivery');
  expect(received.at(-1)!.body.equals(last.body)).toBe(true);
  expect(await prisma.webhookDelivery.count({ where: { appId: app.id, redeliveryOfId: { not: null } } })).toBe(1);

  // The filters narrow the log (kept in the address).
  await page.getByRole('form', { name: 'Filter deliveries' }).getByLabel('Environment').selectOption('PRODUCTION');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/environment=PRODUCTION/);
  await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(2);

  // While Test is locked (Configure and Build are not complete) the overview does not link it.
  await page.goto(`/apps/${encodeURIComponent(app.globalId)}`, { waitUntil: 'networkidle' });
  await expect.poll(() => page.getByTestId('step-TEST').getAttribute('data-status')).toBe('LOCKED');
  expect(await page.getByTestId('open-test').count()).toBe(0);
  await context.close();
});
