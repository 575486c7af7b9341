/**
 * Walks a browser through every page of the console in every state a user meets (signed out,
 * an empty and a filled app list, the credentials shown once, each tab, a dialog and a menu
 * open, support staff, the public pages, an error page) and calls `check` at each: the
 * accessibility and the narrow-screen suites run their checks on the same list.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { prisma } from '@ring/db';
import { uniqueEmail } from './api.ts';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { insertApp, markBuildComplete, setPublicName } from './apps.ts';
import { createAppInBrowser, signUpInBrowser, untilSettled } from './browser.ts';
import { fixture, pngFile } from './media-files.ts';
import { completeBuildAndTest, completeCertificationForms, completeConfigure } from './certification.ts';
import { betaWithToken } from './rollouts.ts';

export type StateCheck = (state: string, page: Page) => Promise<void>;

/** Clicks until the element reacts: a click before hydration does nothing. */
async function clickUntil(click: () => Promise<void>, done: () => Promise<boolean>) {
  await expect
    .poll(async () => {
      if (!(await done())) await click();
      return done();
    })
    .toBe(true);
}

/** Two rehearsals as the sandbox leaves them: a failed one on staging, one waiting for the sign-in on production. */
async function insertRehearsals(appId: string): Promise<void> {
  const urls = {
    authorizationUrl: 'https://auth.example.com/ring/authorize',
    appHomepageUrl: 'https://example.com/ring',
    tokenExchangeUrl: 'https://api.example.com/ring/token',
    webhookUrl: 'https://hooks.example.com/ring',
  };
  const at = new Date().toISOString();
  await prisma.linkRehearsal.create({
    data: {
      appId,
      environment: 'STAGING',
      status: 'FAILED',
      accountId: `ava1.ring.account.${randomUUID()}`,
      codeHash: randomUUID(),
      ...urls,
      steps: [
        { at, kind: 'CODE_SENT', ok: true, message: `A code was POSTed to ${urls.tokenExchangeUrl}; exchange it within 60 s.` },
        { at, kind: 'TOKEN_EXCHANGE_ANSWERED', ok: false, message: 'The Token Exchange URL answered HTTP 500; Ring expects 2xx once the code is accepted.' },
      ],
    },
  });
  await prisma.linkRehearsal.create({
    data: {
      appId,
      environment: 'PRODUCTION',
      status: 'ACCOUNT_FETCHED',
      accountId: `ava1.ring.account.${randomUUID()}`,
      codeHash: randomUUID(),
      codeUsedAt: new Date(),
      ...urls,
      linkTime: String(Date.now()),
      accountLinkUrl: `${urls.authorizationUrl}?time=${Date.now()}&nonce=${'a'.repeat(43)}`,
      steps: [
        { at, kind: 'CODE_SENT', ok: true, message: `A code was POSTed to ${urls.tokenExchangeUrl}; exchange it within 60 s.` },
        { at, kind: 'CODE_EXCHANGED', ok: true, message: 'The code was exchanged after 1 s.' },
        {
          at,
          kind: 'ACCOUNT_FETCHED',
          ok: true,
          message: 'The partner fetched the Ring account id (GET /v1/users/me); the Account Link URL is ready to open.',
        },
      ],
    },
  });
}

