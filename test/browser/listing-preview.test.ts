/**
 * The listing preview (/apps/[id]/preview): the Appstore details page from the draft, with
 * the guideline checks beside it linking to each field and rule; its media carousel on a phone.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { fixture, pngFile } from '../support/media.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedInPage(label: string, options: { viewport?: { width: number; height: number }; hasTouch?: boolean } = {}) {
  const baseUrl = inject('baseUrl');
  const developer = await newDeveloper(label);
  const app = await insertApp(developer.id, 'Preview app');
  const context = await browser.newContext({ baseURL: baseUrl, viewport: options.viewport, hasTouch: options.hasTouch });
  const page = await context.newPage();
  const [name, value] = developer.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, app, appPath: `/apps/${encodeURIComponent(app.globalId)}`, pageErrors, close: () => context.close() };
}

const shortDescriptionChecks = (page: Page) => page.locator('[data-testid="guideline-check"][data-field="shortDescription"]');

async function saveShortDescription(page: Page, text: string) {
  await page.getByLabel('Short description').fill(text);
  await page.getByRole('button', { name: 'Save general information' }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).isVisible(), { timeout: 15_000 }).toBe(true);
}

it('a short description with a URL shows an ERROR beside the preview that links to the field; fixing it clears the check', async () => {
  const { page, appPath, pageErrors, close } = await signedInPage('preview-url');
  await page.goto(`${appPath}/preview`, { waitUntil: 'networkidle' });
  // An untouched draft: the empty state, and only the screenshot count to report.
  expect(await page.getByTestId('preview-empty').isVisible()).toBe(true);
  expect(await page.getByTestId('listing-name').innerText()).toBe('Public name not set');
  expect(await shortDescriptionChecks(page).count()).toBe(0);

  // The overview and App information link here.
  await page.goto(appPath, { waitUntil: 'networkidle' });
  await page.getByTestId('overview-preview-link').click();
  await page.waitForURL(`**${appPath}/preview`);

  await page.goto(`${appPath}/info`, { waitUntil: 'networkidle' });
  await saveShortDescription(page, 'See every visit at https://porch.example/app on your phone.');
  await page.getByTestId('preview-link').click();
  await page.waitForURL(`**${appPath}/preview`);
  await expect.poll(() => shortDescriptionChecks(page).count()).toBe(1);
  const check = shortDescriptionChecks(page).first();
  expect(await check.getAttribute('data-severity')).toBe('ERROR');
  expect(await check.getAttribute('data-rule')).toBe('no-links-in-text');
  expect(await check.innerText()).toContain('Short description contains the link “https://porch.example/app”');
  expect(await page.getByTestId('listing-short-description').innerText()).toBe('See every visit at https://porch.example/app on your phone.');
  expect(await page.getByTestId('preview-empty').count()).toBe(0);
  // The rule's section on the guidelines page.
  expect(await check.getByRole('link', { name: /^Guideline:/ }).getAttribute('href')).toBe('/guidelines#no-links-in-text');

  // The field link opens the General tab with the short description focused.
  await check.getByRole('link', { name: 'Edit short description' }).click();
  await page.waitForURL(/\/info\?tab=general#shortDescription$/);
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('shortDescription');
  await saveShortDescription(page, 'See every visit on your phone.');

  await page.goto(`${appPath}/preview`, { waitUntil: 'networkidle' });
  expect(await shortDescriptionChecks(page).count()).toBe(0);
  expect(await page.getByTestId('listing-short-description').innerText()).toBe('See every visit on your phone.');
  expect(pageErrors).toEqual([]);
  await close();
}, 60_000);

it('a field link to another tab opens that tab; the guideline link lands on the rule’s section', async () => {
  const { page, appPath, close } = await signedInPage('preview-links');
  await page.goto(`${appPath}/preview`, { waitUntil: 'networkidle' });
  const screenshots = page.locator('[data-testid="guideline-check"][data-field="additionalImages"]');
  await screenshots.getByRole('link', { name: 'Edit additional images' }).click();
  await page.waitForURL(/\/info\?tab=media#additionalImages$/);
  await expect.poll(() => page.getByRole('tab', { name: /Media assets/ }).getAttribute('aria-selected')).toBe('true');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('additionalImages');

  await page.goto(`${appPath}/preview`, { waitUntil: 'networkidle' });
  await screenshots.getByRole('link', { name: /^Guideline:/ }).click();
  await page.waitForURL(/\/guidelines#screenshot-count$/);
  expect(await page.getByTestId('guideline-screenshot-count').innerText()).toMatch(/1 to 5 additional images\s*Error/);
  await close();
}, 60_000);

it('at 390 px the carousel shows the video with its thumbnail as poster and moves by buttons, arrow keys and a swipe', async () => {
  const { page, appPath, pageErrors, close } = await signedInPage('preview-phone', { viewport: { width: 390, height: 844 }, hasTouch: true });
  await page.goto(`${appPath}/info?tab=media`, { waitUntil: 'networkidle' });
  await page.locator('#additionalImages-input').setInputFiles([pngFile('first.png'), pngFile('second.png')]);
  await page.locator('#video-input').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: Buffer.from(fixture('video-30s-1280x720.mp4')) });
  await page.locator('#videoThumbnail-input').setInputFiles({ name: 'thumb.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(fixture('icon-1024.jpg')) });
  await expect.poll(() => page.getByTestId('additional-image').count()).toBe(2);
  await page.getByRole('button', { name: 'Save media assets' }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).isVisible(), { timeout: 15_000 }).toBe(true);

  await page.goto(`${appPath}/preview`, { waitUntil: 'networkidle' });
  expect(await page.getByTestId('carousel-slide').count()).toBe(3);
  const video = page.getByTestId('carousel-video');
  expect(await video.getAttribute('poster')).toMatch(/^http:\/\/[^/]+\/media\//);
  expect(await video.getAttribute('src')).toMatch(/^http:\/\/[^/]+\/media\//);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const position = page.getByTestId('carousel-position');
  expect(await position.innerText()).toBe('1 of 3');

  // Buttons.
  await page.getByRole('button', { name: 'Next slide' }).click();
  await expect.poll(() => position.innerText()).toBe('2 of 3');
  await page.getByRole('button', { name: 'Previous slide' }).click();
  await expect.poll(() => position.innerText()).toBe('1 of 3');

  // Keyboard: the slides take focus from Tab, then the arrow keys move a slide.
  const slides = page.getByRole('group', { name: /slides; arrow keys/ });
  await slides.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => position.innerText()).toBe('2 of 3');
  await page.keyboard.press('End');
  await expect.poll(() => position.innerText()).toBe('3 of 3');
  await page.keyboard.press('Home');
  await expect.poll(() => position.innerText()).toBe('1 of 3');
  // Home's smooth scroll back to the first slide has settled before the next move starts.
  await expect.poll(() => slides.evaluate((element) => element.scrollLeft)).toBe(0);

  // Touch: a swipe to the left scrolls the slides natively, snapping to the next one (from a
  // screenshot: a swipe that starts on the video is the video's).
  await page.getByRole('button', { name: 'Next slide' }).click();
  await expect.poll(() => position.innerText()).toBe('2 of 3');
  // The smooth scroll to it has settled.
  await expect.poll(() => slides.evaluate((element) => Math.abs(element.scrollLeft - element.clientWidth) <= 1)).toBe(true);
  const box = (await slides.boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  const y = Math.round(box.y + box.height / 2);
  const fromX = Math.round(box.x + box.width * 0.85);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: fromX, y }] });
  for (let step = 1; step <= 10; step++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: fromX - Math.round((box.width * 0.7 * step) / 10), y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect.poll(() => position.innerText()).toBe('3 of 3');
  expect(pageErrors).toEqual([]);
  await close();
}, 90_000);
