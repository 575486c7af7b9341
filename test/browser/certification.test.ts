/**
 * Certify end to end in Chromium, with a developer and a reviewer each in their own browser:
 * submit, pre-checks, a finding on the short description shown beside the field, the fix,
 * resubmission with what changed, approval, and Publish unlocked.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { createStaffAccount } from '@ring/api';
import { uniqueEmail } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { launchBrowser, newPage, signInInBrowser, signUpInBrowser } from '../support/browser.ts';
import { completeBuildAndTest, completeCertificationForms, completeConfigure } from '../support/certification.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const visible = (page: Page, text: string | RegExp) => expect.poll(() => page.getByText(text).first().isVisible(), { timeout: 15_000 });

/** Clicks until the page reacts: a click before hydration does nothing. */
async function clickUntil(click: () => Promise<void>, done: () => Promise<boolean>) {
  await expect
    .poll(
      async () => {
        if (!(await done())) await click();
        return done();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

async function submitForCertification(page: Page, notes: string) {
  await page.getByLabel('Release notes').fill(notes);
  await page.getByLabel(/I have tested the account-linking workflow/).check();
  await page.getByRole('button', { name: 'Start review process' }).click();
}

async function reviewerOpens(page: Page, version: string) {
  await page.goto('/review', { waitUntil: 'networkidle' });
  const row = page.getByTestId('queue-row').filter({ hasText: version }).filter({ hasText: 'Certify Browser' });
  await clickUntil(
    () => row.getByRole('button', { name: /Claim/ }).click(),
    async () => new URL(page.url()).pathname.startsWith('/review/'),
  );
  await visible(page, 'claimed by you').toBe(true);
}

it('submit, pre-checks, a finding beside the field, fix, resubmit with what changed, approval: Certify complete and Publish unlocked', async () => {
  const developer = await newPage(browser, inject('baseUrl'));
  const dev = developer.page;
  const email = uniqueEmail('certify');
  await signUpInBrowser(dev, 'Certify Tester', email);
  const account = await prisma.developer.findUniqueOrThrow({ where: { email } });
  const app = await insertApp(encodeGlobalID('Developer', account.id), 'Certify Browser');
  await completeConfigure(app.id);
  await prisma.generalInfo.update({
    where: { appId: app.id },
    data: { publicName: `Certify Browser ${app.id.slice(0, 6)}`, publicNameKey: `certify browser ${app.id.slice(0, 6)}` },
  });
  await completeBuildAndTest(app.globalId);
  await completeCertificationForms(app.id);
  const appPath = `/apps/${encodeURIComponent(app.globalId)}`;

  // The overview's Certify step leads to the Certify page.
  await dev.goto(appPath, { waitUntil: 'networkidle' });
  await dev.getByTestId('certify-link').click();
  await dev.waitForURL(/\/certify$/);
  await dev.waitForLoadState('networkidle');
  await submitForCertification(dev, 'First version of the integration.');
  await expect.poll(() => dev.getByTestId('submission-label').textContent(), { timeout: 15_000 }).toBe('Certification Under Review');
  expect(await dev.getByTestId('precheck-CONFIGURATION').getAttribute('data-passed')).toBe('true');
  await visible(dev, 'usually 1-2 business days').toBe(true);

  // A reviewer requests changes with a finding on the short description.
  const staff = await createStaffAccount({ email: uniqueEmail('reviewer'), role: 'REVIEWER', name: 'Rita Reviewer' });
  const reviewer = await newPage(browser, inject('baseUrl'));
  const rev = reviewer.page;
  await signInInBrowser(rev, staff.email, staff.password);
  await reviewerOpens(rev, 'v1');
  await rev.getByLabel('Area').selectOption('LISTING');
  await rev.getByLabel('Field (optional)').selectOption('shortDescription');
  await rev.getByLabel('Message').fill('Say what the app does for Ring users.');
  await rev.getByRole('button', { name: 'Request changes' }).click();
  await visible(rev, 'Changes requested: the developer sees your findings.').toBe(true);

  // The developer sees the finding beside the field, fixes it and submits again.
  await dev.goto(`${appPath}/certify`, { waitUntil: 'networkidle' });
  expect(await dev.getByTestId('submission-label').textContent()).toBe('Changes Requested');
  await visible(dev, 'Say what the app does for Ring users.').toBe(true);
  await dev.goto(`${appPath}/info`, { waitUntil: 'networkidle' });
  await expect.poll(() => dev.getByTestId('shortDescription-finding').textContent()).toContain('Say what the app does for Ring users.');
  await dev.getByLabel('Short description').fill('Shows who is at your door, on your Ring app.');
  await dev.getByRole('button', { name: 'Save general information' }).click();
  await visible(dev, /saved/i).toBe(true);
  await dev.goto(`${appPath}/certify`, { waitUntil: 'networkidle' });
  await submitForCertification(dev, 'Short description rewritten as asked.');
  await expect.poll(() => dev.getByTestId('submission-label').textContent(), { timeout: 15_000 }).toBe('Certification Under Review');
  await visible(dev, 'What changed in v2 since v1').toBe(true);
  const change = dev.getByTestId('version-changes').getByTestId('change-shortDescription');
  expect(await change.textContent()).toContain('Shows who is at your door, on your Ring app.');
  expect(await change.textContent()).toContain('Keeps an eye on the front door.');

  // The reviewer sees what changed and approves.
  await reviewerOpens(rev, 'v2');
  expect(await rev.getByTestId('review-changes').getByTestId('change-shortDescription').isVisible()).toBe(true);
  await rev.getByRole('button', { name: 'Approve and certify' }).click();
  await visible(rev, 'Approved: the version is certified.').toBe(true);

  // Certify complete, Publish unlocked.
  await dev.goto(appPath, { waitUntil: 'networkidle' });
  expect(await dev.getByTestId('step-CERTIFY').getAttribute('data-status')).toBe('COMPLETE');
  expect(await dev.getByTestId('step-PUBLISH').getAttribute('data-status')).toBe('PENDING');
  await dev.goto(`${appPath}/certify`, { waitUntil: 'networkidle' });
  expect(await dev.getByTestId('submission-label').textContent()).toBe('Certified version available for rollout');
  await visible(dev, 'Publish is unlocked').toBe(true);

  await developer.context.close();
  await reviewer.context.close();
});

it('the reviewer page shows the submitted questionnaire, notes, test account, endpoint checks and the version’s listing, whatever the draft says since', async () => {
  const developer = await newPage(browser, inject('baseUrl'));
  const dev = developer.page;
  const email = uniqueEmail('certify-read');
  await signUpInBrowser(dev, 'Certify Reader', email);
  const account = await prisma.developer.findUniqueOrThrow({ where: { email } });
  const app = await insertApp(encodeGlobalID('Developer', account.id), 'Certify Reading');
  await completeConfigure(app.id);
  await prisma.generalInfo.update({
    where: { appId: app.id },
    data: { publicName: `Certify Reading ${app.id.slice(0, 6)}`, publicNameKey: `certify reading ${app.id.slice(0, 6)}` },
  });
  await completeBuildAndTest(app.globalId);
  await completeCertificationForms(app.id);
  const appPath = `/apps/${encodeURIComponent(app.globalId)}`;

  await dev.goto(`${appPath}/certify`, { waitUntil: 'networkidle' });
  await submitForCertification(dev, 'The version a reviewer reads.');
  await expect.poll(() => dev.getByTestId('submission-label').textContent(), { timeout: 15_000 }).toBe('Certification Under Review');

  // The developer moves the draft on after submitting.
  await dev.goto(`${appPath}/info`, { waitUntil: 'networkidle' });
  await dev.getByLabel('Short description').fill('A newer description, written after submitting.');
  await dev.getByRole('button', { name: 'Save general information' }).click();
  await visible(dev, /saved/i).toBe(true);

  // The developer's own preview of v1 still shows what was submitted; the draft's shows the edit.
  await dev.goto(`${appPath}/preview?version=1`, { waitUntil: 'networkidle' });
  expect(await dev.getByTestId('preview-version').isVisible()).toBe(true);
  expect(await dev.getByTestId('listing-short-description').textContent()).toBe('Keeps an eye on the front door.');
  await dev.goto(`${appPath}/preview`, { waitUntil: 'networkidle' });
  expect(await dev.getByTestId('listing-short-description').textContent()).toBe('A newer description, written after submitting.');

  const submission = await prisma.certificationSubmission.findFirstOrThrow({ where: { appId: app.id } });
  const staff = await createStaffAccount({ email: uniqueEmail('reviewer'), role: 'REVIEWER', name: 'Rob Reviewer' });
  const reviewer = await newPage(browser, inject('baseUrl'));
  const rev = reviewer.page;
  await signInInBrowser(rev, staff.email, staff.password);
  await rev.goto(`/review/${encodeURIComponent(encodeGlobalID('CertificationSubmission', submission.id))}`, { waitUntil: 'networkidle' });

  const questionnaire = rev.getByTestId('review-questionnaire');
  await expect.poll(() => questionnaire.getByText('What does your app do with Ring data, and for whom?').isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await questionnaire.getByTestId('answer-app_purpose').textContent()).toBe('Answered for the certification tests.');
  expect(await questionnaire.getByTestId('answer-security_policy').textContent()).toBe('No');
  const notes = rev.getByTestId('review-notes');
  expect(await notes.getByTestId('note-testingInstructions').textContent()).toBe('Sign in with the test account, link a Ring doorbell, then press it.');
  expect(await notes.getByTestId('note-testAccount').textContent()).toContain('reviewer@partner.example');
  const row = rev.getByTestId('review-endpoint-checks').getByTestId('review-check-row').first();
  expect(await row.getAttribute('data-passed')).toBe('true');
  expect(await row.textContent()).toContain('Answered HTTP 200 in 12 ms.');
  // The listing as submitted, not the draft's newer short description.
  expect(await rev.getByTestId('listing-short-description').textContent()).toBe('Keeps an eye on the front door.');
  expect(await rev.getByText('A newer description, written after submitting.').count()).toBe(0);

  await developer.context.close();
  await reviewer.context.close();
});
