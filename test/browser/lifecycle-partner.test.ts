/**
 * Issue 14 end to end, the way a developer meets it: a new app from the console's form (its
 * credentials read off the page), the reference partner (examples/partner) on loopback HTTPS with
 * those credentials and our /sandbox as its Ring, Configure through the pages, the Build checks
 * green, all ten test events, a link rehearsal on each environment that the page follows live,
 * Test completed, and Certify unlocked.
 *
 * A console of this file's own: the suite's shared one refuses loopback linking URLs and does not
 * trust the partner's certificate (ALLOW_LOCAL_ENDPOINTS and EXTRA_CA_FILE, development only).
 * The certificate is made before either starts, as the partner's README does it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_DEMO_USER, type Partner, startPartner } from '../../examples/partner/src/index.ts';
import { uniqueEmail } from '../support/api.ts';
import { launchBrowser, signUpInBrowser, untilLive } from '../support/browser.ts';
import { pngFile } from '../support/media.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { selfSignedCertificate } from '../support/tls.ts';

const { keyFile, certFile } = selfSignedCertificate('ring-lifecycle-partner');
const partnerLog: string[] = [];

let browser: Browser;
let server: RunningServer;
let partner: Partner | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({
      DATABASE_URL: process.env.DATABASE_URL!,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ring-lifecycle-partner-data-')),
      NODE_ENV: 'development',
      ALLOW_LOCAL_ENDPOINTS: '1',
      EXTRA_CA_FILE: certFile,
      SIGN_UP_LIMIT_PER_ADDRESS: '100000',
    }),
    launchBrowser(),
  ]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await partner?.close();
});

const WAIT = { timeout: 20_000 };
const statusOf = (page: Page, testId: string) => page.getByTestId(testId).locator('[data-status]').first().getAttribute('data-status');

async function fillAppInformation(page: Page, appPath: string) {
  await page.goto(`${appPath}/info`, { waitUntil: 'networkidle' });
  await expect.poll(() => page.getByRole('heading', { name: 'App information' }).isVisible(), WAIT).toBe(true);

  await page.getByLabel('Public name').fill(`Partner Cam ${Math.random().toString(36).slice(2, 8)}`);
  await page.getByLabel('Short description').fill('Links your Ring account to Example Partner.');
  await page.getByLabel('Detailed description').fill('Example Partner hears about every ring and motion and keeps a tidy log of them.');
  await page.getByLabel('Latest release').fill('First release.');
  await page.getByRole('combobox', { name: 'App categories' }).fill('pet');
  await page.getByRole('option', { name: 'Pets' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Remove Pets' }).count()).toBe(1);
  await page.locator('#icon-input').setInputFiles(pngFile('icon.png'));
  // Saved with the form only once the page has taken the file.
  await expect.poll(() => page.getByTestId('icon-preview').getAttribute('src'), WAIT).toMatch(/^blob:/);
  await page.getByRole('button', { name: 'Save general information' }).click();
  await expect.poll(() => statusOf(page, 'tab-status-general'), WAIT).toBe('COMPLETE');

  await page.getByRole('tab', { name: /Media assets/ }).click();
  await page.locator('#mainImage-input').setInputFiles(pngFile('main.png'));
  await page.locator('#additionalImages-input').setInputFiles([pngFile('first.png')]);
  await expect.poll(() => page.getByTestId('additional-image').count(), WAIT).toBe(1);
  await expect.poll(() => page.getByTestId('mainImage-preview').getAttribute('src'), WAIT).toMatch(/^blob:/);
  await page.getByRole('button', { name: 'Save media assets' }).click();
  await expect.poll(() => statusOf(page, 'tab-status-media'), WAIT).toBe('COMPLETE');

  await page.getByRole('tab', { name: /Compatibility/ }).click();
  await page.getByLabel('Features').fill('- Visitor log');
  await page.getByLabel('Requirements').fill('A Ring doorbell.');
  await page.getByRole('combobox', { name: 'Customer types' }).click();
  await page.getByRole('option', { name: 'Homeowners' }).click();
  await page.getByRole('combobox', { name: 'Supported devices' }).fill('doorbell 4');
  await page.getByRole('option', { name: 'Video Doorbell 4' }).click();
  await page.getByRole('combobox', { name: 'Camera types' }).click();
  await page.getByRole('option', { name: 'Doorbell', exact: true }).click();
  await page.getByRole('button', { name: 'Save compatibility information' }).click();
  await expect.poll(() => statusOf(page, 'tab-status-compatibility'), WAIT).toBe('COMPLETE');

  await page.getByRole('tab', { name: /Additional/ }).click();
  await page.getByLabel('Developer info').fill('Example Partner Ltd');
  await page.getByLabel('Website').fill('https://partner.example');
  await page.getByLabel('Support').fill('https://partner.example/support');
  await page.getByLabel('Privacy policy').fill('https://partner.example/privacy');
  await page.getByLabel('Terms of Service').fill('https://partner.example/terms');
  await page.getByRole('button', { name: 'Save additional information' }).click();
  await expect.poll(() => statusOf(page, 'tab-status-additional'), WAIT).toBe('COMPLETE');
  await expect.poll(() => statusOf(page, 'info-status'), WAIT).toBe('COMPLETE');
}

async function saveLinkingUrls(page: Page, appPath: string, urls: Partner['urls']) {
  await page.goto(`${appPath}/linking`, { waitUntil: 'networkidle' });
  await expect.poll(() => page.getByRole('heading', { name: 'Account linking' }).isVisible(), WAIT).toBe(true);
  const values = {
    'Authorization URL': urls.authorizationUrl,
    'App Homepage URL': urls.appHomepageUrl,
    'Token Exchange URL': urls.tokenExchangeUrl,
    'Webhook URL': urls.webhookUrl,
  };
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Save staging settings' }).click();
  await expect.poll(() => page.getByText('Staging settings saved.').isVisible(), WAIT).toBe(true);
  await page.getByRole('tab', { name: /Production settings/ }).click();
  await page.getByRole('button', { name: 'Copy staging values' }).click();
  await page.getByRole('button', { name: 'Save production settings' }).click();
  await expect.poll(() => page.getByText('Production settings saved.').isVisible(), WAIT).toBe(true);
  await expect.poll(() => page.getByTestId('linking-status').textContent(), WAIT).toContain('Complete');
}

async function runChecks(page: Page, environment: 'staging' | 'production') {
  await page.getByRole('button', { name: `Run checks on ${environment}` }).click();
  await expect.poll(() => page.getByTestId(`run-summary-${environment}`).textContent(), WAIT).toMatch(/Every check passed/);
  const checks = page.getByTestId(`checks-${environment}`);
  expect(await checks.getByTestId('check-row').count()).toBeGreaterThan(0);
  expect(await checks.locator('[data-testid="check-row"][data-passed="false"]').count()).toBe(0);
}

/** Start on the Test page, open the Account Link URL in a new tab, sign in at the partner; the Test page follows. */
async function rehearse(page: Page, environment: 'staging' | 'production') {
  const card = page.getByTestId(`rehearsal-${environment}`);
  await card.getByRole('button', { name: 'Start rehearsal' }).click();
  // The partner exchanges the code and fetches the account; the link appears on its own.
  const accountLink = card.getByTestId('account-link');
  await expect.poll(() => accountLink.isVisible(), WAIT).toBe(true);
  expect(await card.getByTestId('rehearsal-status').textContent()).toBe('Account fetched');

  const [partnerTab] = await Promise.all([page.context().waitForEvent('page'), accountLink.click()]);
  await partnerTab.waitForLoadState();
  expect(partnerTab.url()).toMatch(new RegExp(`^${partner!.urls.authorizationUrl.replace(/[.?]/g, '\\$&')}\\?time=\\d+&nonce=`));
  await partnerTab.getByLabel('Email').fill(DEFAULT_DEMO_USER.email);
  await partnerTab.getByLabel('Password').fill(DEFAULT_DEMO_USER.password);
  await partnerTab.getByRole('button', { name: 'Sign in and link' }).click();
  // 303 to the App Homepage URL, which lists the now linked Ring account.
  await partnerTab.waitForURL(partner!.urls.appHomepageUrl, WAIT);
  expect(await partnerTab.locator('li code').count()).toBe(environment === 'staging' ? 1 : 2);
  await partnerTab.close();

  await expect.poll(() => card.getByTestId('rehearsal-status').textContent(), WAIT).toBe('Completed');
  expect(await card.getByRole('list', { name: /rehearsal steps/ }).textContent()).toContain('The integration was completed');
  expect(await card.getByTestId('account-link').count()).toBe(0);
}

