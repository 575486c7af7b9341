import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { COMPLIANCE_AGREEMENT, PUBLIC_NAME_MAX, PUBLIC_NAME_MIN, SHORT_DESCRIPTION_MAX } from '@ring/domain';
import { createAppInBrowser, launchBrowser, newPage, signUpInBrowser } from '../support/browser.ts';
import { uniqueEmail } from '../support/api.ts';
import { setPublicName } from '../support/apps.ts';
import { visitEveryPageState } from '../support/page-states.ts';
import { startServer } from '../support/server.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };

const focusedElement = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active ? `${active.tagName.toLowerCase()}: ${(active.textContent ?? '').trim()}` : 'nothing';
  });

it('the header links Documentation, Support and Contact; the guidelines, contact, agreement and documentation pages are served', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await page.goto('/sign-in');
  const header = page.getByRole('banner');
  expect(await header.getByRole('link', { name: 'Documentation' }).getAttribute('href')).toBe('/docs');
  expect(await header.getByRole('link', { name: 'Support', exact: true }).getAttribute('href')).toBe('/contact');
  expect(await header.getByRole('link', { name: 'Contact us' }).getAttribute('href')).toBe('mailto:support@ring-appstore.example');

  await page.goto('/guidelines');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('App Information Guidelines');
  // The rules come from @ring/domain, the same ones the API enforces.
  expect(await page.getByTestId('rule-publicName').innerText()).toContain(`${PUBLIC_NAME_MIN}–${PUBLIC_NAME_MAX} characters`);
  expect(await page.getByTestId('rule-shortDescription').innerText()).toContain(`${SHORT_DESCRIPTION_MAX} characters`);

  await page.goto('/contact');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Contact support');
  expect(await page.getByRole('link', { name: 'support@ring-appstore.example' }).getAttribute('href')).toBe('mailto:support@ring-appstore.example');

  await page.goto('/agreement');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(COMPLIANCE_AGREEMENT.title);
  await page.goto('/docs');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Documentation');

  await signUpInBrowser(page, 'Link Follower', uniqueEmail('links'));
  await page.goto('/apps/new');
  const agreement = page.getByRole('link', { name: COMPLIANCE_AGREEMENT.title });
  expect(await agreement.getAttribute('href')).toBe('/agreement');
  await page.getByLabel('Internal app name').fill('Linked App');
  await page.getByLabel(/I agree to/).check();
  await page.getByRole('button', { name: 'Create New App' }).click();
  await expect.poll(() => page.getByTestId('credentials').isVisible()).toBe(true);
  expect(await page.getByTestId('credentials').getByRole('link', { name: 'contact support' }).getAttribute('href')).toBe('/contact');
  await page.getByLabel('I have saved my credentials').check();

  const appId = await createAppInBrowser(page, 'Guided App');
  await page.goto(`/apps/${encodeURIComponent(appId)}/info`);
  expect(await page.getByRole('link', { name: 'App Information Guidelines' }).getAttribute('href')).toBe('/guidelines');
  await context.close();
});

it('links follow DOCS_URL, DEVELOPER_AGREEMENT_URL and SUPPORT_EMAIL when they are set', async () => {
  const server = await startServer({
    DATABASE_URL: process.env.DATABASE_URL!,
    DOCS_URL: 'https://docs.example.com/ring',
    DEVELOPER_AGREEMENT_URL: 'https://legal.example.com/ring-schedule',
    SUPPORT_EMAIL: 'help@example.org',
  });
  try {
    const { context, page } = await newPage(browser, server.baseUrl);
    await page.goto('/sign-in');
    expect(await page.getByRole('banner').getByRole('link', { name: 'Documentation' }).getAttribute('href')).toBe('https://docs.example.com/ring');
    await page.goto('/contact');
    expect(await page.getByRole('link', { name: 'help@example.org' }).getAttribute('href')).toBe('mailto:help@example.org');
    await signUpInBrowser(page, 'Configured', uniqueEmail('configured'));
    await page.goto('/apps/new');
    expect(await page.getByRole('link', { name: COMPLIANCE_AGREEMENT.title }).getAttribute('href')).toBe('https://legal.example.com/ring-schedule');
    await context.close();
  } finally {
    await server.stop();
  }
});

it('refuses to start when a link setting is not a web address or SUPPORT_EMAIL is not an address, naming the variable', async () => {
  for (const [name, value] of [
    ['DOCS_URL', 'javascript:alert(1)'],
    ['DEVELOPER_AGREEMENT_URL', 'not a url'],
    ['SUPPORT_EMAIL', 'support at example'],
  ] as const) {
    const failed = await startServer({ DATABASE_URL: process.env.DATABASE_URL!, [name]: value }).then(
      async (server) => {
        await server.stop();
        return null;
      },
      (error: Error) => error.message,
    );
    expect(failed ?? `started with ${name}=${value}`).toContain(`${name} must be`);
  }
});

it('a signed-in developer who opens /sign-in or /sign-up lands on their apps', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signUpInBrowser(page, 'Already In', uniqueEmail('already'));
  for (const path of ['/sign-in', '/sign-up']) {
    await page.goto(path);
    expect(new URL(page.url()).pathname).toBe('/apps');
  }
  await context.close();
});

