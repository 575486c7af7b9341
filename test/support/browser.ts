/** Debian's Chromium driven by playwright-core (its own browser download is not reachable here). */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true });
  const page = await context.newPage();
  return { context, page };
}

/** Signs a new developer up through the console's own form; returns their email. */
export async function signUpInBrowser(page: Page, name: string, email: string): Promise<string> {
  // A click before hydration submits the bare form: wait until the page's scripts have loaded.
  await page.goto('/sign-up', { waitUntil: 'networkidle' });
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/apps');
  return email;
}

/** Signs in through the console's sign-in form; waits for the landing page (apps, or the support desk for staff). */
export async function signInInBrowser(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in', { waitUntil: 'networkidle' });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/(apps|support)$/);
}

/** Creates an app through the API with the page's session (faster than the form); returns its global id. */
export async function createAppInBrowser(page: Page, name: string): Promise<string> {
  return page.evaluate(async (appName) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: CreateAppInput!) { createApp(input: $input) { ... on CreateAppSuccess { app { id } } } }',
        variables: { input: { name: appName, acceptCompliance: true } },
      }),
    });
    return ((await response.json()) as { data: { createApp: { app: { id: string } } } }).data.createApp.app.id;
  }, name);
}

/**
 * Settles a page that keeps a live-update stream open (its LiveIndicator), where the network is
 * never idle: loaded, hydrated, and its stream connected.
 */
export async function untilLive(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.locator('[data-testid="live-indicator"][data-state="connected"]').waitFor({ timeout: 15_000 });
}

/** Loaded and quiet: the network idle, or, on a page that keeps a live stream open, that stream connected. */
export async function untilSettled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const live = page.locator('[data-testid="live-indicator"][data-state="connected"]');
  // Whichever comes first; the other is left to time out unheard.
  await Promise.race([page.waitForLoadState('networkidle'), live.waitFor({ timeout: 15_000 }).catch(() => new Promise(() => {}))]);
}
