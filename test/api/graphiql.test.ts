import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { api, newDeveloper } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { startServer } from '../support/server.ts';

const openInBrowser = () => api.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });

it('serves GraphiQL at /graphql to a browser, self-contained (no CDN: the console works offline)', async () => {
  const first = await openInBrowser();
  expect(first.status).toBe(200);
  expect(first.headers.get('content-type')).toMatch(/text\/html/);
  const page = await first.text();
  expect(page).toContain('Ring Appstore developer API');
  expect(page).not.toMatch(/<script[^>]+src="https?:\/\//);
  expect(page).not.toMatch(/<link[^>]+href="https?:\/\//);
  // Rendered once and reused: the same page again.
  expect(await (await openInBrowser()).text()).toBe(page);
});

it('serves GraphiQL with a Content-Security-Policy: its one script by hash, nothing from elsewhere', async () => {
  const response = await openInBrowser();
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/default-src 'none'/);
  expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).not.toMatch(/'unsafe-eval'/);
  expect(csp).toMatch(/connect-src 'self'/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).toMatch(/object-src 'none'/);
  // JSON answers of the API need none of it.
  const json = await api.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
  expect(json.headers.get('content-security-policy')).toBeNull();
});

it('tells a signed-out visitor how to sign in or send a token, in its default query and headers', async () => {
  const page = await (await openInBrowser()).text();
  expect(page).toMatch(/Authorization\W+Bearer <token>/);
  expect(page).toMatch(/sign in/i);
});

it('renders in Chromium under its policy and runs its default query as the signed-in developer', { timeout: 120_000 }, async () => {
  const server = await startServer({ DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: mkdtempSync(join(tmpdir(), 'ring-graphiql-')) });
  const browser = await launchBrowser();
  try {
    const developer = await newDeveloper('graphiql');
    const context = await browser.newContext();
    const [name, value] = developer.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.baseUrl }]);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${server.baseUrl}/graphql`);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'sha256-/);
    // The script ran: the editors show the default query, with its sign-in hint.
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 60_000 });
    await page.getByText('Otherwise viewer is null', { exact: false }).first().waitFor({ timeout: 60_000 });
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('viewer')),
      page.locator('.graphiql-execute-button').click(),
    ]);
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toEqual({ data: { viewer: { email: developer.email, name: 'Test graphiql' } } });
    // And the answer is shown in the result pane (its editor wraps long lines: compare without the layout).
    const shown = async () => (await page.locator('.graphiql-response').innerText()).replace(/\s+/g, '');
    await expect.poll(shown, { timeout: 30_000 }).toContain(`"email":"${developer.email}"`);
    expect(violations).toEqual([]);
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
