/**
 * Walks a browser through every page of the console in every state a user meets (signed out,
 * an empty and a filled app list, the credentials shown once, each tab, a dialog and a menu
 * open, support staff, the public pages, an error page) and calls `check` at each: the
 * accessibility and the narrow-screen suites run their checks on the same list.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { prisma } from '@ring/db';
import { uniqueEmail } from './api.ts';
import { setPublicName } from './apps.ts';
import { createAppInBrowser, signUpInBrowser } from './browser.ts';

export type StateCheck = (state: string, page: Page) => Promise<void>;

/** Clicks until the element reacts: a click before hydration does nothing. */
async function clickUntil(click: () => Promise<void>, done: () => Promise<boolean>) {
  await expect
    .poll(async () => {
      if (!(await done())) await click();
      return done();
    })
    .toBe(true);
}

/** Two rehearsals as the sandbox leaves them: a failed one on staging, one waiting for the sign-in on production. */
async function insertRehearsals(appId: string): Promise<void> {
  const urls = {
    authorizationUrl: 'https://auth.example.com/ring/authorize',
    appHomepageUrl: 'https://example.com/ring',
    tokenExchangeUrl: 'https://api.example.com/ring/token',
    webhookUrl: 'https://hooks.example.com/ring',
  };
  const at = new Date().toISOString();
  await prisma.linkRehearsal.create({
    data: {
      appId,
      environment: 'STAGING',
      status: 'FAILED',
      accountId: `ava1.ring.account.${randomUUID()}`,
      codeHash: randomUUID(),
      ...urls,
      steps: [
        { at, kind: 'CODE_SENT', ok: true, message: `A code was POSTed to ${urls.tokenExchangeUrl}; exchange it within 60 s.` },
        { at, kind: 'TOKEN_EXCHANGE_ANSWERED', ok: false, message: 'The Token Exchange URL answered HTTP 500; Ring expects 2xx once the code is accepted.' },
      ],
    },
  });
  await prisma.linkRehearsal.create({
    data: {
      appId,
      environment: 'PRODUCTION',
      status: 'ACCOUNT_FETCHED',
      accountId: `ava1.ring.account.${randomUUID()}`,
      codeHash: randomUUID(),
      codeUsedAt: new Date(),
      ...urls,
      linkTime: String(Date.now()),
      accountLinkUrl: `${urls.authorizationUrl}?time=${Date.now()}&nonce=${'a'.repeat(43)}`,
      steps: [
        { at, kind: 'CODE_SENT', ok: true, message: `A code was POSTed to ${urls.tokenExchangeUrl}; exchange it within 60 s.` },
        { at, kind: 'CODE_EXCHANGED', ok: true, message: 'The code was exchanged after 1 s.' },
        {
          at,
          kind: 'ACCOUNT_FETCHED',
          ok: true,
          message: 'The partner fetched the Ring account id (GET /v1/users/me); the Account Link URL is ready to open.',
        },
      ],
    },
  });
}

export async function visitEveryPageState(page: Page, check: StateCheck): Promise<void> {
  const visit = async (state: string, path: string) => {
    await page.goto(path, { waitUntil: 'networkidle' });
    await check(state, page);
  };

  await visit('sign-in', '/sign-in');
  await visit('sign-up', '/sign-up');
  await visit('guidelines (signed out)', '/guidelines');
  await visit('contact (signed out)', '/contact');

  const email = uniqueEmail('pages');
  await signUpInBrowser(page, 'Page Walker', email);
  await page.waitForLoadState('networkidle');
  await check('apps list, empty', page);

  await visit('new app', '/apps/new');
  await page.getByLabel('Internal app name').fill('Home Guardian with a rather long internal name');
  await page.getByLabel(/I agree to/).check();
  await page.getByRole('button', { name: 'Create New App' }).click();
  await expect.poll(() => page.getByTestId('credentials').isVisible()).toBe(true);
  await check('credentials shown once', page);
  await page.getByLabel('I have saved my credentials').check();

  const appId = await createAppInBrowser(page, 'Porch Watch');
  // A public name, as App information would save it, so the list and overview show one.
  const publicName = `Porch Watch Pro ${Math.floor(Math.random() * 1e6)}`;
  const databaseId = await setPublicName(appId, publicName);
  // A finished Build step, so the overview shows a Complete badge too.
  await prisma.app.update({ where: { id: databaseId }, data: { buildCompletedAt: new Date() } });
  const appPath = `/apps/${encodeURIComponent(appId)}`;
  await visit('apps list, with apps', '/apps');
  await visit('app overview', appPath);
  expect(await page.locator('[data-status="COMPLETE"]').count()).toBeGreaterThan(0);

  const menuButton = page.getByRole('button', { name: 'App actions' });
  await clickUntil(
    () => menuButton.click(),
    async () => (await page.getByRole('menu').count()) === 1,
  );
  await check('app actions menu open', page);
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
  await check('rename dialog open', page);
  await page.keyboard.press('Escape');

  await visit('app information', `${appPath}/info`);
  const tabs = page.getByRole('tab');
  const tabCount = await tabs.count();
  expect(tabCount).toBeGreaterThan(1);
  for (let index = 0; index < tabCount; index++) {
    const tab = tabs.nth(index);
    await clickUntil(
      () => tab.click(),
      async () => (await tab.getAttribute('aria-selected')) === 'true',
    );
    await check(`app information, tab ${(await tab.innerText()).trim()}`, page);
  }

  await visit('account linking', `${appPath}/linking`);
  await visit('test, no rehearsals (locked)', `${appPath}/test`);
  await expect.poll(() => page.getByText('No rehearsals yet').isVisible()).toBe(true);
  await insertRehearsals(databaseId);
  await visit('test, with rehearsals (one failed, one awaiting sign-in)', `${appPath}/test`);
  await expect.poll(() => page.getByTestId('account-link').isVisible()).toBe(true);
  await visit('API tokens', '/settings/tokens');
  await page.getByLabel('Token name').fill('Deploy script with a long descriptive name');
  await clickUntil(
    () => page.getByRole('button', { name: 'Create token' }).click(),
    () => page.getByTestId('new-token').isVisible(),
  );
  await check('API token shown once, with the token table', page);
  await visit('error page', '/apps/no-such-app');
  await visit('guidelines', '/guidelines');
  await visit('contact', '/contact');
  await visit('documentation', '/docs');
  await visit('agreement', '/agreement');

  await prisma.developer.update({ where: { email }, data: { role: 'SUPPORT' } });
  // The server learns of the new role through the database's change feed, a moment later.
  const search = page.getByLabel('App name or client ID');
  await expect
    .poll(
      async () => {
        await page.goto('/support', { waitUntil: 'networkidle' });
        return search.isVisible();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await check('support (staff)', page);
  await page.getByLabel('App name or client ID').fill('Porch Watch');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => page.getByTestId('support-row').count()).toBeGreaterThan(0);
  await check('support (staff), search results', page);
}
