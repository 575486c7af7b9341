import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signUpInBrowser } from '../support/browser.ts';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { uniqueEmail } from '../support/api.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const signUp = (page: Page) => signUpInBrowser(page, 'App Maker', uniqueEmail('apps'));

it('creates an app, shows its credentials once, and renames and deletes it from the overview', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signUp(page);

  await page.getByRole('link', { name: 'Create New App' }).first().click();
  await page.waitForURL('**/apps/new');
  const create = page.getByRole('button', { name: 'Create New App' });
  await expect.poll(() => page.getByRole('heading', { name: 'Live Video & Media' }).isVisible()).toBe(true);
  expect(await page.getByText('Custom API scopes are not yet available.').isVisible()).toBe(true);
  expect(await create.isDisabled()).toBe(true);
  await page.getByLabel('Internal app name').fill('Home Guardian');
  expect(await create.isDisabled()).toBe(true); // the box is not checked yet
  await page.getByLabel(/I agree to the Ring Appstore Schedule to the Amazon Developer Services Agreement/).check();
  expect(await create.isEnabled()).toBe(true);
  await page.getByLabel('Internal app name').fill('');
  expect(await create.isDisabled()).toBe(true); // and no name again
  await page.getByLabel('Internal app name').fill('Home Guardian');
  await create.click();

  await expect.poll(() => page.getByTestId('credentials').isVisible()).toBe(true);
  const value = (id: string) => page.getByTestId(`credential-${id}`).getByTestId('credential-value').textContent();
  const clientId = (await value('client-id'))!;
  const clientSecret = (await value('client-secret'))!;
  const hmacKey = (await value('hmac-key'))!;
  expect(clientId).toMatch(/^ring_cid_/);
  expect(clientSecret).toMatch(/^ring_csec_/);
  expect(hmacKey).toMatch(/^ring_hmac_/);
  // Nothing secret in the address bar.
  expect(page.url()).not.toContain(clientSecret);

  await page.getByRole('button', { name: 'Copy Client Secret' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientSecret);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('home-guardian-credentials.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toBe(`"App name","Client ID","Client Secret","HMAC Signature Key"\r\n"Home Guardian","${clientId}","${clientSecret}","${hmacKey}"\r\n`);

  const openList = page.getByRole('button', { name: 'Open App list' });
  const continueToApp = page.getByRole('button', { name: 'Continue to App' });
  expect(await openList.isDisabled()).toBe(true);
  expect(await continueToApp.isDisabled()).toBe(true);
  await page.getByLabel('I have saved my credentials').check();
  expect(await openList.isEnabled()).toBe(true);
  await continueToApp.click();
  await page.waitForURL(/\/apps\/(?!new)[^/]+$/);

  await expect.poll(() => page.getByTestId('app-name').textContent()).toBe('Home Guardian');
  const statuses = await page
    .locator('[data-testid^="step-"]')
    .evaluateAll((steps) => steps.map((step) => [step.getAttribute('data-testid'), step.getAttribute('data-status')]));
  expect(statuses).toEqual([
    ['step-CONFIGURE', 'PENDING'],
    ['step-BUILD', 'PENDING'],
    ['step-TEST', 'LOCKED'],
    ['step-CERTIFY', 'LOCKED'],
    ['step-PUBLISH', 'LOCKED'],
  ]);
  // Visibly locked: the badge says so, not only an attribute.
  for (const step of ['TEST', 'CERTIFY', 'PUBLISH'])
    expect(await page.getByTestId(`step-${step}`).locator('[data-status="LOCKED"]').innerText()).toContain('Locked');
  expect(await page.getByTestId('step-BUILD').locator('[data-status]').innerText()).toContain('Pending');
  expect(await page.getByTestId('section-app-information').textContent()).toContain('Pending');
  expect(await page.getByTestId('section-account-linking').textContent()).toContain('Pending');
  const appPath = new URL(page.url()).pathname;
  expect(await page.getByRole('link', { name: 'App information' }).getAttribute('href')).toBe(`${appPath}/info`);
  expect(await page.getByRole('link', { name: 'Account linking' }).getAttribute('href')).toBe(`${appPath}/linking`);

  // The three-dot menu works from the keyboard: Enter opens it, Escape closes it.
  const menuButton = page.getByRole('button', { name: 'App actions' });
  expect(await menuButton.getAttribute('aria-haspopup')).toBe('menu');
  await menuButton.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('menuitem', { name: 'Rename' }).isVisible()).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('menu').count()).toBe(0);
  expect(await menuButton.getAttribute('aria-expanded')).toBe('false');

  await menuButton.click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Internal app name').fill('   ');
  await expect.poll(() => dialog.getByText('Enter an internal app name.').isVisible()).toBe(true);
  expect(await dialog.getByRole('button', { name: 'Save name' }).isDisabled()).toBe(true);
  await dialog.getByLabel('Internal app name').fill('Porch Watch');
  await dialog.getByRole('button', { name: 'Save name' }).click();
  await expect.poll(() => page.getByTestId('app-name').textContent()).toBe('Porch Watch');
  // Focus returns to the menu button (the menu item that opened the dialog is gone), not to the page's top.
  const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
  await expect.poll(focusedLabel).toBe('App actions');

  await page.reload();
  await expect.poll(() => page.getByTestId('app-name').textContent()).toBe('Porch Watch');
  const html = await page.content();
  for (const secret of [clientSecret, hmacKey, clientId]) expect(html).not.toContain(secret);
  expect(await page.getByText(`Client ID ending in ${clientId.slice(-4)}`).isVisible()).toBe(true);

  // From the keyboard: the delete dialog is named after itself (not the rename dialog), and Escape hands focus back.
  await page.getByRole('button', { name: 'App actions' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('dialog', { name: 'Delete “Porch Watch”?' }).isVisible()).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await expect.poll(focusedLabel).toBe('App actions');

  await page.getByRole('button', { name: 'App actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const deleteButton = page.getByRole('dialog', { name: 'Delete “Porch Watch”?' }).getByRole('button', { name: 'Delete app' });
  await page.getByRole('dialog').getByLabel('Type the app’s name to confirm').fill('Porch');
  expect(await deleteButton.isDisabled()).toBe(true);
  await page.getByRole('dialog').getByLabel('Type the app’s name to confirm').fill('Porch Watch');
  await deleteButton.click();
  await page.waitForURL('**/apps');
  await expect.poll(() => page.getByRole('heading', { name: 'You have no apps yet' }).isVisible()).toBe(true);
  await page.goto(appPath);
  expect(await page.getByText('No app with this id among your apps.').isVisible()).toBe(true);
  await context.close();
});

it('Cancel goes back; warns before leaving the credentials screen unconfirmed, and lists the app with its step', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signUp(page);
  await page.getByRole('link', { name: 'Create New App' }).first().click();
  await page.waitForURL('**/apps/new');
  await page.getByRole('link', { name: 'Cancel' }).click();
  await page.waitForURL('**/apps');
  await page.goto('/apps/new');
  await page.getByLabel('Internal app name').fill('Side Gate');
  await page.getByLabel(/I agree to/).check();
  await page.getByRole('button', { name: 'Create New App' }).click();
  await expect.poll(() => page.getByTestId('credentials').isVisible()).toBe(true);

  const messages: string[] = [];
  page.on('dialog', (dialog) => {
    messages.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect.poll(() => messages.length).toBe(1);
  expect(messages[0]).toMatch(/shown only once/);
  expect(new URL(page.url()).pathname).toBe('/apps/new'); // dismissed: still here
  expect(await page.getByTestId('credentials').isVisible()).toBe(true);

  await page.getByLabel('I have saved my credentials').check();
  await page.getByRole('button', { name: 'Open App list' }).click();
  await page.waitForURL('**/apps');
  expect(messages.length).toBe(1); // confirmed: no more warning
  const row = page.getByTestId('app-row');
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.textContent()).toContain('Side Gate');
  expect(await row.getByTestId('app-step').textContent()).toBe('Configure');
  await context.close();
});

it('a published app’s menu explains why its items are disabled and still closes with Escape', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signUp(page);
  const appId = await page.evaluate(async () => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: CreateAppInput!) { createApp(input: $input) { ... on CreateAppSuccess { app { id } } } }',
        variables: { input: { name: 'Shipped', acceptCompliance: true } },
      }),
    });
    return ((await response.json()) as { data: { createApp: { app: { id: string } } } }).data.createApp.app.id;
  });
  await prisma.app.update({ where: { id: decodeGlobalID(appId).id }, data: { publishedAt: new Date() } });
  await page.goto(`/apps/${encodeURIComponent(appId)}`);

  const menuButton = page.getByRole('button', { name: 'App actions' });
  // Clicked until it opens: a click before hydration does nothing.
  await expect
    .poll(async () => {
      if ((await page.getByRole('menu').count()) === 0) await menuButton.click();
      return page.getByRole('menu').count();
    })
    .toBe(1);
  expect(await page.getByText('A published app can no longer be renamed or deleted.').isVisible()).toBe(true);
  expect(await page.getByRole('menuitem', { name: 'Rename' }).isDisabled()).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('menu').count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('App actions');
  await context.close();
});
