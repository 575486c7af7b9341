import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from '../support/browser.ts';
import { visitEveryPageState } from '../support/page-states.ts';

// Evaluated, not added as a <script>: the pages' Content-Security-Policy refuses inline scripts.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${node.failureSummary ?? violation.help}`),
    );
}

for (const [label, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['a 390 px phone', { width: 390, height: 844 }],
] as const) {
  it(`axe finds no serious or critical violation on any page state (${label})`, async () => {
    const { context, page } = await newPage(browser, inject('baseUrl'));
    await page.setViewportSize(viewport);
    const found: string[] = [];
    await visitEveryPageState(page, async (state) => {
      for (const violation of await seriousViolations(page)) found.push(`${state}: ${violation}`);
    });
    expect(found).toEqual([]);
    await context.close();
  }, 240_000);
}
