/**
 * Saves and renames racing a delete of the same app: whichever commits first, the loser is
 * told NotFoundError (the app is gone), never a foreign-key 500 or AppPublishedError for an
 * app that was never published. Each race runs several times to hit the narrow windows.
 */
import { describe, expect, it } from 'vitest';
import {
  AccountLinkingPage_SaveDocument,
  AppInfoPage_SaveCompatibilityInfoDocument,
  AppInfoPage_SaveGeneralInfoDocument,
  AppOverviewPage_DeleteAppDocument,
  AppOverviewPage_RenameAppDocument,
} from '@ring/client';
import { execute, newDeveloper, type Caller } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { race, resultTypename } from '../support/races.ts';

const ROUNDS = 12;

type Attempt = (caller: Caller, appId: string, round: number) => Promise<{ typename: string }>;

async function raceDelete(attempt: Attempt) {
  const developer = await newDeveloper();
  const seen: string[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const app = await insertApp(developer.id, `Racing ${round}`);
    const outcomes = await race(2, (index) =>
      index === 0
        ? execute(AppOverviewPage_DeleteAppDocument, { input: { appId: app.globalId } }, developer).then((result) => ({
            typename: resultTypename({ ok: true, value: result }, 'deleteApp'),
          }))
        : attempt(developer, app.globalId, round),
    );
    const [deleted, other] = outcomes.map((outcome) => (outcome.ok ? outcome.value.typename : 'THROWN'));
    seen.push(`${deleted} + ${other}`);
  }
  return seen;
}

const typenameOf = (field: string) => (result: { data?: unknown; errors?: readonly unknown[] }) => ({
  typename: resultTypename({ ok: true, value: result }, field),
});

describe('a change racing deleteApp', () => {
  it('renameApp answers its success or NotFoundError, never AppPublishedError or an error', async () => {
    const seen = await raceDelete((caller, appId, round) =>
      execute(AppOverviewPage_RenameAppDocument, { input: { appId, name: `Renamed ${round}` } }, caller).then(typenameOf('renameApp')),
    );
    expect(seen.filter((pair) => pair !== 'DeleteAppSuccess + RenameAppSuccess' && pair !== 'DeleteAppSuccess + NotFoundError')).toEqual([]);
  });

  it('a second deleteApp answers NotFoundError, never AppPublishedError', async () => {
    const seen = await raceDelete((caller, appId) => execute(AppOverviewPage_DeleteAppDocument, { input: { appId } }, caller).then(typenameOf('deleteApp')));
    expect(seen.filter((pair) => pair !== 'DeleteAppSuccess + NotFoundError' && pair !== 'NotFoundError + DeleteAppSuccess')).toEqual([]);
  });

  it('saveGeneralInfo and saveCompatibilityInfo answer their success or NotFoundError, never a foreign-key error', async () => {
    const general = await raceDelete((caller, appId, round) =>
      execute(AppInfoPage_SaveGeneralInfoDocument, { input: { appId, shortDescription: `Saved in round ${round}` } as never }, caller).then(
        typenameOf('saveGeneralInfo'),
      ),
    );
    const compatibility = await raceDelete((caller, appId) =>
      execute(AppInfoPage_SaveCompatibilityInfoDocument, { input: { appId, features: 'Motion alerts' } as never }, caller).then(
        typenameOf('saveCompatibilityInfo'),
      ),
    );
    expect(general.filter((pair) => pair !== 'DeleteAppSuccess + SaveGeneralInfoSuccess' && pair !== 'DeleteAppSuccess + NotFoundError')).toEqual([]);
    expect(compatibility.filter((pair) => pair !== 'DeleteAppSuccess + SaveCompatibilityInfoSuccess' && pair !== 'DeleteAppSuccess + NotFoundError')).toEqual(
      [],
    );
  });

  it('saveAccountLinking answers its success or NotFoundError, never a foreign-key error or ConflictError', async () => {
    const urls = {
      authorizationUrl: 'https://auth.example.com/authorize',
      appHomepageUrl: 'https://example.com/',
      tokenExchangeUrl: 'https://auth.example.com/token',
      webhookUrl: 'https://api.example.com/webhook',
    };
    const seen = await raceDelete((caller, appId, round) =>
      execute(
        AccountLinkingPage_SaveDocument,
        { input: { appId, environment: 'STAGING', ...(round % 2 ? { expectedVersion: 0 } : {}), ...urls } },
        caller,
      ).then(typenameOf('saveAccountLinking')),
    );
    expect(seen.filter((pair) => pair !== 'DeleteAppSuccess + SaveAccountLinkingSuccess' && pair !== 'DeleteAppSuccess + NotFoundError')).toEqual([]);
  });
});
