/**
 * The beta page a developer's invite link opens (/beta/<token>): a signed-out visitor signs in
 * and comes back, sees the app's name and joins from their state; a second visit says they
 * have joined. A full beta (10 testers) and an expired link say so, and so does a link that is
 * not valid. The beta is written straight into the database (Publish has its own tests).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { prisma } from '@ring/db';
import { newDeveloper, PASSWORD } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { launchBrowser, newPage } from '../support/browser.ts';
import { betaWithToken } from '../support/rollouts.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const betaState = (page: Page) => page.getByTestId('beta-state').getAttribute('data-state');

/** The browser carries the session the API gave `cookie`'s owner at sign-up. */
async function signedIn(context: BrowserContext, cookie: string) {
  const pair = cookie.split(';')[0]!;
  const at = pair.indexOf('=');
  await context.addCookies([{ name: pair.slice(0, at), value: pair.slice(at + 1), url: inject('baseUrl') }]);
}

async function betaOf(label: string, options: Parameters<typeof betaWithToken>[1] = {}) {
  const owner = await newDeveloper(label);
  const app = await insertApp(owner.id, 'Internal beta name');
  return { app, ...(await betaWithToken(app.id, options)) };
}

it('a signed-out visitor signs in, comes back to the invite, sees the app and joins; a second visit says they joined', async () => {
  const { token, rollout } = await betaOf('beta-owner');
  const tester = await newDeveloper('beta-tester');
  const { context, page } = await newPage(browser, inject('baseUrl'));

  await page.goto(`/beta/${token}`, { waitUntil: 'networkidle' });
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByLabel('Email').fill(tester.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`**/beta/${token}`);
  await page.waitForLoadState('networkidle');

  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Test Internal beta name');
  expect(await betaState(page)).toBe('OPEN');
  expect(await page.getByTestId('beta-state').innerText()).toContain('0 of 10 testers have joined');
  await page.getByLabel('The state you live in').selectOption('TX');
  await page.getByRole('button', { name: 'Join the beta' }).click();
  await expect.poll(() => betaState(page)).toBe('JOINED');
  expect(await page.getByTestId('beta-state').innerText()).toMatch(/You joined the beta of Internal beta name v1 from Texas/);
  const testers = await prisma.betaTester.findMany({ where: { rolloutId: rollout.id } });
  expect(testers.map((row) => row.state)).toEqual(['TX']);

  await page.reload({ waitUntil: 'networkidle' });
  expect(await betaState(page)).toBe('ALREADY_JOINED');
  expect(await page.getByTestId('beta-state').innerText()).toMatch(/already joined this beta \(v1, from Texas\)/);
  await context.close();
});

it('a full beta, an expired link and a link that is not valid each say so, and nobody joins', async () => {
  const full = await betaOf('beta-full', { testers: 10 });
  const expired = await betaOf('beta-expired', { expiresAt: new Date(Date.now() - 1000) });
  const tester = await newDeveloper('beta-visitor');
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signedIn(context, tester.cookie);

  await page.goto(`/beta/${full.token}`, { waitUntil: 'networkidle' });
  expect(await betaState(page)).toBe('FULL');
  expect(await page.getByTestId('beta-state').innerText()).toBe('This beta is full: 10 of 10 testers have joined, and no more may.');
  expect(await page.getByRole('button', { name: 'Join the beta' }).count()).toBe(0);

  await page.goto(`/beta/${expired.token}`, { waitUntil: 'networkidle' });
  expect(await betaState(page)).toBe('EXPIRED');
  expect(await page.getByTestId('beta-state').innerText()).toMatch(/^This beta invite link has expired \(.+\)\. Ask the developer for a new one\.$/);

  await page.goto('/beta/rbt_not-a-real-token', { waitUntil: 'networkidle' });
  expect(await betaState(page)).toBe('INVALID');

  expect(await prisma.betaTester.count({ where: { rolloutId: full.rollout.id } })).toBe(10);
  expect(await prisma.betaTester.count({ where: { rolloutId: expired.rollout.id } })).toBe(0);
  await context.close();
});

it('a beta that fills up while the page is open: the join is refused with the reason, and the page shows it full', async () => {
  const { token, rollout } = await betaOf('beta-race', { testers: 9 });
  const tester = await newDeveloper('beta-late');
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signedIn(context, tester.cookie);
  await page.goto(`/beta/${token}`, { waitUntil: 'networkidle' });
  expect(await page.getByTestId('beta-state').innerText()).toContain('9 of 10 testers have joined');
  await prisma.betaTester.create({ data: { rolloutId: rollout.id, state: 'WA' } });
  await page.getByLabel('The state you live in').selectOption('OR');
  await page.getByRole('button', { name: 'Join the beta' }).click();
  await expect.poll(() => page.getByTestId('beta-failure').isVisible()).toBe(true);
  expect(await page.getByTestId('beta-failure').innerText()).toMatch(/This beta is full: at most 10 testers may join/);
  await expect.poll(() => betaState(page)).toBe('FULL');
  expect(await prisma.betaTester.count({ where: { rolloutId: rollout.id } })).toBe(10);
  await context.close();
});
