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
import { encodeGlobalID } from '@pothos/plugin-relay';
import { insertApp } from './apps.ts';
import { completeBuildAndTest, completeConfigure } from './certification.ts';

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

  await visit('certify, locked', `${appPath}/certify`);
  await visitCertification(page, email, visit, check);

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

/**
 * Certify's states: the submit form of a ready app, a submission under review with the
 * withdraw dialog open, then (as a reviewer) the review queue and a claimed submission with
 * the findings form.
 */
async function visitCertification(page: Page, email: string, visit: (state: string, path: string) => Promise<void>, check: StateCheck) {
  const developer = await prisma.developer.findUniqueOrThrow({ where: { email } });
  const app = await insertApp(encodeGlobalID('Developer', developer.id), 'Ready for review');
  await completeConfigure(app.id);
  await completeBuildAndTest(app.globalId);
  const certifyPath = `/apps/${encodeURIComponent(app.globalId)}/certify`;
  await visit('certify, ready to submit', certifyPath);
  await page.getByLabel('Release notes').fill('A first version for the page walk, with notes.');
  await page.getByLabel(/I have tested the account-linking workflow/).check();
  await clickUntil(
    () => page.getByRole('button', { name: 'Start review process' }).click(),
    async () => (await page.getByTestId('submission').count()) === 1,
  );
  await page.waitForLoadState('networkidle');
  await check('certify, under review', page);
  await clickUntil(
    () => page.getByRole('button', { name: 'Withdraw' }).click(),
    () => page.getByRole('dialog').isVisible(),
  );
  await check('certify, withdraw dialog open', page);
  await page.keyboard.press('Escape');

  await prisma.developer.update({ where: { email }, data: { role: 'REVIEWER' } });
  // The server learns of the new role through the database's change feed, a moment later.
  await expect
    .poll(
      async () => {
        await page.goto('/review', { waitUntil: 'networkidle' });
        return page.getByRole('heading', { name: 'Review queue' }).isVisible();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await check('review queue (reviewer)', page);
  const submission = await prisma.certificationSubmission.findFirstOrThrow({ where: { appId: app.id } });
  await visit('review, not claimed', `/review/${encodeURIComponent(encodeGlobalID('CertificationSubmission', submission.id))}`);
  await clickUntil(
    () => page.getByRole('button', { name: 'Claim this review' }).click(),
    () => page.getByRole('button', { name: 'Request changes' }).isVisible(),
  );
  await check('review, claimed, with the findings form', page);
}
