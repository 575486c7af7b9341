import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import {
  AccountLinkingPage_SaveDocument,
  ActivityPage_AppDocument,
  AppInfoPage_SaveAdditionalInfoDocument,
  SupportActivityPage_AppDocument,
  SupportPage_ReissueCredentialsDocument,
} from '@ring/client';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { execute, newDeveloper, newStaff } from '../support/api.ts';
import { createAppVia } from '../support/created-apps.ts';

const linking = {
  authorizationUrl: 'https://auth.example.com/ring/authorize',
  appHomepageUrl: 'https://app.example.com/home',
  tokenExchangeUrl: 'https://api.example.com/ring/token',
  webhookUrl: 'https://api.example.com/ring/webhook',
};

/** An app with one of each kind of Configure save, made through the API as a developer would. */
async function appWithHistory() {
  const developer = await newDeveloper('activity');
  const created = await createAppVia(developer, 'Porch Watch');
  const appId = created.app.id;
  const additional = await execute(AppInfoPage_SaveAdditionalInfoDocument, { input: { appId, websiteUrl: 'https://porch.example.com' } }, developer);
  expect(additional.data?.saveAdditionalInfo.__typename).toBe('SaveAdditionalInfoSuccess');
  const saved = await execute(AccountLinkingPage_SaveDocument, { input: { appId, environment: 'STAGING', ...linking } }, developer);
  expect(saved.data?.saveAccountLinking.__typename).toBe('SaveAccountLinkingSuccess');
  return { developer, appId };
}

async function activityOf(
  caller: { cookie?: string; token?: string },
  id: string,
  variables: { kind?: 'CONFIGURE' | 'APP'; after?: string; first?: number } = {},
) {
  const result = await execute(ActivityPage_AppDocument, { id, ...variables }, caller);
  const app = result.data?.app;
  if (app?.__typename !== 'App' || !app.activity) throw new Error(JSON.stringify(result));
  return app.activity;
}

describe('App.activity', () => {
  it('lists every recorded action on the app, newest first, each as a sentence with who did it', async () => {
    const { developer, appId } = await appWithHistory();
    const activity = await activityOf(developer, appId);
    const events = activity.edges.map(({ node }) => node);
    expect(events.map((event) => event.action).slice(0, 2)).toEqual(['configure.linking-saved', 'configure.tab-saved']);
    // Recorded in one statement, so these two share a time.
    expect(
      events
        .map((event) => event.action)
        .slice(2)
        .sort(),
    ).toEqual(['app.created', 'compliance.accepted']);
    expect(events[0]).toMatchObject({
      kind: 'CONFIGURE',
      summary: 'Saved the staging account linking URLs (version 1).',
      actor: { name: 'Test activity', role: 'DEVELOPER' },
    });
    expect(events[1]!.summary).toBe('Saved the App information Additional tab (version 1).');
    expect(events.find((event) => event.action === 'app.created')!.summary).toBe('Created the app “Porch Watch”.');
    const times = events.map((event) => new Date(event.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by kind and pages with cursors, one page after another without repeats or gaps', async () => {
    const { developer, appId } = await appWithHistory();
    const configure = await activityOf(developer, appId, { kind: 'CONFIGURE' });
    expect(configure.edges.map(({ node }) => node.action)).toEqual(['configure.linking-saved', 'configure.tab-saved']);
    const app = await activityOf(developer, appId, { kind: 'APP' });
    expect(app.edges.map(({ node }) => node.kind)).toEqual(['APP', 'APP']);

    const everything = (await activityOf(developer, appId)).edges.map(({ node }) => node.id);
    const paged: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 4; page++) {
      const one = await activityOf(developer, appId, { first: 1, after });
      expect(one.edges).toHaveLength(1);
      paged.push(one.edges[0]!.node.id);
      expect(one.pageInfo.hasNextPage).toBe(page < 3);
      after = one.pageInfo.endCursor!;
    }
    expect(paged).toEqual(everything);
    expect((await activityOf(developer, appId, { after })).edges).toEqual([]);
  });

  it('shows a credentials reissue by support staff, named as staff, to the owner and to support', async () => {
    const { developer, appId } = await appWithHistory();
    const support = await newStaff('SUPPORT', 'activity-support');
    const reissued = await execute(SupportPage_ReissueCredentialsDocument, { input: { appId, reason: 'Developer lost the client secret' } }, support);
    expect(reissued.data?.reissueCredentials.__typename).toBe('ReissueCredentialsSuccess');

    const owner = await activityOf(developer, appId, {});
    expect(owner.edges[0]!.node).toMatchObject({ kind: 'CREDENTIALS', action: 'credentials.reissued', actor: { role: 'SUPPORT' } });
    expect(owner.edges[0]!.node.summary).toMatch(/^Reissued the credentials \(Developer lost the client secret\)/);

    const seenBySupport = await execute(SupportActivityPage_AppDocument, { id: appId }, support);
    const supportApp = seenBySupport.data?.supportApp;
    if (supportApp?.__typename !== 'App') throw new Error(JSON.stringify(seenBySupport));
    expect(supportApp.activity!.edges.map(({ node }) => node.id)).toEqual(owner.edges.map(({ node }) => node.id));
    expect(supportApp.owner).toMatchObject({ name: 'Test activity' });
  });

  it('is NotFoundError to another developer and ForbiddenError through supportApp to a developer, revealing nothing', async () => {
    const { appId } = await appWithHistory();
    const stranger = await newDeveloper('stranger');
    const asStranger = await execute(ActivityPage_AppDocument, { id: appId }, stranger);
    expect(asStranger.data?.app.__typename).toBe('NotFoundError');
    const viaSupport = await execute(SupportActivityPage_AppDocument, { id: appId }, stranger);
    expect(viaSupport.data?.supportApp).toMatchObject({ __typename: 'ForbiddenError' });
  });

  it('answers supportApp with NotFoundError for an id that is not an app', async () => {
    const support = await newStaff('SUPPORT', 'activity-support');
    const developer = await newDeveloper('other');
    const result = await execute(SupportActivityPage_AppDocument, { id: developer.id }, support);
    expect(result.data?.supportApp.__typename).toBe('NotFoundError');
  });

  it('records the kind of every event with the event, classified by the shared catalogue', async () => {
    const { appId } = await appWithHistory();
    const rows = await prisma.auditEvent.findMany({ where: { appId: decodeGlobalID(appId).id }, orderBy: { action: 'asc' } });
    expect(rows.map((row) => [row.action, row.kind])).toEqual([
      ['app.created', 'APP'],
      ['compliance.accepted', 'APP'],
      ['configure.linking-saved', 'CONFIGURE'],
      ['configure.tab-saved', 'CONFIGURE'],
    ]);
  });
});
