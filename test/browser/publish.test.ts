/**
 * Publish in the console: a gradual rollout at 10 % raised, paused, resumed and completed;
 * Publish complete and the app live (rename refused); then a second version's rollout rolled
 * back; all of it read back on the Activity page, filtered by kind. Certification is written
 * straight into the database (Certify has its own tests).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { uniqueEmail } from '../support/api.ts';
import { createAppInBrowser, launchBrowser, newPage, signUpInBrowser } from '../support/browser.ts';
import { completeBuildAndTest, completeConfigure } from '../support/certification.ts';
import { versionWith } from '../support/rollouts.ts';
import { decodeGlobalID } from '@pothos/plugin-relay';

const appIdOf = (globalId: string) => decodeGlobalID(globalId).id;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

/** The app's "Current step" cell on the apps list (the step, and the live version with its percentage). */
async function appsListStep(page: Page) {
  await page.goto('/apps', { waitUntil: 'networkidle' });
  const cell = page.getByTestId('app-row').filter({ hasText: 'Doorbell Digest' }).getByTestId('app-step');
  return (await cell.innerText()).replace(/\s+/g, ' ').trim();
}

async function click(page: Page, name: string, exact = false) {
  await page.getByRole('button', { name, exact }).click();
}

it('rolls out gradually (10 %, raise, pause, resume, complete), goes live, then rolls a second version back', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signUpInBrowser(page, 'Publisher', uniqueEmail('publish'));
  const appGlobalId = await createAppInBrowser(page, 'Doorbell Digest');
  await completeConfigure(appIdOf(appGlobalId));
  await completeBuildAndTest(appGlobalId);
  await versionWith(appGlobalId);
  const publishPath = `/apps/${encodeURIComponent(appGlobalId)}/publish`;

  await page.goto(publishPath, { waitUntil: 'networkidle' });
  expect(await page.getByLabel('Version', { exact: true }).locator('option').first().innerText()).toMatch(/^v1 \(Certified \d\d\/\d\d\/\d{4}\)$/);
  await page.getByLabel('Starting percentage of users').fill('10');
  await click(page, 'Review the rollout');
  expect(await text(page, 'schedule')).toContain('Day 0: 10 %');
  expect(await text(page, 'plan-confirm')).toMatch(/Start rolling out v1 to 10 % of users in the United States/);
  await click(page, 'Confirm and start');
  await expect.poll(() => text(page, 'rollout-status')).toBe('In progress');
  expect(await text(page, 'rollout-percent')).toBe('10 % of users');

  await page.getByLabel('New percentage').fill('50');
  await click(page, 'Raise');
  await expect.poll(() => text(page, 'rollout-percent')).toBe('50 % of users');
  await click(page, 'Pause');
  await expect.poll(() => text(page, 'rollout-status')).toBe('Paused');
  await click(page, 'Resume');
  await expect.poll(() => text(page, 'rollout-status')).toBe('In progress');
  await page.getByLabel('New percentage').fill('100');
  await click(page, 'Raise');
  await expect.poll(() => page.getByTestId('current-rollout').count()).toBe(0);
  expect(await text(page, 'live-version')).toMatch(/Live: v1 to 100 %/);
  expect(await page.getByTestId('publish-status').locator('[data-status]').getAttribute('data-status')).toBe('COMPLETE');
  expect(await page.getByTestId('version-v1').getByTestId('version-label').innerText()).toBe('Live to 100 %');

  // Live: the overview says so and rename is refused (the menu's Rename is disabled; the API answers AppPublishedError).
  await page.goto(`/apps/${encodeURIComponent(appGlobalId)}`, { waitUntil: 'networkidle' });
  expect(await text(page, 'app-live')).toMatch(/Live in the Ring Appstore since/);
  const renamed = await page.evaluate(async (id) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: RenameAppInput!) { renameApp(input: $input) { __typename } }',
        variables: { input: { appId: id, name: 'Renamed' } },
      }),
    });
    return ((await response.json()) as { data: { renameApp: { __typename: string } } }).data.renameApp.__typename;
  }, appGlobalId);
  expect(renamed).toBe('AppPublishedError');
  expect(await appsListStep(page)).toBe('Publish · Live: v1 at 100 %');

  // A second certified version, rolled out and rolled back.
  await versionWith(appGlobalId);
  await page.goto(publishPath, { waitUntil: 'networkidle' });
  expect(await page.getByLabel('Version', { exact: true }).inputValue()).toBe(
    await page.getByLabel('Version', { exact: true }).locator('option', { hasText: 'v2' }).getAttribute('value'),
  );
  await page.getByLabel('Starting percentage of users').fill('5');
  await click(page, 'Review the rollout');
  await click(page, 'Confirm and start');
  await expect.poll(() => text(page, 'rollout-status')).toBe('In progress');
  // The apps list shows the newest version reaching users and its percentage.
  expect(await appsListStep(page)).toBe('Publish · Live: v2 at 5 %');
  await page.goto(publishPath, { waitUntil: 'networkidle' });
  await click(page, 'Roll back…');
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
  expect(await text(page, 'rollback-consequence')).toBe('v1 serves every user again. Users who already have v2 get v1 back; nobody new gets v2.');
  await page.getByLabel('Reason (shown in the history)').fill('Crashes on older doorbells.');
  await click(page, 'Roll back', true);
  await expect.poll(() => page.getByTestId('version-v2').getByTestId('version-label').innerText()).toBe('Rolled back');
  expect(await page.getByTestId('version-v1').getByTestId('version-label').innerText()).toBe('Live to 100 %');
  expect(await appsListStep(page)).toBe('Publish · Live: v1 at 100 %');

  // The Activity page tells the whole story, newest first; the Publish filter keeps only rollouts.
  const activityPath = `/apps/${encodeURIComponent(appGlobalId)}/activity`;
  const summaries = () => page.getByTestId('activity-list').locator('li .summary').allInnerTexts();
  await page.goto(activityPath, { waitUntil: 'networkidle' });
  expect(await summaries()).toContainEqual(expect.stringMatching(/^App\s+Created the app “Doorbell Digest”\.$/));
  await page.getByLabel('Show').selectOption('PUBLISH');
  await page.waitForURL(/\?kind=PUBLISH$/);
  await expect.poll(async () => (await summaries()).every((line) => line.startsWith('Publish'))).toBe(true);
  const publishLines = (await summaries()).map((line) => line.replace(/^Publish\s+/, ''));
  // Raising to 100 % and completing are one transaction: the same moment, in either order.
  const sameMoment = (lines: string[]) => [...lines.slice(0, 2), ...lines.slice(2, 4).sort(), ...lines.slice(4)];
  expect(sameMoment(publishLines)).toEqual(
    sameMoment([
      'Rolled back v2; v1 serves again (Crashes on older doorbells.). (v2)',
      'Started the rollout of v2 (gradual, 5 %). (v2)',
      'v1 is live to 100 % of its distribution. (v1)',
      'Raised the rollout of v1 to 100 %. (v1)',
      'Resumed the rollout of v1. (v1)',
      'Paused the rollout of v1. (v1)',
      'Raised the rollout of v1 to 50 %. (v1)',
      'Started the rollout of v1 (gradual, 10 %). (v1)',
    ]),
  );
  await page.getByLabel('Show').selectOption('CERTIFY');
  await page.waitForURL(/\?kind=CERTIFY$/);
  await expect.poll(() => page.getByText('No certify activity yet').isVisible()).toBe(true);
  await context.close();
});
