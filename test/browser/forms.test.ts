import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signUpInBrowser } from '../support/browser.ts';
import { uniqueEmail } from '../support/api.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PASSWORD = 'a long enough password';

async function withoutScripts() {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), javaScriptEnabled: false });
  return { context, page: await context.newPage() };
}

/** A mark on the window that any full page load wipes out. */
const markWindow = (page: Page) => page.evaluate(() => ((window as unknown as { mark: string }).mark = 'same document'));
const windowMark = (page: Page) => page.evaluate(() => (window as unknown as { mark?: string }).mark ?? 'reloaded');

it('without JavaScript: sign up, sign in, create an app (credentials shown once), rename and delete all work', async () => {
  const { context, page } = await withoutScripts();
  const email = uniqueEmail('nojs');

  // Sign up: a refused field is marked on the field; then the account is made and signed in.
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill('No Script');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect.poll(() => page.getByText('Password must be at least 10 characters.').isVisible()).toBe(true);
  expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByLabel('Email').inputValue()).toBe(email); // what was typed is kept
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/apps');
  expect(await page.getByRole('heading', { name: 'You have no apps yet' }).isVisible()).toBe(true);

  // Sign in (after losing the session), back to where the sign-in was asked for.
  await context.clearCookies();
  await page.goto('/apps/new');
  await page.waitForURL('**/sign-in?next=%2Fapps%2Fnew');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('the wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByText('The email or password is not right.').isVisible()).toBe(true);
  expect(await page.getByLabel('Email').inputValue()).toBe(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/apps/new');

  // Create: the server names what is missing, each on its field; then the credentials, once.
  await page.getByRole('button', { name: 'Create New App' }).click();
  await expect.poll(() => page.getByText('Enter an internal app name.').isVisible()).toBe(true);
  expect(await page.getByLabel('Internal app name').getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByText(/You must agree to the Ring Appstore Schedule/).isVisible()).toBe(true);
  await page.getByLabel('Internal app name').fill('Home Guardian');
  await page.getByLabel(/I agree to/).check();
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.getByRole('button', { name: 'Create New App' }).click(),
  ]);
  expect(answer.headers()['cache-control']).toBe('no-store');
  await expect.poll(() => page.getByTestId('credentials').isVisible()).toBe(true);
  const secret = (await page.getByTestId('credential-client-secret').getByTestId('credential-value').textContent())!;
  expect(secret).toMatch(/^ring_csec_/);
  expect(page.url()).not.toContain(secret);
  await page.getByRole('link', { name: 'Continue to App' }).click();
  await page.waitForURL(/\/apps\/(?!new)[^/?]+$/);
  expect(await page.getByTestId('app-name').textContent()).toBe('Home Guardian');
  expect(await page.content()).not.toContain(secret);

  // Rename: the menu needs scripts, so its actions are plain links here.
  await page.getByRole('link', { name: 'Rename' }).click();
  await page.getByLabel('Internal app name').fill('   ');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect.poll(() => page.getByText('Enter an internal app name.').isVisible()).toBe(true);
  await page.getByLabel('Internal app name').fill('Porch Watch');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.waitForURL(/\/apps\/(?!new)[^/?]+$/);
  expect(await page.getByTestId('app-name').textContent()).toBe('Porch Watch');

  // Delete: the typed name must match (checked by the server too); then a message on the list.
  await page.getByRole('link', { name: 'Delete' }).click();
  await page.getByLabel('Type the app’s name to confirm').fill('Porch');
  await page.getByRole('button', { name: 'Delete app' }).click();
  await expect.poll(() => page.getByText('Type “Porch Watch” to confirm.').isVisible()).toBe(true);
  expect(await page.getByTestId('app-name').textContent()).toBe('Porch Watch');
  await page.getByLabel('Type the app’s name to confirm').fill('Porch Watch');
  await page.getByRole('button', { name: 'Delete app' }).click();
  await page.waitForURL('**/apps');
  expect(await page.getByTestId('flash').textContent()).toBe('Deleted “Porch Watch”.');
  expect(await page.getByRole('heading', { name: 'You have no apps yet' }).isVisible()).toBe(true);
  // Said once.
  await page.reload();
  expect(await page.getByTestId('flash').count()).toBe(0);
  await context.close();
});