export async function visitEveryPageState(page: Page, check: StateCheck): Promise<void> {
  const visit = async (state: string, path: string) => {
    await page.goto(path);
    await untilSettled(page);
    await check(state, page);
  };

  await visit('sign-in', '/sign-in');
  await visit('sign-up', '/sign-up');
  await visit('guidelines (signed out)', '/guidelines');
  await visit('contact (signed out)', '/contact');

  const email = uniqueEmail('pages');
  await signUpInBrowser(page, 'Page Walker', email);
  await page.waitForLoadState('networkidle');
  await check('apps list, empty', page);

  await visit('new app', '/apps/new');
  await page.getByLabel('Internal app name').fill('Home Guardian with a rather long internal name');
  await page.getByLabel(/I agree to/).check();
  await page.getByRole('button', { name: 'Create New App' }).click();
  await expect.poll(() => page.getByTestId('credentials').isVisible()).toBe(true);
  await check('credentials shown once', page);
  await page.getByLabel('I have saved my credentials').check();

  const appId = await createAppInBrowser(page, 'Porch Watch');
  // A public name, as App information would save it, so the list and overview show one.
  const publicName = `Porch Watch Pro ${Math.floor(Math.random() * 1e6)}`;
  const databaseId = await setPublicName(appId, publicName);
  // A finished Build step, so the overview shows a Complete badge too.
  await markBuildComplete(databaseId);
  const appPath = `/apps/${encodeURIComponent(appId)}`;
  await visit('apps list, with apps', '/apps');
  await visit('app overview', appPath);
  expect(await page.locator('[data-status="COMPLETE"]').count()).toBeGreaterThan(0);

  const menuButton = page.getByRole('button', { name: 'App actions' });
  await clickUntil(
    () => menuButton.click(),
    async () => (await page.getByRole('menu').count()) === 1,
  );
  await check('app actions menu open', page);
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
  await check('rename dialog open', page);
  await page.keyboard.press('Escape');

  await visit('app information', `${appPath}/info`);
  const tabs = page.getByRole('tab');
  const tabCount = await tabs.count();
  expect(tabCount).toBeGreaterThan(1);
  for (let index = 0; index < tabCount; index++) {
    const tab = tabs.nth(index);
    await clickUntil(
      () => tab.click(),
      async () => (await tab.getAttribute('aria-selected')) === 'true',
    );
    await check(`app information, tab ${(await tab.innerText()).trim()}`, page);
  }

  await visit('listing preview, nothing saved yet', `${appPath}/preview`);
  // A listing with every part, and guideline errors and warnings to list beside it: text rows
  // written as the tabs save them, media uploaded through the Media tab (real files to show).
  const savedAt = new Date();
  await prisma.generalInfo.update({
    where: { appId: databaseId },
    data: {
      version: 1,
      savedAt,
      shortDescription: 'See who came by at https://porch-watch.example/app. Then relax.',
      detailedDescription: 'Porch Watch sends a summary of every visit to your phone. Link your Ring account and pick your doorbells.',
      categories: ['HOME_SECURITY', 'PACKAGE_DELIVERY'],
      latestRelease: 'Faster summaries.',
    },
  });
  await prisma.compatibilityInfo.create({
    data: {
      appId: databaseId,
      version: 1,
      savedAt,
      features: '- Visit summaries\n- Package alerts',
      requirements: 'A Ring doorbell.',
      customerTypes: ['HOMEOWNER'],
      supportedDevices: ['VIDEO_DOORBELL_4'],
      cameraTypes: ['DOORBELL'],
    },
  });
  await prisma.additionalInfo.create({
    data: {
      appId: databaseId,
      version: 1,
      savedAt,
      developerInfo: 'Porch Watch Labs',
      websiteUrl: 'https://porch-watch.example',
      supportUrl: 'https://porch-watch.example/help',
      privacyPolicyUrl: 'https://porch-watch.example/help',
      termsOfServiceUrl: 'https://porch-watch.example/terms',
    },
  });
  await page.goto(`${appPath}/info?tab=media`, { waitUntil: 'networkidle' });
  await page.locator('#mainImage-input').setInputFiles(pngFile('main.png'));
  await page.locator('#additionalImages-input').setInputFiles([pngFile('first.png'), pngFile('second.png', 800, 600)]);
  await page.locator('#video-input').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: Buffer.from(fixture('video-30s-1280x720.mp4')) });
  await page.locator('#videoThumbnail-input').setInputFiles({ name: 'thumb.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(fixture('icon-1024.jpg')) });
  await expect.poll(() => page.getByTestId('additional-image').count()).toBe(2);
  await page.getByRole('button', { name: 'Save media assets' }).click();
  await expect.poll(() => page.getByTestId('tab-status-media').locator('[data-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('COMPLETE');
  await visit('listing preview, with media and guideline checks', `${appPath}/preview`);
  expect(await page.getByTestId('guideline-check').count()).toBeGreaterThan(1);
  const next = page.getByRole('button', { name: 'Next slide' });
  await clickUntil(
    () => next.click(),
    async () => (await page.getByTestId('carousel-position').innerText()) === '2 of 3',
  );
  await check('listing preview, carousel on its second slide', page);

  await visit('account linking', `${appPath}/linking`);
  await visit('activity', `${appPath}/activity`);
  expect(await page.getByTestId('activity-list').locator('li').count()).toBeGreaterThan(1);
  await visit('activity, filtered to nothing', `${appPath}/activity?kind=PUBLISH`);

  await visit('certification questionnaire', `${appPath}/certify/questionnaire`);
  const questionnaireTabs = page.getByRole('tab');
  const questionnaireTabCount = await questionnaireTabs.count();
  expect(questionnaireTabCount).toBe(5);
  for (let index = 0; index < questionnaireTabCount; index++) {
    const tab = questionnaireTabs.nth(index);
    await clickUntil(
      () => tab.click(),
      async () => (await tab.getAttribute('aria-selected')) === 'true',
    );
    await check(`certification questionnaire, tab ${(await tab.innerText()).trim()}`, page);
  }
  // A conditional question shown, and a refused save with its inline errors and summary.
  await page.getByRole('radio', { name: 'Yes' }).first().check();
  await page.getByRole('button', { name: 'Save third parties answers' }).click();
  await expect.poll(() => page.getByTestId('error-summary').isVisible()).toBe(true);
  await check('certification questionnaire, refused save', page);
  // Left without unsaved changes, so that leaving asks nothing.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await visit('reviewer notes', `${appPath}/certify/notes`);
  await page.getByLabel('Testing instructions').fill('Too short.');
  await page.getByRole('button', { name: 'Save reviewer notes' }).click();
  await expect.poll(() => page.getByTestId('error-summary').isVisible()).toBe(true);
  await check('reviewer notes, refused save', page);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await visit('test page, no deliveries', `${appPath}/test`);
  // Deliveries of each outcome, as the API records them, so the log shows every kind of row.
  await prisma.webhookDelivery.createMany({
    data: [
      { statusCode: 200, error: null, refused: false, responseExcerpt: '<b>ok</b>' },
      { statusCode: 500, error: 'Your endpoint answered HTTP 500; Ring expects 200.', refused: false, responseExcerpt: 'Internal error' },
      { statusCode: null, error: 'Refused: only https:// URLs are called.', refused: true, responseExcerpt: null },
    ].map((outcome, index) => ({
      appId: databaseId,
      environment: 'STAGING' as const,
      eventType: 'MOTION_DETECTED',
      url: 'https://hooks.porch-watch.example.com/ring/webhook',
      durationMs: 120 + index,
      requestHeaders: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-Signature', value: `sha256=${'a'.repeat(64)}` },
      ],
      requestBody: JSON.stringify({ meta: { version: '1.1' }, data: { type: 'motion_detected', subType: 'human' } }),
      createdAt: new Date(Date.now() - index * 1000),
      ...outcome,
    })),
  });
  await visit('test page, with deliveries', `${appPath}/test`);
  const details = page.getByTestId('delivery-row').first().locator('button[aria-expanded]');
  await clickUntil(
    () => details.click(),
    async () => (await details.getAttribute('aria-expanded')) === 'true',
  );
  await check('test page, a delivery opened', page);
  await prisma.endpointCheckRun.deleteMany({ where: { appId: databaseId } });
  await visit('build, no check runs', `${appPath}/build-step`);
  await prisma.endpointCheckRun.create({
    data: {
      appId: databaseId,
      environment: 'STAGING',
      passed: false,
      urls: {},
      checks: [
        {
          endpoint: 'AUTHORIZATION_URL',
          check: 'REACHABLE',
          passed: true,
          message: 'Answered HTTP 200 in 41 ms over TLS 1.2 or later with a valid certificate.',
          statusCode: 200,
          durationMs: 41,
        },
        {
          endpoint: 'WEBHOOK_URL',
          check: 'REFUSES_WRONG_SIGNATURE',
          passed: false,
          message: 'An event with a wrong X-Signature was accepted with HTTP 200; Ring expects 4xx: verify the signature before trusting an event.',
          statusCode: 200,
          durationMs: 87,
        },
      ],
    },
  });
  await visit('build, with check results', `${appPath}/build-step`);
  expect(await page.getByTestId('check-row').count()).toBe(2);
  await visit('test, no rehearsals (locked)', `${appPath}/test`);
  await expect.poll(() => page.getByText('No rehearsals yet').isVisible()).toBe(true);
  await insertRehearsals(databaseId);
  await visit('test, with rehearsals (one failed, one awaiting sign-in)', `${appPath}/test`);
  await expect.poll(() => page.getByTestId('account-link').isVisible()).toBe(true);

  // A certified v1 rolling out at 25 %, straight in the database (Certify has its own walk), so
  // the Publish page shows the current rollout, its controls and the version history. (Written before the page's first visit: the server caches responses.)
  const walkerId = (await prisma.developer.findUniqueOrThrow({ where: { email } })).id;
  const v1 = await prisma.appVersion.create({
    data: {
      appId: databaseId,
      number: 1,
      releaseNotes: 'First release.',
      snapshot: {},
      submission: { create: { appId: databaseId, status: 'CERTIFIED', decidedAt: new Date(), submittedById: walkerId } },
    },
  });
  const rollout = await prisma.rollout.create({
    data: {
      appId: databaseId,
      versionId: v1.id,
      strategy: 'GRADUAL',
      status: 'IN_PROGRESS',
      percent: 25,
      nationwide: false,
      states: ['CA', 'TX'],
      startedById: walkerId,
    },
  });
  await prisma.rolloutEvent.create({ data: { rolloutId: rollout.id, kind: 'STARTED', percent: 25 } });
  await visit('publish, rollout in progress', `${appPath}/publish`);
  const rollbackButton = page.getByRole('button', { name: 'Roll back…' });
  await clickUntil(
    () => rollbackButton.click(),
    () => page.getByRole('dialog').isVisible(),
  );
  await check('publish, roll back dialog open', page);
  await page.keyboard.press('Escape');
  // A beta invite link, open, then expired, and one not valid (the page a tester's link opens).
  const betaApp = await insertApp(encodeGlobalID('Developer', walkerId), 'Beta app');
  const open = await betaWithToken(betaApp.id, { testers: 3 });
  await visit('beta invite, open', `/beta/${open.token}`);
  await prisma.rollout.update({ where: { id: open.rollout.id }, data: { betaExpiresAt: new Date(Date.now() - 1000) } });
  await visit('beta invite, expired', `/beta/${open.token}`);
  await visit('beta invite, not valid', '/beta/rbt_no-such-token');
  await visit('API tokens', '/settings/tokens');
  await page.getByLabel('Token name').fill('Deploy script with a long descriptive name');
  await clickUntil(
    () => page.getByRole('button', { name: 'Create token' }).click(),
    () => page.getByTestId('new-token').isVisible(),
  );
  await check('API token shown once, with the token table', page);
  await visit('error page', '/apps/no-such-app');
  await visit('guidelines', '/guidelines');
  await visit('contact', '/contact');
  await visit('documentation', '/docs');
  await visit('agreement', '/agreement');

  await visit('certify, locked', `${appPath}/certify`);
  await visitCertification(page, email, visit, check);

  await prisma.developer.update({ where: { email }, data: { role: 'SUPPORT' } });
  // The server learns of the new role through the database's change feed, a moment later.
  const search = page.getByLabel('App name or client ID');
  await expect
    .poll(
      async () => {
        await page.goto('/support', { waitUntil: 'networkidle' });
        return search.isVisible();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await check('support (staff)', page);
  await page.getByLabel('App name or client ID').fill('Porch Watch');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => page.getByTestId('support-row').count()).toBeGreaterThan(0);
  await check('support (staff), search results', page);
  await page.getByTestId('support-row').first().getByRole('link').click();
  await expect.poll(() => page.getByTestId('activity-list').isVisible()).toBe(true);
  await check('support (staff), an app’s activity', page);
}

/**
 * Certify's states: the submit form of a ready app, a submission under review with the
 * withdraw dialog open, the listing preview of the submitted version, then (as a reviewer) the
 * review queue and a claimed submission with the findings form.
 */
async function visitCertification(page: Page, email: string, visit: (state: string, path: string) => Promise<void>, check: StateCheck) {
  const developer = await prisma.developer.findUniqueOrThrow({ where: { email } });
  const app = await insertApp(encodeGlobalID('Developer', developer.id), 'Ready for review');
  await completeConfigure(app.id);
  await completeBuildAndTest(app.globalId);
  await completeCertificationForms(app.id);
  const certifyPath = `/apps/${encodeURIComponent(app.globalId)}/certify`;
  await visit('certify, ready to submit', certifyPath);
  await page.getByLabel('Release notes').fill('A first version for the page walk, with notes.');
  await page.getByLabel(/I have tested the account-linking workflow/).check();
  await clickUntil(
    () => page.getByRole('button', { name: 'Start review process' }).click(),
    async () => (await page.getByTestId('submission').count()) === 1,
  );
  await page.waitForLoadState('networkidle');
  await check('certify, under review', page);
  await clickUntil(
    () => page.getByRole('button', { name: 'Withdraw' }).click(),
    () => page.getByRole('dialog').isVisible(),
  );
  await check('certify, withdraw dialog open', page);
  await page.keyboard.press('Escape');
  await visit('listing preview of v1, as submitted', `/apps/${encodeURIComponent(app.globalId)}/preview?version=1`);

  await prisma.developer.update({ where: { email }, data: { role: 'REVIEWER' } });
  // The server learns of the new role through the database's change feed, a moment later.
  await expect
    .poll(
      async () => {
        await page.goto('/review', { waitUntil: 'networkidle' });
        return page.getByRole('heading', { name: 'Review queue' }).isVisible();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await check('review queue (reviewer)', page);
  const submission = await prisma.certificationSubmission.findFirstOrThrow({ where: { appId: app.id } });
  await visit('review, not claimed', `/review/${encodeURIComponent(encodeGlobalID('CertificationSubmission', submission.id))}`);
  await clickUntil(
    () => page.getByRole('button', { name: 'Claim this review' }).click(),
    () => page.getByRole('button', { name: 'Request changes' }).isVisible(),
  );
  await check('review, claimed, with the findings form', page);
}