it('at 390 px no page is wider than the screen and the app actions menu opens on screen', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await page.setViewportSize(PHONE);
  const tooWide: string[] = [];
  await visitEveryPageState(page, async (state) => {
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      // What sticks out, to name it in the failure.
      culprits: [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
        // Inside a box that scrolls sideways on its own (a wide table's card) is fine.
        .filter((element) => {
          for (let ancestor = element.parentElement; ancestor; ancestor = ancestor.parentElement) {
            if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(ancestor).overflowX)) return false;
          }
          return true;
        })
        .slice(0, 3)
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} right=${Math.round(element.getBoundingClientRect().right)}`),
    }));
    if (widths.document > PHONE.width) tooWide.push(`${state}: ${widths.document} px (${widths.culprits.join(', ')})`);
    if (state === 'app actions menu open') {
      for (const item of await page.getByRole('menuitem').all()) {
        const box = (await item.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      }
    }
    if (state.startsWith('app information, tab')) {
      // Every tab can be seen: none is cut off at the screen's edge.
      for (const tab of await page.getByRole('tab').all()) {
        const box = (await tab.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      }
    }
  });
  expect(tooWide).toEqual([]);
  // The header wraps instead of pushing the account out of view.
  const signOut = (await page.getByRole('button', { name: 'Sign out' }).boundingBox())!;
  expect(signOut.x + signOut.width).toBeLessThanOrEqual(PHONE.width);
  await context.close();
}, 180_000);

it('focus moves to the main heading after client-side navigation and after Create', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signUpInBrowser(page, 'Keyboard User', uniqueEmail('focus'));
  await page.getByRole('link', { name: 'Create New App' }).first().click();
  await page.waitForURL('**/apps/new');
  await expect.poll(() => focusedElement(page)).toBe('h1: Create New App');

  await page.getByLabel('Internal app name').fill('Focus Trail');
  await page.getByLabel(/I agree to/).check();
  await page.getByRole('button', { name: 'Create New App' }).click();
  await expect.poll(() => page.getByTestId('credentials').isVisible()).toBe(true);
  await expect.poll(() => focusedElement(page)).toBe('h1: App credentials for “Focus Trail”');

  await page.getByLabel('I have saved my credentials').check();
  await page.getByRole('button', { name: 'Continue to App' }).click();
  await page.waitForURL(/\/apps\/(?!new)[^/]+$/);
  await expect.poll(() => focusedElement(page)).toBe('h1: Focus Trail');

  await page.getByRole('link', { name: 'API tokens' }).click();
  await page.waitForURL('**/settings/tokens');
  await expect.poll(() => focusedElement(page)).toBe('h1: API tokens');
  await context.close();
});

it('the selected tab’s focus ring is not clipped by the tab row', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signUpInBrowser(page, 'Tab User', uniqueEmail('tabs'));
  const appId = await createAppInBrowser(page, 'Tabbed');
  await page.goto(`/apps/${encodeURIComponent(appId)}/info`, { waitUntil: 'networkidle' });
  const tab = page.getByRole('tab', { selected: true });
  await tab.focus();
  // A key press makes the focus keyboard focus, so :focus-visible draws the ring.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  const clipped = await page.evaluate(() => {
    const focused = document.activeElement as HTMLElement;
    const style = getComputedStyle(focused);
    const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
    const ring = focused.getBoundingClientRect();
    const problems: string[] = [];
    if (style.outlineStyle === 'none') problems.push('no focus ring');
    for (let ancestor = focused.parentElement; ancestor; ancestor = ancestor.parentElement) {
      const overflow = getComputedStyle(ancestor);
      if (overflow.overflowX === 'visible' && overflow.overflowY === 'visible') continue;
      const box = ancestor.getBoundingClientRect();
      const inner = {
        left: box.left + ancestor.clientLeft,
        top: box.top + ancestor.clientTop,
        right: box.left + ancestor.clientLeft + ancestor.clientWidth,
        bottom: box.top + ancestor.clientTop + ancestor.clientHeight,
      };
      if (ring.left - reach < inner.left || ring.top - reach < inner.top || ring.right + reach > inner.right || ring.bottom + reach > inner.bottom) {
        problems.push(`clipped by ${ancestor.tagName.toLowerCase()}.${[...ancestor.classList].join('.')}`);
      }
    }
    return problems;
  });
  expect(clipped).toEqual([]);
  await context.close();
});

it('one breadcrumb trail on the overview, App information and Account linking; the name line keeps its spaces', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signUpInBrowser(page, 'Crumb User', uniqueEmail('crumbs'));
  const appId = await createAppInBrowser(page, 'Crumbed');
  const publicName = `Home Guardian Pro ${Math.floor(Math.random() * 1e5)}`;
  await setPublicName(appId, publicName);
  const appPath = `/apps/${encodeURIComponent(appId)}`;
  const trail = async () => {
    const nav = page.getByRole('navigation', { name: 'Breadcrumb' });
    expect(await nav.count()).toBe(1);
    return nav.locator('li').evaluateAll((items) =>
      items.map((item) => {
        const link = item.querySelector('a');
        return `${(item.textContent ?? '').trim()}${link?.getAttribute('aria-current') === 'page' ? ' (current)' : link ? '' : ' (text)'}`;
      }),
    );
  };
  await page.goto(appPath);
  expect(await trail()).toEqual(['Apps', 'Crumbed (current)']);
  expect(await page.getByTestId('app-meta').innerText()).toContain(`Appstore name: ${publicName} · Created`);
  await page.goto(`${appPath}/info`);
  expect(await trail()).toEqual(['Apps', 'Crumbed', 'App information (current)']);
  await page.goto(`${appPath}/linking`);
  expect(await trail()).toEqual(['Apps', 'Crumbed', 'Account linking (current)']);
  await context.close();
});
