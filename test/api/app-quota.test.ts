/**
 * The per-developer app quota and creation rate: both are counted in PostgreSQL inside the
 * creating transaction under a lock on the developer's row, so they hold for concurrent
 * requests and across server processes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { AppOverviewPage_DeleteAppDocument, NewAppPage_CreateAppDocument } from '@ring/client';
import { execute, newDeveloper } from '../support/api.ts';
import { createAppVia } from '../support/created-apps.ts';
import { race, resultTypename, tally } from '../support/races.ts';

const saved = { quota: process.env.APP_QUOTA_PER_DEVELOPER, rate: process.env.APPS_CREATED_PER_HOUR };
afterEach(() => {
  for (const [name, value] of [
    ['APP_QUOTA_PER_DEVELOPER', saved.quota],
    ['APPS_CREATED_PER_HOUR', saved.rate],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const create = (caller: { cookie?: string }, name = 'Quota app') => execute(NewAppPage_CreateAppDocument, { input: { name, acceptCompliance: true } }, caller);
const appCount = (developer: { id: string }) => prisma.app.count({ where: { developerId: decodeGlobalID(developer.id).id } });

describe('app quota per developer (APP_QUOTA_PER_DEVELOPER)', () => {
  it('allows the 3rd app of a quota of 3 and refuses the 4th with a ValidationError coded QUOTA_EXCEEDED, saving nothing', async () => {
    process.env.APP_QUOTA_PER_DEVELOPER = '3';
    const developer = await newDeveloper();
    await createAppVia(developer, 'One');
    await createAppVia(developer, 'Two');
    expect((await create(developer, 'Three')).data?.createApp.__typename).toBe('CreateAppSuccess');
    const refused = (await create(developer, 'Four')).data?.createApp;
    expect(refused?.__typename).toBe('ValidationError');
    if (refused?.__typename !== 'ValidationError') return;
    expect(refused.message).toBe('You have 3 apps, the most one developer may have. Delete an app you no longer need to create another.');
    expect(refused.fields).toEqual([{ path: [], code: 'QUOTA_EXCEEDED', message: refused.message }]);
    expect(await appCount(developer)).toBe(3);
  });

  it('lets exactly one of 6 concurrent creations take the last place', async () => {
    process.env.APP_QUOTA_PER_DEVELOPER = '3';
    const developer = await newDeveloper();
    await createAppVia(developer, 'One');
    await createAppVia(developer, 'Two');
    const outcomes = await race(6, (index) => create(developer, `Racer ${index}`));
    expect(tally(outcomes.map((outcome) => resultTypename(outcome, 'createApp')))).toEqual({ CreateAppSuccess: 1, ValidationError: 5 });
    expect(await appCount(developer)).toBe(3);
  });

  it('counts each developer separately', async () => {
    process.env.APP_QUOTA_PER_DEVELOPER = '1';
    const first = await newDeveloper();
    const second = await newDeveloper();
    await createAppVia(first, 'Mine');
    expect((await create(second, 'Theirs')).data?.createApp.__typename).toBe('CreateAppSuccess');
  });
});

describe('app creation rate (APPS_CREATED_PER_HOUR)', () => {
  it('allows the 3rd creation of an hour with a rate of 3 and refuses the 4th with RateLimitedError, even after deleting apps', async () => {
    process.env.APPS_CREATED_PER_HOUR = '3';
    const developer = await newDeveloper();
    for (const name of ['One', 'Two']) {
      const { app } = await createAppVia(developer, name);
      await execute(AppOverviewPage_DeleteAppDocument, { input: { appId: app.id } }, developer);
    }
    expect((await create(developer, 'Three')).data?.createApp.__typename).toBe('CreateAppSuccess');
    const refused = (await create(developer, 'Four')).data?.createApp;
    expect(refused?.__typename).toBe('RateLimitedError');
    expect(refused?.__typename === 'RateLimitedError' && refused.message).toBe('You can create at most 3 apps an hour. Try again later.');
    expect(await appCount(developer)).toBe(1);
  });

  it('lets exactly the allowed number of 8 concurrent creations through', async () => {
    process.env.APPS_CREATED_PER_HOUR = '4';
    const developer = await newDeveloper();
    await createAppVia(developer, 'One');
    const outcomes = await race(8, (index) => create(developer, `Racer ${index}`));
    expect(tally(outcomes.map((outcome) => resultTypename(outcome, 'createApp')))).toEqual({ CreateAppSuccess: 3, RateLimitedError: 5 });
    expect(await appCount(developer)).toBe(4);
  });
});
