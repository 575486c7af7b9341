/**
 * The Build step end to end: a partner backend on loopback HTTPS that does what Ring expects,
 * a console started with ALLOW_LOCAL_ENDPOINTS and the partner's certificate (EXTRA_CA_FILE),
 * the checks run from the Build page, Build marked complete, and the overview agreeing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { verify } from '@ring/webhooks';
import { encryptSecret } from '../../packages/api/src/crypto/secret-box.ts';
import { uniqueEmail } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { launchBrowser, newPage, signUpInBrowser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { selfSignedCertificate } from '../support/tls.ts';

const { keyFile, certFile } = selfSignedCertificate('ring-build-browser');
const hmacKey = `ring_hmac_${randomBytes(24).toString('base64url')}`;

let browser: Browser;
let partner: Server;
let server: RunningServer;

beforeAll(async () => {
  // The partner: browser pages answer 200, an unknown code 400, a webhook 200 only when signed with the app's key.
  partner = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/token') return void response.writeHead(400).end('{"error":"invalid_grant"}');
      if (request.url === '/hook') {
        const valid = verify(Buffer.concat(chunks), String(request.headers['x-signature'] ?? ''), hmacKey);
        return void response.writeHead(valid ? 200 : 401).end();
      }
      response.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Partner</h1>');
    });
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer({
      DATABASE_URL: process.env.DATABASE_URL!,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ring-build-browser-data-')),
      NODE_ENV: 'development',
      ALLOW_LOCAL_ENDPOINTS: '1',
      EXTRA_CA_FILE: certFile,
    }),
  ]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => partner?.close(resolve));
});

it('runs the checks against a loopback partner, sees every check pass, marks Build complete, and the overview shows Build complete', async () => {
  const { context, page } = await newPage(browser, server.baseUrl);
  const email = uniqueEmail('build');
  await signUpInBrowser(page, 'Build Tester', email);
  const developer = await prisma.developer.findUniqueOrThrow({ where: { email } });
  const app = await insertApp(encodeGlobalID('Developer', developer.id), 'Porch Partner');
  await prisma.credential.create({
    data: { appId: app.id, clientId: `client-${app.id}`, clientSecretHash: 'unused', hmacKeyEncrypted: encryptSecret(hmacKey, app.id) },
  });
  const origin = `https://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  await prisma.accountLinking.create({
    data: {
      appId: app.id,
      environment: 'STAGING',
      version: 1,
      savedAt: new Date(),
      authorizationUrl: `${origin}/link`,
      appHomepageUrl: `${origin}/home`,
      tokenExchangeUrl: `${origin}/token`,
      webhookUrl: `${origin}/hook`,
    },
  });
  const appPath = `/apps/${encodeURIComponent(app.globalId)}`;

  // The overview's Build step leads to the Build page.
  await page.goto(appPath, { waitUntil: 'networkidle' });
  await page.getByRole('link', { name: 'Endpoint checks, code samples and the sandbox API' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Build', exact: true }).isVisible()).toBe(true);
  expect(await page.getByTestId('sandbox-base-url').textContent()).toBe(`${server.baseUrl}/sandbox`);
  expect(await page.getByTestId('no-run-staging').isVisible()).toBe(true);
  const markComplete = page.getByRole('button', { name: 'Mark Build complete' });
  expect(await markComplete.isDisabled()).toBe(true);
  expect(await page.getByTestId('build-blocker').textContent()).toMatch(/Run the endpoint checks on staging first/);
  // Production has no URLs yet: its button says why it is disabled.
  expect(await page.getByRole('button', { name: 'Run checks on production' }).isDisabled()).toBe(true);

  await page.getByRole('button', { name: 'Run checks on staging' }).click();
  await expect.poll(() => page.getByTestId('run-summary-staging').textContent(), { timeout: 15_000 }).toMatch(/Every check passed/);
  const rows = page.getByTestId('checks-staging').getByTestId('check-row');
  expect(await rows.count()).toBe(9);
  expect(await page.getByTestId('checks-staging').locator('[data-testid="check-row"][data-passed="false"]').count()).toBe(0);

  await expect.poll(() => markComplete.isEnabled()).toBe(true);
  await markComplete.click();
  await expect.poll(() => page.getByTestId('build-complete').isVisible()).toBe(true);
  expect(await page.getByTestId('build-status').textContent()).toContain('Complete');

  await page.goto(appPath, { waitUntil: 'networkidle' });
  expect(await page.getByTestId('step-BUILD').getAttribute('data-status')).toBe('COMPLETE');

  // The staging webhook URL changes on 12 Dec: Build goes back to In progress, saying why, on both pages.
  await prisma.accountLinking.update({
    where: { appId_environment: { appId: app.id, environment: 'STAGING' } },
    data: { webhookUrl: `${origin}/hook/v2`, savedAt: new Date('2026-12-12T09:00:00Z') },
  });
  await expect
    .poll(async () => {
      await page.goto(appPath, { waitUntil: 'networkidle' });
      return page.getByTestId('step-BUILD').getAttribute('data-status');
    })
    .toBe('IN_PROGRESS');
  expect(await page.getByTestId('step-note-BUILD').textContent()).toBe('Staging webhook URL changed on 12 Dec');
  await page.goto(`${appPath}/build-step`, { waitUntil: 'networkidle' });
  expect(await page.getByTestId('build-note').textContent()).toContain('Staging webhook URL changed on 12 Dec');
  expect(await page.getByTestId('build-blocker').textContent()).toContain('The staging webhook URL changed after the last run');
  await context.close();
});
