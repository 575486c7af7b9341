import { expect, it } from 'vitest';
import { api } from '../support/api.ts';

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
