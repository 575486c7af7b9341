/**
 * The App Information tabs as forms: drafts save, server errors land on their fields, files are
 * judged in the browser by the API's rules, the categories dropdown works from the keyboard.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { prisma } from '@ring/db';
import { PUBLIC_NAME_KEY_RULE, publicNameKey } from '@ring/domain';
import { launchBrowser, newPage } from '../support/browser.ts';
import { newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { fixture, png, pngFile } from '../support/media.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const uniqueName = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;

async function openInfo(
  label: string,
  viewport?: { width: number; height: number },
): Promise<{ page: Page; app: Awaited<ReturnType<typeof insertApp>>; close: () => Promise<void>; pageErrors: string[] }> {
  const baseUrl = inject('baseUrl');
  const developer = await newDeveloper(label);
  const app = await insertApp(developer.id, 'Forms app');
  const { context, page } = await newPage(browser, baseUrl);
  if (viewport) await page.setViewportSize(viewport);
  const [name, value] = developer.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`/apps/${encodeURIComponent(app.globalId)}/info`, { waitUntil: 'networkidle' });
  return { page, app, pageErrors, close: () => context.close() };
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? null);

it('saves the General tab as a draft with only a public name, and shows what is missing as a hint, not as an error', async () => {
  const { page, app, close, pageErrors } = await openInfo('forms-draft');
  const name = uniqueName('Draft Cam');
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && request.method() === 'POST') requests.push(request.postData() ?? '');
  });
  await page.getByLabel('Public name').fill(name);
  await page.getByRole('button', { name: 'Save general information' }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).isVisible(), { timeout: 15_000 }).toBe(true);
  expect(requests.some((body) => body.includes('saveGeneralInfo'))).toBe(true);
  const row = await prisma.generalInfo.findUniqueOrThrow({ where: { appId: app.id } });
  expect(row.publicName).toBe(name);
  // Required-for-complete fields are neutral hints, not errors.
  await expect.poll(() => page.getByTestId('categories-missing').textContent()).toMatch(/missing/i);
  expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
  expect(await page.getByText('Fix the fields marked below').count()).toBe(0);
  expect(await page.getByTestId('tab-status-general').textContent()).toContain('Pending');
  expect(pageErrors).toEqual([]);
  await close();
});

it('shows a taken public name on the Public name field, focused, with an error summary at the top that links to it', async () => {
  const taken = uniqueName('Taken Cam');
  const other = await newDeveloper('forms-taken-owner');
  const otherApp = await insertApp(other.id, 'Owner app');
  await prisma.generalInfo.create({
    data: {
      appId: otherApp.id,
      version: 1,
      savedAt: new Date(),
      publicName: taken,
      publicNameKey: publicNameKey(taken),
      publicNameKeyRule: PUBLIC_NAME_KEY_RULE,
    },
  });

  const { page, close } = await openInfo('forms-taken');
  await page.getByLabel('Public name').fill(taken.toUpperCase());
  await page.getByLabel('Short description').fill('A short one.');
  await page.getByRole('button', { name: 'Save general information' }).click();
  const field = page.getByLabel('Public name');
  await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const fieldError = page.locator(`#${describedBy.split(' ').find((id) => id.endsWith('-error'))}`);
  expect(await fieldError.textContent()).toMatch(/already uses this public name/);
  await expect.poll(() => focusedId(page)).toBe('publicName');
  // The summary sits above the first field and links to it.
  const summary = page.getByTestId('error-summary');
  const link = summary.getByRole('link', { name: /already uses this public name/ });
  expect(await link.getAttribute('href')).toBe('#publicName');
  const summaryBox = (await summary.boundingBox())!;
  const fieldBox = (await field.boundingBox())!;
  expect(summaryBox.y).toBeLessThan(fieldBox.y);
  await close();
});

it('shows the API’s verdict on an icon on the icon field, focused, until another icon is chosen', async () => {
  const { page, close } = await openInfo('forms-icon-server');
  // Header and type are fine (the browser accepts it); only the API, reading every byte, sees the missing end chunk.
  const whole = Buffer.from(png(1024, 1024));
  await page.locator('#icon-input').setInputFiles({ name: 'cut.png', mimeType: 'image/png', buffer: whole.subarray(0, whole.length - 12) });
  await page.getByLabel('Public name').fill(uniqueName('Cut Icon'));
  await page.getByRole('button', { name: 'Save general information' }).click();
  await expect.poll(() => page.locator('#icon-error').textContent(), { timeout: 15_000 }).toMatch(/incomplete/);
  await expect.poll(() => focusedId(page)).toBe('icon');
  expect(
    await page
      .getByTestId('error-summary')
      .getByRole('link', { name: /incomplete/ })
      .getAttribute('href'),
  ).toBe('#icon');
  await page.locator('#icon-input').setInputFiles(pngFile('good.png'));
  await expect.poll(() => page.locator('#icon-error').count()).toBe(0);
  await close();
});

it('shows the additional-images limit on the images field, not in a banner below the form', async () => {
  const { page, close } = await openInfo('forms-sixth');
  await page.getByRole('tab', { name: /Media assets/ }).click();
  await page.locator('#additionalImages-input').setInputFiles(Array.from({ length: 6 }, (_, index) => pngFile(`image-${index}.png`)));
  await expect.poll(() => page.getByTestId('additional-image').count()).toBe(5);
  const message = page.locator('#additionalImages-error');
  await expect.poll(() => message.textContent()).toMatch(/At most 5 additional images/);
  // It is inside the images section, above the Save button.
  const sectionBox = (await page.locator('section[aria-labelledby="additional-heading"]').boundingBox())!;
  const messageBox = (await message.boundingBox())!;
  expect(messageBox.y).toBeGreaterThanOrEqual(sectionBox.y);
  expect(messageBox.y).toBeLessThan(sectionBox.y + sectionBox.height);
  await close();
});

it('keeps keyboard focus on the moved image’s button after "Move down", so it can be pressed again', async () => {
  const { page, close } = await openInfo('forms-move');
  await page.getByRole('tab', { name: /Media assets/ }).click();
  await page.locator('#additionalImages-input').setInputFiles([pngFile('a.png', 1024, 1024), pngFile('b.png', 800, 600), pngFile('c.png', 640, 480)]);
  await expect.poll(() => page.getByTestId('additional-image').count()).toBe(3);
  await page.getByRole('button', { name: 'Move image 1 down' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move image 2 down');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move image 3 up');
  await expect.poll(() => page.getByRole('img', { name: 'Additional image 3' }).evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1024);
  await close();
});

it('refuses a text file named .png in the browser, before saving, with no broken preview', async () => {
  const { page, close } = await openInfo('forms-fake-png');
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && request.method() === 'POST') requests.push(request.url());
  });
  await page
    .locator('#icon-input')
    .setInputFiles({ name: 'icon.png', mimeType: 'image/png', buffer: Buffer.from('this is not an image at all, just words\n') });
  await expect.poll(() => page.locator('#icon-error').textContent()).toMatch(/Icon must be a PNG or JPEG image/);
  expect(await page.getByTestId('icon-preview').count()).toBe(0);
  expect(await page.getByText('?x?').count()).toBe(0);
  expect(requests).toEqual([]);
  // A real PNG claiming more pixels than the API allows is refused too, from its header.
  await page.locator('#icon-input').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.from(png(9000, 2)) });
  await expect.poll(() => page.locator('#icon-error').textContent()).toMatch(/at most 8,192 pixels on a side/);
  await close();
});

it('shows file sizes in MB or KB, and a staged video can be removed before saving', async () => {
  const { page, close } = await openInfo('forms-sizes');
  await page.getByRole('tab', { name: /Media assets/ }).click();
  await page
    .locator('#mainImage-input')
    .setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.from(png(1024, 1024, { size: 3 * 1024 * 1024 })) });
  await expect.poll(() => page.locator('#mainImage-error').textContent()).toMatch(/at most 2 MB; this file is 3 MB/);
  expect(await page.locator('#mainImage-error').textContent()).not.toMatch(/bytes/);
  await page.locator('#video-input').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: Buffer.from(fixture('video-30s-1280x720.mp4')) });
  await expect.poll(() => page.getByTestId('video-preview').count()).toBe(1);
  await expect.poll(() => page.getByTestId('video-file').textContent()).toMatch(/clip\.mp4 · \d+(\.\d+)? (KB|MB)/);
  await page.getByRole('button', { name: 'Remove the chosen video' }).click();
  await expect.poll(() => page.getByTestId('video-preview').count()).toBe(0);
  await close();
});

it('refuses a website with a space in its host, in the browser as in the API', async () => {
  const { page, app, close } = await openInfo('forms-url');
  await page.getByRole('tab', { name: /Additional/ }).click();
  await page.getByLabel('Website').fill('https://exa mple.com');
  await expect.poll(() => page.locator('#websiteUrl-error').textContent()).toMatch(/must not contain spaces/);
  await page.getByRole('button', { name: 'Save additional information' }).click();
  await expect.poll(() => focusedId(page)).toBe('websiteUrl');
  expect(await prisma.additionalInfo.findUnique({ where: { appId: app.id } })).toBeNull();
  await close();
});

it('picks categories from a searchable dropdown with the keyboard, shown as removable chips', async () => {
  const { page, close, pageErrors } = await openInfo('forms-categories', { width: 390, height: 844 });
  const combobox = page.getByRole('combobox', { name: 'App categories' });
  await combobox.focus();
  await page.keyboard.type('pet');
  expect(await combobox.getAttribute('aria-expanded')).toBe('true');
  const listbox = page.getByRole('listbox', { name: 'App categories' });
  await expect.poll(() => listbox.getByRole('option').count()).toBe(1);
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => page.locator(`#${await combobox.getAttribute('aria-activedescendant')}`).textContent()).toContain('Pets');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('button', { name: 'Remove Pets' }).isVisible()).toBe(true);
  expect(await listbox.getByRole('option', { name: 'Pets' }).getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('Escape');
  expect(await combobox.getAttribute('aria-expanded')).toBe('false');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('ArrowDown');
  expect(await combobox.getAttribute('aria-expanded')).toBe('true');
  await page.keyboard.press(' ');
  await expect.poll(() => page.getByRole('button', { name: /^Remove / }).count()).toBe(2);
  await page.getByRole('button', { name: 'Remove Pets' }).click();
  await expect.poll(() => page.getByRole('button', { name: /^Remove / }).count()).toBe(1);
  // Nothing in the form overflows the phone's width (the global header is another matter, ui-shell's).
  const overflowing = await page.evaluate(() =>
    Array.from(document.querySelectorAll('[role="tabpanel"] *'))
      .filter((element) => element.getBoundingClientRect().right > 390)
      .map((element) => element.outerHTML.slice(0, 80)),
  );
  expect(overflowing).toEqual([]);
  expect(await page.getByText('choose a files').count()).toBe(0);
  expect(pageErrors).toEqual([]);
  await close();
});

it('says "choose files" (not "choose a files") where several files can be dropped', async () => {
  const { page, close } = await openInfo('forms-wording');
  await page.getByRole('tab', { name: /Media assets/ }).click();
  const drop = page.getByRole('group', { name: 'Add additional images' });
  await expect.poll(() => drop.textContent()).toMatch(/choose files/);
  expect(await drop.textContent()).not.toMatch(/choose a files/);
  await close();
});
