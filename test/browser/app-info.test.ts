import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from '../support/browser.ts';
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

it('fills and saves all four tabs with real uploads, shows previews, every status turns Complete and so does the overview', async () => {
  const baseUrl = inject('baseUrl');
  const developer = await newDeveloper('browser-info');
  const app = await insertApp(developer.id, 'Browser info app');
  const { context, page } = await newPage(browser, baseUrl);
  const [name, value] = developer.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);

  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`/apps/${encodeURIComponent(app.globalId)}/info`);
  await expect.poll(() => page.getByRole('heading', { name: 'App information' }).isVisible()).toBe(true);
  expect(await page.getByTestId('info-status').textContent()).toContain('Pending');

  // General: inline errors and counters as you type, from the shared rules.
  await page.getByLabel('Short description').fill('x'.repeat(126));
  await expect.poll(() => page.getByText('126/125').isVisible()).toBe(true);
  await expect.poll(() => page.getByText('Short description must be at most 125 characters (it has 126).').isVisible()).toBe(true);
  await page.getByLabel('Public name').fill('Home 😀 Cam');
  await expect.poll(() => page.getByText(/remove “😀”/).isVisible()).toBe(true);
  await page.getByLabel('Public name').fill(`Browser Cam ${Math.random().toString(36).slice(2, 8)}`);
  await page.getByLabel('Short description').fill('Watches your porch and tells you who came by.');
  await page.getByLabel('Detailed description').fill('Connect your Ring doorbell to get smart summaries of every visit.');
  await page.getByLabel('Latest release').fill('First release.');
  // Categories: a searchable dropdown (combobox); choices become chips.
  await page.getByRole('combobox', { name: 'App categories' }).fill('pet');
  await page.getByRole('option', { name: 'Pets' }).click();
  await page.getByRole('combobox', { name: 'App categories' }).fill('');
  await page.getByRole('option', { name: 'Home Security' }).click();
  await expect.poll(() => page.getByRole('button', { name: /^Remove (Pets|Home Security)$/ }).count()).toBe(2);
  await page.locator('#icon-input').setInputFiles(pngFile('icon.png'));
  await expect.poll(() => page.getByTestId('icon-preview').getAttribute('src')).toMatch(/^blob:/);
  await page.getByRole('button', { name: 'Save general information' }).click();
  await expect.poll(() => page.getByTestId('tab-status-general').locator('[data-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('COMPLETE');
  // The stored icon is now served from /media.
  await expect.poll(() => page.getByTestId('icon-preview').getAttribute('src')).toMatch(/^http:\/\/[^/]+\/media\//);

  // Unsaved changes: switching tabs asks first; dismissing keeps the draft.
  await page.getByLabel('Latest release').fill('Second release.');
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.dismiss();
    }),
  );
  await page.getByRole('tab', { name: /Media assets/ }).click();
  expect(await asked).toMatch(/unsaved changes/);
  expect(await page.getByLabel('Latest release').inputValue()).toBe('Second release.');
  await page.getByLabel('Latest release').fill('First release.');

  // Media assets: main image, two additional images (reordered), a video and a thumbnail.
  await page.getByRole('tab', { name: /Media assets/ }).click();
  await page.locator('#mainImage-input').setInputFiles(pngFile('main.png'));
  await page.locator('#additionalImages-input').setInputFiles([pngFile('first.png'), pngFile('second.png', 800, 600)]);
  await expect.poll(() => page.getByTestId('additional-image').count()).toBe(2);
  // Reordering works from the keyboard: focus stays on the moved image's button.
  await page.getByRole('button', { name: 'Move image 1 down' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('img', { name: 'Additional image 1' }).evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(800);
  await page.locator('#video-input').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: Buffer.from(fixture('video-30s-1280x720.mp4')) });
  await page.locator('#videoThumbnail-input').setInputFiles({ name: 'thumb.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(fixture('icon-1024.jpg')) });
  await expect.poll(() => page.getByTestId('mainImage-preview').getAttribute('src')).toMatch(/^blob:/);
  await expect.poll(() => page.getByTestId('video-preview').getAttribute('src')).toMatch(/^blob:/);
  await page.getByRole('button', { name: 'Save media assets' }).click();
  await expect.poll(() => page.getByTestId('tab-status-media').locator('[data-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('COMPLETE');
  // The 800x600 image, moved first, saved with a warning about its size.
  await expect.poll(() => page.getByText(/800x600 pixels; 1024x1024 is recommended/).isVisible()).toBe(true);
  await expect.poll(() => page.getByTestId('video-preview').getAttribute('src')).toMatch(/^http:\/\/[^/]+\/media\//);

  // Compatibility: searchable multi-selects.
  await page.getByRole('tab', { name: /Compatibility/ }).click();
  await page.getByLabel('Features').fill('- Visitor summaries\n- Package alerts');
  await page.getByLabel('Requirements').fill('A Ring doorbell and a Ring Protect plan.');
  await page.getByRole('combobox', { name: 'Customer types' }).click();
  await page.getByRole('option', { name: 'Homeowners' }).click();
  await page.getByRole('combobox', { name: 'Supported devices' }).fill('doorbell 4');
  await page.getByRole('option', { name: 'Video Doorbell 4' }).click();
  await page.getByRole('combobox', { name: 'Camera types' }).click();
  await page.getByRole('option', { name: 'Doorbell', exact: true }).click();
  await page.getByRole('button', { name: 'Save compatibility information' }).click();
  await expect
    .poll(() => page.getByTestId('tab-status-compatibility').locator('[data-status]').getAttribute('data-status'), { timeout: 15_000 })
    .toBe('COMPLETE');

  // Additional.
  await page.getByRole('tab', { name: /Additional/ }).click();
  await page.getByLabel('Developer info').fill('Acme Home Labs');
  await page.getByLabel('Website').fill('http://acme.example');
  await expect.poll(() => page.getByText('URL must use https://.').isVisible()).toBe(true);
  await page.getByLabel('Website').fill('https://acme.example');
  await page.getByLabel('Support').fill('https://acme.example/support');
  await page.getByLabel('Privacy policy').fill('https://acme.example/privacy');
  await page.getByLabel('Terms of Service').fill('https://acme.example/terms');
  await page.getByRole('button', { name: 'Save additional information' }).click();
  await expect.poll(() => page.getByTestId('tab-status-additional').locator('[data-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('COMPLETE');
  await expect.poll(() => page.getByTestId('info-status').locator('[data-status]').getAttribute('data-status')).toBe('COMPLETE');

  // After a reload everything is still there.
  await page.reload();
  await expect.poll(() => page.getByTestId('info-status').locator('[data-status]').getAttribute('data-status')).toBe('COMPLETE');
  // The app overview's Configure section follows: App information Complete.
  await page.goto(`/apps/${encodeURIComponent(app.globalId)}`);
  await expect.poll(() => page.getByTestId('section-app-information').textContent()).toContain('Complete');
  expect(pageErrors).toEqual([]);
  await context.close();
});
