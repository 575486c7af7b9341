/**
 * Walks a browser through every page of the console in every state a user meets (signed out,
 * an empty and a filled app list, the credentials shown once, each tab, a dialog and a menu
 * open, support staff, the public pages, an error page) and calls `check` at each: the
 * accessibility and the narrow-screen suites run their checks on the same list.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { prisma } from '@ring/db';
import { uniqueEmail } from './api.ts';
import { markBuildComplete, setPublicName } from './apps.ts';
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
  await markBuildComplete(databaseId);
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
  await prisma.endpointCheckRun.deleteMany({ where: { appId: databaseId } });
  await visit('build, no check runs', `${appPath}/build`);
  await prisma.endpointCheckRun.create({
    data: {
      appId: databaseId,
      environment: 'STAGING',
      passed: false,
      urls: {},
      checks: [
        {
          endpoint: 'AUTHORIZATION_URL',
          check: 'REACHABLE',
          passed: true,
          message: 'Answered HTTP 200 in 41 ms over TLS 1.2 or later with a valid certificate.',
          statusCode: 200,
          durationMs: 41,
        },
        {
          endpoint: 'WEBHOOK_URL',
          check: 'REFUSES_WRONG_SIGNATURE',
          passed: false,
          message: 'An event with a wrong X-Signature was accepted with HTTP 200; Ring expects 4xx: verify the signature before trusting an event.',
          statusCode: 200,
          durationMs: 87,
        },
      ],
    },
  });
  await visit('build, with check results', `${appPath}/build`);
  expect(await page.getByTestId('check-row').count()).toBe(2);
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