it('with JavaScript the same forms answer without a full page load', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  const email = await signUpInBrowser(page, 'Script User', uniqueEmail('js'));
  await context.clearCookies();

  await page.goto('/sign-in', { waitUntil: 'networkidle' });
  await markWindow(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('the wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByText('The email or password is not right.').isVisible()).toBe(true);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/apps');
  expect(await windowMark(page)).toBe('same document');

  await page.getByRole('link', { name: 'Create New App' }).first().click();
  await page.waitForURL('**/apps/new');
  await page.getByLabel('Internal app name').fill('Side Gate');
  await page.getByLabel(/I agree to/).check();
  await page.getByRole('button', { name: 'Create New App' }).click();
  await expect.poll(() => page.getByTestId('credentials').isVisible()).toBe(true);
  await page.getByLabel('I have saved my credentials').check();
  await page.getByRole('button', { name: 'Continue to App' }).click();
  await page.waitForURL(/\/apps\/(?!new)[^/?]+$/);

  await page.getByRole('button', { name: 'App actions' }).click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  await page.getByRole('dialog').getByLabel('Internal app name').fill('Back Gate');
  await page.getByRole('dialog').getByRole('button', { name: 'Save name' }).click();
  await expect.poll(() => page.getByTestId('app-name').textContent()).toBe('Back Gate');
  expect(await page.getByRole('dialog').count()).toBe(0);

  await page.getByRole('button', { name: 'App actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByLabel('Type the app’s name to confirm').fill('Back Gate');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete app' }).click();
  await page.waitForURL('**/apps');
  await expect.poll(() => page.getByTestId('flash').textContent()).toBe('Deleted “Back Gate”.');
  expect(await windowMark(page)).toBe('same document');
  await context.close();
});

it('a sign-up with a taken email marks the field and links to sign-in with the email filled in', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  const email = await signUpInBrowser(page, 'First', uniqueEmail('taken'));
  await context.clearCookies();
  await page.goto('/sign-up', { waitUntil: 'networkidle' });
  await page.getByLabel('Name').fill('Second');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await markWindow(page);
  await page.getByRole('button', { name: 'Create account' }).click();
  const signInInstead = page.getByRole('link', { name: 'Sign in instead' });
  await expect.poll(() => signInInstead.isVisible()).toBe(true);
  expect(await windowMark(page)).toBe('same document');
  expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
  await signInInstead.click();
  await page.waitForURL('**/sign-in?email=*');
  expect(await page.getByLabel('Email').inputValue()).toBe(email);
  await context.close();
});

it('an odd next= never breaks the sign-in page nor leaves the site: it falls back to /apps', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  const email = await signUpInBrowser(page, 'Next Tester', uniqueEmail('next'));
  for (const next of ['/\\x', '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'https://evil.example/', '/\r/evil.example', '/\t/evil.example']) {
    await context.clearCookies();
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`, { waitUntil: 'networkidle' });
    expect(await page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${inject('baseUrl')}/apps`);
  }
  // A real path of the site is kept, query and all.
  await context.clearCookies();
  await page.goto(`/sign-in?next=${encodeURIComponent('/settings/tokens?x=1')}`, { waitUntil: 'networkidle' });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/settings/tokens?x=1');
  await context.close();
});

it('Cancel on a directly opened Create New App page goes to the app list; an error on blur moves nothing under the pointer', async () => {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  await signUpInBrowser(page, 'Direct Opener', uniqueEmail('direct'));
  // A new tab, straight to /apps/new: there is no page of ours to go back to.
  const tab = await context.newPage();
  await tab.goto('/apps/new', { waitUntil: 'networkidle' });
  const checkbox = tab.getByLabel(/I agree to/);
  await checkbox.scrollIntoViewIfNeeded();
  // Focused without scrolling: the box stays where the pointer will press it.
  await tab.getByLabel('Internal app name').evaluate((input: HTMLElement) => input.focus({ preventScroll: true }));
  const before = await checkbox.boundingBox();
  // Pressing on the box blurs the empty name field, whose error appears: the box must stay put.
  await checkbox.click();
  await expect.poll(() => tab.getByText('Enter an internal app name.').isVisible()).toBe(true);
  expect(await checkbox.isChecked()).toBe(true);
  expect(await checkbox.boundingBox()).toEqual(before);
  await tab.getByRole('link', { name: 'Cancel' }).click();
  await tab.waitForURL('**/apps');
  await context.close();
});

it('refuses a form post from another site (or without an Origin) before any action runs', async () => {
  const email = uniqueEmail('csrf');
  const post = (headers: Record<string, string>) =>
    fetch(`${inject('baseUrl')}/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
      body: new URLSearchParams({ name: 'Cross Site', email, password: PASSWORD }),
      redirect: 'manual',
    });
  const own = new URL(inject('baseUrl')).origin;
  const refusals: Record<string, string>[] = [
    { origin: 'https://evil.example' },
    {},
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site', origin: 'null' },
    { 'sec-fetch-site': 'same-site', origin: own },
  ];
  for (const headers of refusals) {
    const refused = await post(headers);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('set-cookie')).toBeNull();
  }
  const same = await post({ origin: own });
  expect(same.status).toBe(303);
  expect(same.headers.get('location')).toBe('/apps');
  // Set by the action on this plain-http server: not Secure, or the browser would never send it back.
  expect(same.headers.get('set-cookie')).toMatch(/ring_session=/);
  expect(same.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
});
