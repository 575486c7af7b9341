/**
 * Publish in the console: a gradual rollout at 10 % raised, paused, resumed and completed;
 * Publish complete and the app live (rename refused); then a second version's rollout rolled
 * back. Certification is written straight into the database (Certify has its own tests). This
 * branch has no Activity page, so the trail is read from the audit events App.activity lists.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { uniqueEmail } from '../support/api.ts';
import { createAppInBrowser, launchBrowser, newPage, signUpInBrowser } from '../support/browser.ts';
import { completeBuildAndTest, completeConfigure } from '../support/certification.ts';
import { versionWith } from '../support/rollouts.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

async function click(page: Page, name: string, exact = false) {
  await page.getByRole('button', { name, exact }).click();
}

it('rolls out gradually (10 %, raise, pause, resume, complete), goes live, then rolls a second version back', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signUpInBrowser(page, 'Publisher', uniqueEmail('publish'));
  const appGlobalId = await createAppInBrowser(page, 'Doorbell Digest');
  const appId = decodeGlobalID(appGlobalId).id;
  await completeConfigure(appId);
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
  await click(page, 'Roll back…');
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
  expect(await text(page, 'rollback-consequence')).toBe('v1 serves every user again. Users who already have v2 get v1 back; nobody new gets v2.');
  await page.getByLabel('Reason (shown in the history)').fill('Crashes on older doorbells.');
  await click(page, 'Roll back', true);
  await expect.poll(() => page.getByTestId('version-v2').getByTestId('version-label').innerText()).toBe('Rolled back');
  expect(await page.getByTestId('version-v1').getByTestId('version-label').innerText()).toBe('Live to 100 %');

  const trail = await prisma.auditEvent.findMany({ where: { appId, action: { startsWith: 'rollout.' } }, orderBy: { createdAt: 'asc' } });
  expect(trail.map((event) => [event.action, (event.detail as { versionNumber: number }).versionNumber])).toEqual([
    ['rollout.started', 1],
    ['rollout.raised', 1],
    ['rollout.paused', 1],
    ['rollout.resumed', 1],
    ['rollout.raised', 1],
    ['rollout.completed', 1],
    ['rollout.started', 2],
    ['rollout.rolled-back', 2],
  ]);
  await context.close();
});
