import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { uniqueEmail } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { launchBrowser, newPage, signUpInBrowser } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const visible = (page: Page, text: string | RegExp) => expect.poll(() => page.getByText(text).first().isVisible());

async function signedInWithApp(label: string) {
  const { context, page } = await newPage(browser, inject('baseUrl'));
  const email = uniqueEmail(label);
  await signUpInBrowser(page, 'Certify Tester', email);
  const developer = await prisma.developer.findUniqueOrThrow({ where: { email } });
  const app = await insertApp(encodeGlobalID('Developer', developer.id), 'Porch Watch');
  return { context, page, app, path: `/apps/${encodeURIComponent(app.globalId)}/certify` };
}

it('answers the AI governance tab: conditional questions appear and go live, a missing one is refused inline, then the tab saves', async () => {
  const { context, page, app, path } = await signedInWithApp('questionnaire');
  await page.goto(`${path}/questionnaire`, { waitUntil: 'networkidle' });
  await expect.poll(() => page.getByRole('heading', { name: 'Certification questionnaire' }).isVisible()).toBe(true);
  const aiTab = page.getByRole('tab', { name: /AI governance/ });
  await expect
    .poll(async () => {
      await aiTab.click();
      return aiTab.getAttribute('aria-selected');
    })
    .toBe('true');

  const usesAi = page.getByRole('group', { name: /machine learning or other AI models/ });
  const whatModelsDo = page.getByRole('group', { name: 'What do the models do?' });
  expect(await whatModelsDo.count()).toBe(0);
  // Answerable from the keyboard: a focused radio is chosen with Space.
  await usesAi.getByRole('radio', { name: 'Yes' }).focus();
  await page.keyboard.press('Space');
  await expect.poll(() => whatModelsDo.isVisible()).toBe(true);
  await usesAi.getByRole('radio', { name: 'No' }).check();
  await expect.poll(() => whatModelsDo.count()).toBe(0);
  await usesAi.getByRole('radio', { name: 'Yes' }).check();

  await whatModelsDo.getByRole('checkbox', { name: /Detect people/ }).check();
  await whatModelsDo.getByRole('checkbox', { name: /Spot unusual activity/ }).check();
  await page.getByRole('group', { name: 'Where do the models come from?' }).getByRole('radio', { name: 'Built and hosted by us' }).check();
  await page
    .getByRole('group', { name: /outputs reviewed/ })
    .getByRole('radio', { name: /user sees and confirms/ })
    .check();
  await page
    .getByRole('group', { name: /train or improve models/ })
    .getByRole('radio', { name: 'No' })
    .check();
  const disclosure = page.getByLabel(/How do you tell users that AI is used/);
  await disclosure.fill('A banner on first use and a help page.');
  await expect.poll(() => page.getByText('38/1000').isVisible()).toBe(true);

  // The chained question opens under "yes" and must then be answered: refused inline, nothing saved.
  await page
    .getByRole('group', { name: /train or improve models/ })
    .getByRole('radio', { name: 'Yes' })
    .check();
  const optOut = page.getByRole('group', { name: /keep their data out of training/ });
  await expect.poll(() => optOut.isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Save ai governance answers' }).click();
  await expect.poll(() => page.getByTestId('error-summary').isVisible()).toBe(true);
  await visible(page, /Answer this question: Can a user keep their data out of training/).toBe(true);
  expect(await prisma.questionnaireAnswers.count({ where: { appId: app.id } })).toBe(0);
  // The first wrong field has the focus.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-ai_training_opt_out');

  await optOut.getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('button', { name: 'Save ai governance answers' }).click();
  await visible(page, 'AI governance answers saved.').toBe(true);
  await expect.poll(async () => (await page.getByTestId('tab-status-ai_governance').textContent())?.trim()).toMatch(/Complete/);
  const row = await prisma.questionnaireAnswers.findUniqueOrThrow({ where: { appId_tab: { appId: app.id, tab: 'AI_GOVERNANCE' } } });
  expect(row).toMatchObject({
    version: 1,
    answers: {
      uses_ai: ['yes'],
      ai_purposes: ['OBJECT_DETECTION', 'ANOMALY_DETECTION'],
      ai_model_source: ['IN_HOUSE'],
      ai_output_review: ['USER_CONFIRMS'],
      ai_trains_on_user_data: ['yes'],
      ai_training_opt_out: ['yes'],
      ai_disclosure: ['A banner on first use and a help page.'],
    },
  });

  // Someone else saves meanwhile: this page's next save is a conflict, and the saved answers can be loaded.
  await prisma.questionnaireAnswers.update({
    where: { appId_tab: { appId: app.id, tab: 'AI_GOVERNANCE' } },
    data: { version: 2, answers: { uses_ai: ['no'] } },
  });
  await usesAi.getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: 'Save ai governance answers' }).click();
  await visible(page, /saved elsewhere in the meantime/).toBe(true);
  await page.getByRole('button', { name: 'Discard my changes and load the saved answers' }).click();
  await visible(page, 'The saved answers are shown; your changes were discarded.').toBe(true);
  expect(await usesAi.getByRole('radio', { name: 'No' }).isChecked()).toBe(true);
  await context.close();
});

it('saves reviewer notes: one note too short is refused inline with its count, then all three save and the test account stays hidden until asked', async () => {
  const { context, page, app, path } = await signedInWithApp('notes');
  await page.goto(`${path}/notes`, { waitUntil: 'networkidle' });
  await expect.poll(() => page.getByRole('heading', { name: 'Reviewer notes' }).isVisible()).toBe(true);

  const instructions = 'Sign in with the account below, link the demo doorbell and press it.';
  const account = 'reviewer@example.com / correct-horse-battery-42';
  await page.getByLabel('Testing instructions').fill(instructions);
  await page.getByLabel('Test account for reviewers').fill(account);
  await page.getByLabel('Other notes').fill('x'.repeat(19));
  // Inline, as typed, from the shared rule.
  await visible(page, 'Other notes must be at least 20 characters (it has 19).').toBe(true);
  await expect.poll(() => page.getByText('19/4000').isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Save reviewer notes' }).click();
  await expect.poll(() => page.getByTestId('error-summary').isVisible()).toBe(true);
  expect(await page.getByLabel('Other notes').getAttribute('aria-invalid')).toBe('true');
  expect(await prisma.reviewerNotes.count({ where: { appId: app.id } })).toBe(0);

  await page.getByLabel('Other notes').fill('x'.repeat(20));
  await visible(page, /at least 20 characters/).toBe(false);
  await page.getByRole('button', { name: 'Save reviewer notes' }).click();
  await visible(page, 'Reviewer notes saved.').toBe(true);
  await expect.poll(async () => (await page.getByTestId('notes-status').textContent())?.trim()).toMatch(/Complete/);
  const row = await prisma.reviewerNotes.findUniqueOrThrow({ where: { appId: app.id } });
  expect(row.testAccountEncrypted).not.toContain('reviewer@example.com');

  // After a reload the secret is not on the page until the owner asks for it.
  await page.reload({ waitUntil: 'networkidle' });
  expect(await page.getByLabel('Test account for reviewers').inputValue()).toBe('');
  expect(await page.content()).not.toContain('correct-horse');
  await page.getByRole('button', { name: 'Show the saved test account' }).click();
  await expect.poll(() => page.getByLabel('Test account for reviewers').inputValue()).toBe(account);
  await context.close();
});
