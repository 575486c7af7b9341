/** Races against the real database: one winner where the data demands it, no lost writes, no 500s. */
import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { AccountLinkingPage_SaveDocument, CreateApiTokenDocument, SignUpDocument } from '@ring/client';
import { execute, newDeveloper, PASSWORD, uniqueEmail } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { race, resultTypename, tally } from '../support/races.ts';

describe('concurrency', () => {
  it('concurrent sign-ups with the same email (any letter case): exactly one wins, the rest get ConflictError', async () => {
    const email = uniqueEmail('race');
    const outcomes = await race(10, (i) =>
      execute(SignUpDocument, { input: { email: i % 2 ? email.toUpperCase() : email, password: PASSWORD, name: `Racer ${i}` } }),
    );
    expect(tally(outcomes.map((outcome) => resultTypename(outcome, 'signUp')))).toEqual({ SignUpSuccess: 1, ConflictError: 9 });
    expect(await prisma.developer.count({ where: { email } })).toBe(1);
    // The loser's session was never started: exactly one session for the one account.
    expect(await prisma.session.count({ where: { developer: { email } } })).toBe(1);
  });

  it('50 concurrent createApiToken calls across 5 developers: zero errors, every row present', async () => {
    const developers = await Promise.all(Array.from({ length: 5 }, (_, i) => newDeveloper(`tokens${i}`)));
    const stamp = `race-${Date.now()}`;
    const outcomes = await race(50, (i) => execute(CreateApiTokenDocument, { input: { name: `${stamp}-${i}` } }, { token: developers[i % 5]!.token }));
    expect(tally(outcomes.map((outcome) => resultTypename(outcome, 'createApiToken')))).toEqual({ CreateApiTokenSuccess: 50 });
    const rows = await prisma.apiToken.findMany({ where: { name: { startsWith: `${stamp}-` } }, include: { developer: true } });
    expect(rows).toHaveLength(50);
    for (let i = 0; i < 50; i += 1) {
      const row = rows.find((candidate) => candidate.name === `${stamp}-${i}`);
      expect(row?.developer.email).toBe(developers[i % 5]!.email);
    }
    // Every plaintext handed out works and is distinct.
    const tokens = outcomes.map((outcome) =>
      outcome.ok && outcome.value.data?.createApiToken.__typename === 'CreateApiTokenSuccess' ? outcome.value.data.createApiToken.token : '',
    );
    expect(new Set(tokens).size).toBe(50);
  });

  const linking = (appId: string, expectedVersion: number, host: string) => ({
    input: {
      appId,
      environment: 'STAGING' as const,
      expectedVersion,
      authorizationUrl: `https://${host}/authorize`,
      appHomepageUrl: `https://${host}/`,
      tokenExchangeUrl: `https://${host}/token`,
      webhookUrl: `https://${host}/hooks`,
    },
  });

  it('two saves of the same tab from the same version: exactly one ConflictError, the winner’s data intact', async () => {
    const owner = await newDeveloper('tab-race');
    const app = await insertApp(owner.id);
    // From nothing saved (version 0: the insert path), then from version 1 (the update path).
    for (const version of [0, 1]) {
      const outcomes = await race(2, (i) =>
        execute(AccountLinkingPage_SaveDocument, linking(app.globalId, version, `v${version}-writer${i}.example.com`), owner),
      );
      const typenames = outcomes.map((outcome) => resultTypename(outcome, 'saveAccountLinking'));
      expect(tally(typenames)).toEqual({ SaveAccountLinkingSuccess: 1, ConflictError: 1 });
      const winner = typenames.indexOf('SaveAccountLinkingSuccess');
      const row = await prisma.accountLinking.findUniqueOrThrow({ where: { appId_environment: { appId: app.id, environment: 'STAGING' } } });
      expect(row.version).toBe(version + 1);
      for (const field of ['authorizationUrl', 'appHomepageUrl', 'tokenExchangeUrl', 'webhookUrl'] as const) {
        expect(row[field]).toContain(`v${version}-writer${winner}.example.com`);
      }
    }
  });

  it('50 concurrent saves across 50 apps: zero errors, every row present', async () => {
    const owner = await newDeveloper('many-apps');
    const apps = await Promise.all(Array.from({ length: 50 }, (_, i) => insertApp(owner.id, `Race app ${i}`)));
    const outcomes = await race(50, (i) => execute(AccountLinkingPage_SaveDocument, linking(apps[i]!.globalId, 0, `app${i}.example.com`), owner));
    expect(tally(outcomes.map((outcome) => resultTypename(outcome, 'saveAccountLinking')))).toEqual({ SaveAccountLinkingSuccess: 50 });
    const rows = await prisma.accountLinking.findMany({ where: { appId: { in: apps.map((app) => app.id) } } });
    expect(rows).toHaveLength(50);
    for (const [i, app] of apps.entries()) {
      expect(rows.find((row) => row.appId === app.id)?.webhookUrl).toBe(`https://app${i}.example.com/hooks`);
    }
  });
});