it('a new app: Configure, the reference partner on loopback, checks green, Build, ten events, rehearsals on both environments live, Test complete, Certify unlocked', async () => {
  // The partner's certificate is self-signed: the console trusts it through EXTRA_CA_FILE, the browser is told to.
  const context = await browser.newContext({ baseURL: server.baseUrl, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await signUpInBrowser(page, 'Partner Developer', uniqueEmail('lifecycle-partner'));

  // Create the app; the credentials are shown once, read off the page as a developer copies them.
  await page.goto('/apps/new', { waitUntil: 'networkidle' });
  await page.getByLabel('Internal app name').fill('Example Partner');
  await page.getByLabel(/I agree to the/).check();
  await page.getByRole('button', { name: 'Create New App' }).click();
  await expect.poll(() => page.getByTestId('credentials').isVisible(), WAIT).toBe(true);
  const credential = async (id: string) => (await page.getByTestId(`credential-${id}`).getByTestId('credential-value').textContent())!.trim();
  const clientId = await credential('client-id');
  const clientSecret = await credential('client-secret');
  const hmacKey = await credential('hmac-key');
  await page.getByLabel('I have saved my credentials').check();
  await page.getByRole('button', { name: 'Continue to App' }).click();
  await page.waitForURL(/\/apps\/(?!new)[^/]+$/);
  const appPath = new URL(page.url()).pathname;

  // The reference partner, with what the page showed; its Ring is our sandbox (plain http here).
  partner = await startPartner({
    clientId,
    clientSecret,
    hmacKey,
    ringApiBaseUrl: `${server.baseUrl}/sandbox`,
    tls: { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') },
    log: (line) => partnerLog.push(line),
  });

  // Configure: App information through its four tabs, the partner's URLs for both environments.
  await fillAppInformation(page, appPath);
  await saveLinkingUrls(page, appPath, partner.urls);
  await page.goto(appPath, { waitUntil: 'networkidle' });
  await expect.poll(() => page.getByTestId('step-CONFIGURE').getAttribute('data-status'), WAIT).toBe('COMPLETE');

  // Build: every check passes against the partner on both environments.
  await page.goto(`${appPath}/build-step`, { waitUntil: 'networkidle' });
  await runChecks(page, 'staging');
  await runChecks(page, 'production');
  const markComplete = page.getByRole('button', { name: 'Mark Build complete' });
  await expect.poll(() => markComplete.isEnabled(), WAIT).toBe(true);
  await markComplete.click();
  await expect.poll(() => page.getByTestId('build-complete').isVisible(), WAIT).toBe(true);
  // The checks' unknown code was refused by our sandbox through the partner, as Ring would.
  expect(partnerLog.join('\n')).toContain('invalid_grant');

  // Test: all ten events to staging and one to production; the partner verified each.
  await page.goto(`${appPath}/test`);
  await untilLive(page);
  // Any reload from here on would drop this marker; a visibility change would make the page read again by itself.
  await page.evaluate(() => {
    const marked = window as unknown as { __stayed: boolean; __visibilityChanges: number };
    marked.__stayed = true;
    marked.__visibilityChanges = 0;
    document.addEventListener('visibilitychange', () => (marked.__visibilityChanges += 1));
  });
  const eventsBefore = partner.events.length;
  await page.getByRole('button', { name: 'Send all ten' }).click();
  await expect.poll(() => page.getByTestId('send-all-progress').locator('li[data-state="done"]').count(), { timeout: 40_000 }).toBe(10);
  await expect.poll(() => page.getByTestId('coverage-staging').locator('li[data-delivered="true"]').count(), WAIT).toBe(10);
  await page.getByRole('region', { name: 'Send test events' }).getByLabel('Environment').selectOption('PRODUCTION');
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expect.poll(() => page.getByTestId('coverage-status').textContent(), WAIT).toContain('Complete');
  await expect.poll(() => partner!.events.length - eventsBefore, WAIT).toBe(11);
  expect(new Set(partner.events.slice(eventsBefore, eventsBefore + 10).map((event) => `${event.type}/${event.subType ?? ''}`)).size).toBe(10);

  // A rehearsal per environment, followed live: no reload, no visibility change.
  await rehearse(page, 'staging');
  await rehearse(page, 'production');
  expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __visibilityChanges: number }).__visibilityChanges)).toBe(0);
  expect(partnerLog.join('\n')).toContain('integration completed');

  // Ring's sentence, then Test complete.
  const acknowledge = page.getByLabel(/I have tested the account-linking workflow/);
  await expect.poll(() => acknowledge.isEnabled(), WAIT).toBe(true);
  await acknowledge.check();
  await page.getByRole('button', { name: 'Mark Test complete' }).click();
  await expect.poll(() => page.getByTestId('complete-test').getByRole('status').textContent(), WAIT).toContain('Test completed');

  // The overview: Test complete, Certify open.
  await page.goto(appPath, { waitUntil: 'networkidle' });
  expect(await page.getByTestId('step-CONFIGURE').getAttribute('data-status')).toBe('COMPLETE');
  expect(await page.getByTestId('step-BUILD').getAttribute('data-status')).toBe('COMPLETE');
  expect(await page.getByTestId('step-TEST').getAttribute('data-status')).toBe('COMPLETE');
  const certify = await page.getByTestId('step-CERTIFY').getAttribute('data-status');
  expect(certify).not.toBe('LOCKED');
  expect(certify).toBe('PENDING');
  await context.close();
}, 180_000);
