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

  // A certified v1 rolling out at 25 %, straight in the database (Certify has its own walk), so
  // the Publish page shows the current rollout, its controls and the version history. (Written before the page's first visit: the server caches responses.)
  const walkerId = (await prisma.developer.findUniqueOrThrow({ where: { email } })).id;
  const v1 = await prisma.appVersion.create({
    data: {
      appId: databaseId,
      number: 1,
      releaseNotes: 'First release.',
      snapshot: {},
      submission: { create: { appId: databaseId, status: 'CERTIFIED', decidedAt: new Date(), submittedById: walkerId } },
    },
  });
  const rollout = await prisma.rollout.create({
    data: { appId: databaseId, versionId: v1.id, strategy: 'GRADUAL', status: 'IN_PROGRESS', percent: 25, nationwide: false, states: ['CA', 'TX'], startedById: walkerId },
  });
  await prisma.rolloutEvent.create({ data: { rolloutId: rollout.id, kind: 'STARTED', percent: 25 } });
  await visit('publish, rollout in progress', `${appPath}/publish`);
  const rollbackButton = page.getByRole('button', { name: 'Roll back…' });
  await clickUntil(
    () => rollbackButton.click(),
    () => page.getByRole('dialog').isVisible(),
  );
  await check('publish, roll back dialog open', page);
  await page.keyboard.press('Escape');
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
