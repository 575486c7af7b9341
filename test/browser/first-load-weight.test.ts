/**
 * The first-load weight the build prints (apps/console/scripts/first-load-weight.ts, from the
 * build manifests) is what a browser really fetches: a signed-in first load of /apps in a
 * fresh Chromium context (empty cache) requests exactly those JavaScript files, byte for byte.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { firstLoadWeight } from '../../apps/console/scripts/first-load-weight.ts';
import { newDeveloper } from '../support/api.ts';
import { launchBrowser, newPage } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('a first load of /apps fetches exactly the JavaScript files the build report lists, with the same sizes', async () => {
  const baseUrl = inject('baseUrl');
  const owner = await newDeveloper('weight');
  const { context, page } = await newPage(browser, baseUrl);
  const [name, value] = owner.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);

  const fetched = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === baseUrl && url.pathname.endsWith('.js')) fetched.set(url.pathname.slice(1), response.body());
  });
  await page.goto('/apps', { waitUntil: 'networkidle' });
  expect(new URL(page.url()).pathname).toBe('/apps'); // signed in, not sent to /sign-in
  await context.close();

  const browserFiles = await Promise.all(
    [...fetched].map(async ([file, body]) => {
      const bytes = await body;
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    }),
  );
  const browserGzip = browserFiles.reduce((sum, file) => sum + file.gzip, 0);
  const weight = await firstLoadWeight('/apps');
  console.log(
    `first load of /apps, gzip level 9: build report ${weight.gzip} B in ${weight.files.length} files; Chromium fetched ${browserGzip} B in ${browserFiles.length} files`,
  );

  const byName = <T extends { file: string }>(files: T[]) => [...files].sort((a, b) => a.file.localeCompare(b.file));
  expect(byName(browserFiles)).toEqual(byName(weight.files));
  expect(browserGzip).toBe(weight.gzip);
});
