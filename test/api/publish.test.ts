/**
 * Publish through the API: starting rollouts, raising, pausing, resuming, completing, rolling
 * back, superseding, betas and their invite links, and what the app shows (publishedAt, the
 * Publish step, version labels, liveVersion, the audit trail), against the real database. Each
 * refusal is checked to change nothing.
 */
import { describe, expect, it } from 'vitest';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { createPrismaClient, prisma } from '@ring/db';
import {
  AppOverviewPage_RenameAppDocument,
  BetaPage_InviteDocument,
  BetaPage_JoinDocument,
  PublishPage_AppDocument,
  PublishPage_CreateBetaInviteDocument,
  PublishPage_PauseDocument,
  PublishPage_PromoteDocument,
  PublishPage_ResumeDocument,
  PublishPage_RollbackDocument,
  PublishPage_StartRolloutDocument,
  PublishPage_UpdatePercentDocument,
} from '@ring/client';
import { execute, newDeveloper } from '../support/api.ts';
import { race, resultTypename, tally } from '../support/races.ts';
import { certifiedApp, versionWith } from '../support/rollouts.ts';

type Caller = { cookie: string };
const NATIONWIDE = { nationwide: true, states: [] as string[] };
type Strategy = 'GRADUAL' | 'BETA' | 'FULL';

const start = (
  owner: Caller,
  input: { appId: string; versionId: string; strategy?: Strategy; percent?: number | null; distribution?: { nationwide: boolean; states: string[] } },
) =>
  execute(PublishPage_StartRolloutDocument, { input: { distribution: NATIONWIDE, strategy: 'GRADUAL', percent: 10, ...input } }, owner).then(
    (r) => r.data!.startRollout,
  );

async function started(owner: Caller, input: Parameters<typeof start>[1]) {
  const result = await start(owner, input);
  if (result.__typename !== 'StartRolloutSuccess') throw new Error(JSON.stringify(result));
  return result.rollout;
}

const raise = (owner: Caller, rolloutId: string, percent: number) =>
  execute(PublishPage_UpdatePercentDocument, { input: { rolloutId, percent } }, owner).then((r) => r.data!.updateRolloutPercent);
const pause = (owner: Caller, rolloutId: string) => execute(PublishPage_PauseDocument, { input: { rolloutId } }, owner).then((r) => r.data!.pauseRollout);
const resume = (owner: Caller, rolloutId: string) => execute(PublishPage_ResumeDocument, { input: { rolloutId } }, owner).then((r) => r.data!.resumeRollout);
const rollback = (owner: Caller, rolloutId: string, reason = 'Crashes on older doorbells.') =>
  execute(PublishPage_RollbackDocument, { input: { rolloutId, reason } }, owner).then((r) => r.data!.rollbackRollout);
const join = (token: string, state = 'CA') => execute(BetaPage_JoinDocument, { input: { token, state } }).then((r) => r.data!.joinBeta);

async function publishPage(owner: Caller, appId: string) {
  const result = await execute(PublishPage_AppDocument, { id: appId }, owner);
  if (result.data?.app.__typename !== 'App') throw new Error(JSON.stringify(result));
  return result.data.app;
}

const publishStep = async (owner: Caller, appId: string) => (await publishPage(owner, appId)).lifecycle.find((entry) => entry.step === 'PUBLISH')!.status;

async function rolloutState(appGlobalId: string) {
  const appId = decodeGlobalID(appGlobalId).id;
  const [rollouts, events, testers, app, audit] = await Promise.all([
    prisma.rollout.findMany({ where: { appId }, orderBy: { id: 'asc' } }),
    prisma.rolloutEvent.findMany({ where: { rollout: { appId } }, orderBy: { id: 'asc' } }),
    prisma.betaTester.findMany({ where: { rollout: { appId } }, orderBy: { id: 'asc' } }),
    prisma.app.findUniqueOrThrow({ where: { id: appId } }),
    prisma.auditEvent.findMany({ where: { appId, action: { startsWith: 'rollout.' } }, orderBy: { id: 'asc' } }),
  ]);
  return { rollouts, events, testers, app, audit };
}

const tokenOf = (url: string) => decodeURIComponent(url.split('/beta/')[1]!);

describe('startRollout', () => {
  it('a gradual rollout at 10 % is in progress at once, publishes the app and puts Publish IN_PROGRESS', async () => {
    const { owner, app, v1 } = await certifiedApp();
    expect(await publishStep(owner, app.globalId)).toBe('PENDING');
    const rollout = await started(owner, {
      appId: app.globalId,
      versionId: v1.globalId,
      percent: 10,
      distribution: { nationwide: false, states: ['CA', 'TX'] },
    });
    expect(rollout).toMatchObject({
      status: 'IN_PROGRESS',
      strategy: 'GRADUAL',
      percent: 10,
      distribution: { nationwide: false, states: ['CA', 'TX'], label: 'California, Texas' },
    });
    expect(rollout.history.map((entry) => entry.kind)).toEqual(['STARTED', 'DEPLOYED']);
    expect(rollout.history[0]!.actorEmail).toBe(owner.email);
    expect(rollout.version.label).toBe('Live to 10 %');
    const page = await publishPage(owner, app.globalId);
    expect(page.publishedAt).not.toBeNull();
    expect(page.liveVersion).toMatchObject({ percent: 10, paused: false, version: { name: 'v1' } });
    expect(await publishStep(owner, app.globalId)).toBe('IN_PROGRESS');
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { appId: app.id, action: 'rollout.started' } });
    expect(audit.detail).toMatchObject({ versionNumber: 1, strategy: 'GRADUAL', percent: 10 });
  });

  it('takes 1 and 100 and refuses 0 and 101, naming percent, saving nothing', async () => {
    const { owner, app, v1 } = await certifiedApp();
    for (const percent of [0, 101]) {
      const before = await rolloutState(app.globalId);
      const result = await start(owner, { appId: app.globalId, versionId: v1.globalId, percent });
      expect(result.__typename).toBe('ValidationError');
      if (result.__typename === 'ValidationError') expect(result.fields.map((field) => field.path.join('.'))).toEqual(['percent']);
      expect(await rolloutState(app.globalId)).toEqual(before);
    }
    expect((await started(owner, { appId: app.globalId, versionId: v1.globalId, percent: 1 })).percent).toBe(1);
    const other = await certifiedApp();
    const full = await started(other.owner, { appId: other.app.globalId, versionId: other.v1.globalId, percent: 100 });
    expect(full.status).toBe('COMPLETED');
    expect(await publishStep(other.owner, other.app.globalId)).toBe('COMPLETE');
  });

  it('refuses an uncertified, a withdrawn and another app’s version, and bad distributions, saving nothing', async () => {
    const { owner, app } = await certifiedApp();
    const underReview = await versionWith(app.globalId, 'UNDER_REVIEW');
    const withdrawn = await versionWith(app.globalId, 'WITHDRAWN');
    const stranger = await certifiedApp('stranger');
    const before = await rolloutState(app.globalId);
    const cases: [string, Parameters<typeof start>[1], RegExp][] = [
      ['versionId', { appId: app.globalId, versionId: underReview.globalId }, /v2 cannot be rolled out: it is not certified/],
      ['versionId', { appId: app.globalId, versionId: withdrawn.globalId }, /v3 cannot be rolled out: its certification was withdrawn/],
      ['versionId', { appId: app.globalId, versionId: stranger.v1.globalId }, /No version with this id among this app’s versions/],
      [
        'distribution.states',
        { appId: app.globalId, versionId: underReview.globalId, distribution: { nationwide: false, states: ['XX'] } },
        /Unknown state code XX/,
      ],
      ['distribution.states', { appId: app.globalId, versionId: underReview.globalId, distribution: { nationwide: false, states: [] } }, /at least one state/],
      ['distribution.states', { appId: app.globalId, versionId: underReview.globalId, distribution: { nationwide: true, states: ['CA'] } }, /not both/],
    ];
    for (const [path, input, message] of cases) {
      const result = await start(owner, input);
      expect(result.__typename, path).toBe('ValidationError');
      if (result.__typename !== 'ValidationError') continue;
      const field = result.fields.find((entry) => entry.path.join('.') === path);
      expect(field?.message, JSON.stringify(result.fields)).toMatch(message);
    }
    expect(await rolloutState(app.globalId)).toEqual(before);
    expect((await start(stranger.owner, { appId: app.globalId, versionId: stranger.v1.globalId })).__typename).toBe('NotFoundError');
  });

  it('rollouts started at once: exactly one wins, the others are ConflictErrors', async () => {
    const { owner, app, v1 } = await certifiedApp();
    const outcomes = await race(6, () =>
      execute(
        PublishPage_StartRolloutDocument,
        { input: { appId: app.globalId, versionId: v1.globalId, distribution: NATIONWIDE, strategy: 'GRADUAL', percent: 5 } },
        owner,
      ),
    );
    expect(tally(outcomes.map((outcome) => resultTypename(outcome, 'startRollout')))).toEqual({ StartRolloutSuccess: 1, ConflictError: 5 });
    expect(await prisma.rollout.count({ where: { appId: app.id } })).toBe(1);
    // And one after another: the second waits until the first is over.
    const result = await start(owner, { appId: app.globalId, versionId: v1.globalId });
    expect(result.__typename).toBe('ConflictError');
    if (result.__typename === 'ConflictError') expect(result.message).toMatch(/rollout of v1 is in progress/);
  });

  it('the database itself keeps one rollout under way: a start racing a writer that skips the publish lock gets the same ConflictError', async () => {
    const { owner, app, v1 } = await certifiedApp();
    const appId = decodeGlobalID(app.globalId).id;
    const { developerId } = await prisma.app.findUniqueOrThrow({ where: { id: appId }, select: { developerId: true } });
    // Another connection inserts a rollout under way and holds its transaction open: the
    // service's check cannot see the row yet, and its advisory lock does not stop this writer.
    const outsider = createPrismaClient(process.env.DATABASE_URL!);
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let inserted!: () => void;
    const insertedRow = new Promise<void>((resolve) => (inserted = resolve));
    const holding = outsider.$transaction(
      async (tx) => {
        await tx.$executeRaw`INSERT INTO "Rollout" (id, "appId", "versionId", strategy, status, percent, nationwide, states, "startedById", "updatedAt")
          VALUES (gen_random_uuid(), ${appId}::uuid, ${v1.id}::uuid, 'GRADUAL', 'IN_PROGRESS', 5, true, '{}', ${developerId}::uuid, now())`;
        inserted();
        await committing;
      },
      { timeout: 30_000 },
    );
    try {
      await insertedRow;
      const answer = start(owner, { appId: app.globalId, versionId: v1.globalId, percent: 20 });
      // The service's insert waits on the held row's index entry (or, without the index, has
      // already committed): either way its statement is over or blocked before the commit.
      const deadline = Date.now() + 10_000;
      let settled = false;
      void answer.then(() => (settled = true));
      while (!settled && Date.now() < deadline) {
        const waiting = await prisma.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "public"."Rollout"%'`;
        if (Number(waiting[0]!.n) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      commit();
      await holding;
      const result = await answer;
      expect(result.__typename).toBe('ConflictError');
      if (result.__typename === 'ConflictError') {
        expect(result.message).toBe('The rollout of v1 is in progress: complete it or roll it back before starting another.');
      }
      expect(await prisma.rollout.count({ where: { appId, status: { in: ['DEPLOYMENT_PENDING', 'IN_PROGRESS', 'PAUSED'] } } })).toBe(1);
      expect(await prisma.rollout.count({ where: { appId, percent: 20 } })).toBe(0);
    } finally {
      commit();
      await holding.catch(() => undefined);
      await outsider.$disconnect();
    }
  });

  it('two starts at once, again and again: one rollout row and one success each time', async () => {
    for (let round = 0; round < 4; round += 1) {
      const { owner, app, v1 } = await certifiedApp();
      const input = { appId: app.globalId, versionId: v1.globalId, distribution: NATIONWIDE, strategy: 'GRADUAL' as const, percent: 10 };
      const outcomes = await Promise.all([
        execute(PublishPage_StartRolloutDocument, { input }, owner),
        execute(PublishPage_StartRolloutDocument, { input }, owner),
      ]);
      expect(tally(outcomes.map((value) => resultTypename({ ok: true, value }, 'startRollout')))).toEqual({ StartRolloutSuccess: 1, ConflictError: 1 });
      expect(await prisma.rollout.count({ where: { appId: decodeGlobalID(app.globalId).id } })).toBe(1);
    }
  });
});

describe('rollout controls', () => {
  it('raise, pause, resume, complete: each in the history, Publish COMPLETE and rename refused at the end', async () => {
    const { owner, app, v1 } = await certifiedApp();
    const rollout = await started(owner, { appId: app.globalId, versionId: v1.globalId, percent: 10 });
    const raised = await raise(owner, rollout.id, 25);
    expect(raised.__typename === 'UpdateRolloutPercentSuccess' && raised.rollout).toMatchObject({ percent: 25, status: 'IN_PROGRESS' });
    const paused = await pause(owner, rollout.id);
    expect(paused.__typename === 'PauseRolloutSuccess' && paused.rollout.status).toBe('PAUSED');
    expect((await publishPage(owner, app.globalId)).versions[0]!.label).toBe('Live to 25 % (paused)');
    expect(await publishStep(owner, app.globalId)).toBe('IN_PROGRESS');
    const whilePaused = await raise(owner, rollout.id, 50);
    expect(whilePaused.__typename === 'ConflictError' && whilePaused.message).toMatch(/resume it first/);
    expect((await resume(owner, rollout.id)).__typename).toBe('ResumeRolloutSuccess');
    const done = await raise(owner, rollout.id, 100);
    if (done.__typename !== 'UpdateRolloutPercentSuccess') throw new Error(JSON.stringify(done));
    expect(done.rollout).toMatchObject({ status: 'COMPLETED', percent: 100 });
    expect(done.rollout.history.map((entry) => entry.summary)).toEqual([
      'Started at 10 %; deployment pending',
      'Deployed',
      'Raised to 25 %',
      'Paused at 25 %',
      'Resumed at 25 %',
      'Raised to 100 %',
      'Completed: live to 100 %',
    ]);
    expect(await publishStep(owner, app.globalId)).toBe('COMPLETE');
    expect((await publishPage(owner, app.globalId)).versions[0]!.label).toBe('Live to 100 %');
    const rename = await execute(AppOverviewPage_RenameAppDocument, { input: { appId: app.globalId, name: 'New name' } }, owner);
    expect(rename.data!.renameApp.__typename).toBe('AppPublishedError');
    const actions = (await prisma.auditEvent.findMany({ where: { appId: app.id, action: { startsWith: 'rollout.' } }, orderBy: { createdAt: 'asc' } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['rollout.started', 'rollout.raised', 'rollout.paused', 'rollout.resumed', 'rollout.raised', 'rollout.completed']);
  });

  it('refuses a percentage not higher than now or above 100, and a pause of a completed rollout, changing nothing', async () => {
    const { owner, app, v1 } = await certifiedApp();
    const rollout = await started(owner, { appId: app.globalId, versionId: v1.globalId, percent: 25 });
    for (const percent of [25, 10, 0, 101]) {
      const before = await rolloutState(app.globalId);
      const result = await raise(owner, rollout.id, percent);
      expect(result.__typename, String(percent)).toBe('ValidationError');
      if (result.__typename === 'ValidationError') expect(result.fields[0]!.path).toEqual(['percent']);
      expect(await rolloutState(app.globalId)).toEqual(before);
    }
    expect((await raise(owner, rollout.id, 26)).__typename).toBe('UpdateRolloutPercentSuccess');
    await raise(owner, rollout.id, 100);
    const before = await rolloutState(app.globalId);
    const paused = await pause(owner, rollout.id);
    expect(paused.__typename === 'ConflictError' && paused.message).toMatch(/Only a rollout in progress can be paused; this one is Completed/);
    expect((await resume(owner, rollout.id)).__typename).toBe('ConflictError');
    expect(await rolloutState(app.globalId)).toEqual(before);
  });

  it('rollback with no previous version is refused clearly; another developer’s rollout is not found', async () => {
    const { owner, app, v1 } = await certifiedApp();
    const rollout = await started(owner, { appId: app.globalId, versionId: v1.globalId, percent: 10 });
    const before = await rolloutState(app.globalId);
    const result = await rollback(owner, rollout.id);
    expect(result.__typename === 'ConflictError' && result.message).toMatch(/no previous version to serve/);
    const stranger = await newDeveloper('stranger');
    expect((await pause(stranger, rollout.id)).__typename).toBe('NotFoundError');
    expect((await raise(stranger, rollout.id, 50)).__typename).toBe('NotFoundError');
    expect(await rolloutState(app.globalId)).toEqual(before);
  });

  it('v2 completing supersedes v1; rolling v2 back makes v1 serve again; rolling back an in-progress v3 keeps v1 live', async () => {
    const { owner, app, v1 } = await certifiedApp();
    const first = await started(owner, { appId: app.globalId, versionId: v1.globalId, strategy: 'FULL', percent: null });
    expect(first.status).toBe('COMPLETED');
    const v2 = await versionWith(app.globalId);
    const second = await started(owner, { appId: app.globalId, versionId: v2.globalId, percent: 50 });
    expect(second.previousVersion?.name).toBe('v1');
    expect(await publishStep(owner, app.globalId)).toBe('COMPLETE');
    expect((await publishPage(owner, app.globalId)).liveVersion).toMatchObject({ percent: 50, version: { name: 'v2' } });
    await raise(owner, second.id, 100);
    let page = await publishPage(owner, app.globalId);
    expect(page.versions.map((version) => [version.name, version.label])).toEqual([
      ['v2', 'Live to 100 %'],
      ['v1', 'Superseded'],
    ]);
    const rolledBack = await rollback(owner, second.id, 'Sign-in fails for some users.');
    if (rolledBack.__typename !== 'RollbackRolloutSuccess') throw new Error(JSON.stringify(rolledBack));
    expect(rolledBack.rollout).toMatchObject({ status: 'ROLLED_BACK', rollbackReason: 'Sign-in fails for some users.' });
    expect(rolledBack.rollout.history.at(-1)).toMatchObject({ kind: 'ROLLED_BACK', reason: 'Sign-in fails for some users.', actorEmail: owner.email });
    page = await publishPage(owner, app.globalId);
    expect(page.versions.map((version) => [version.name, version.label])).toEqual([
      ['v2', 'Rolled back'],
      ['v1', 'Live to 100 %'],
    ]);
    expect(page.liveVersion).toMatchObject({ percent: 100, version: { name: 'v1' } });
    expect((await rollback(owner, second.id)).__typename).toBe('ConflictError');

    const v3 = await versionWith(app.globalId);
    const third = await started(owner, { appId: app.globalId, versionId: v3.globalId, percent: 5 });
    const v1Rollout = page.rollouts.find((rollout) => rollout.version.name === 'v1')!;
    const whileUnderWay = await rollback(owner, v1Rollout.id);
    expect(whileUnderWay.__typename === 'ConflictError' && whileUnderWay.message).toMatch(/rollout of v3 is under way/);
    expect((await rollback(owner, third.id)).__typename).toBe('RollbackRolloutSuccess');
    page = await publishPage(owner, app.globalId);
    expect(page.versions.map((version) => version.label)).toEqual(['Rolled back', 'Rolled back', 'Live to 100 %']);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { appId: app.id, action: 'rollout.rolled-back' }, orderBy: { createdAt: 'asc' } });
    expect(audit.detail).toMatchObject({ versionNumber: 2, restoredVersionNumber: 1, reason: 'Sign-in fails for some users.' });
  });

  it('refuses a blank rollback reason, naming reason', async () => {
    const { owner, app, v1 } = await certifiedApp();
    await started(owner, { appId: app.globalId, versionId: v1.globalId, strategy: 'FULL', percent: null });
    const v2 = await versionWith(app.globalId);
    const second = await started(owner, { appId: app.globalId, versionId: v2.globalId, percent: 5 });
    const result = await rollback(owner, second.id, '   ');
    expect(result.__typename === 'ValidationError' && result.fields[0]!.path).toEqual(['reason']);
    expect((await prisma.rollout.findFirstOrThrow({ where: { versionId: v2.id } })).status).toBe('IN_PROGRESS');
  });
});

describe('beta', () => {
  it('an invite link for 10 testers: the 10th joins, the 11th is refused; states shown; promote to GRADUAL publishes', async () => {
    const { owner, app, v1 } = await certifiedApp();
    const beta = await started(owner, { appId: app.globalId, versionId: v1.globalId, strategy: 'BETA', percent: null });
    expect(beta).toMatchObject({ status: 'DEPLOYMENT_PENDING', percent: 0, betaTesterLimit: 10 });
    expect(beta.betaInviteUrl).toMatch(/\/beta\/rbt_/);
    expect(beta.version.label).toBe('Deployment Pending');
    const token = tokenOf(beta.betaInviteUrl!);
    const stored = await prisma.rollout.findFirstOrThrow({ where: { appId: app.id } });
    expect(stored.betaTokenHash).not.toContain(token);
    expect(JSON.stringify(await prisma.rolloutEvent.findMany({ where: { rolloutId: stored.id } }))).not.toContain(token);
    // Shown once: read again, the link is not there.
    expect((await publishPage(owner, app.globalId)).currentRollout!.betaInviteUrl).toBeNull();

    for (let tester = 1; tester <= 10; tester += 1) {
      const joined = await join(token, tester % 2 ? 'CA' : 'ny');
      expect(joined.__typename, `tester ${tester}`).toBe('JoinBetaSuccess');
    }
    const before = await rolloutState(app.globalId);
    const eleventh = await join(token);
    expect(eleventh.__typename === 'ValidationError' && eleventh.fields[0]).toMatchObject({ path: ['token'], code: 'TOO_MANY' });
    expect(await rolloutState(app.globalId)).toEqual(before);
    const page = await publishPage(owner, app.globalId);
    expect(page.currentRollout).toMatchObject({ status: 'IN_PROGRESS' });
    expect(page.currentRollout!.betaTesters.map((tester) => tester.state).sort()).toEqual([...Array(5).fill('CA'), ...Array(5).fill('NY')]);
    expect(page.publishedAt).toBeNull();

    const promoted = await execute(PublishPage_PromoteDocument, { input: { rolloutId: beta.id, strategy: 'GRADUAL', percent: 20 } }, owner);
    expect(promoted.data!.promoteRollout.__typename === 'PromoteRolloutSuccess' && promoted.data!.promoteRollout.rollout).toMatchObject({
      strategy: 'GRADUAL',
      percent: 20,
      status: 'IN_PROGRESS',
    });
    expect((await publishPage(owner, app.globalId)).publishedAt).not.toBeNull();
    expect((await join(token)).__typename).toBe('ValidationError');
  });

  it('an expired link is refused; a new link works and the old one stops; an unknown state is refused', async () => {
    const { owner, app, v1 } = await certifiedApp();
    const beta = await started(owner, { appId: app.globalId, versionId: v1.globalId, strategy: 'BETA', percent: null });
    const token = tokenOf(beta.betaInviteUrl!);
    const unknownState = await join(token, 'PR');
    expect(unknownState.__typename === 'ValidationError' && unknownState.fields[0]).toMatchObject({ path: ['state'], code: 'NOT_ALLOWED' });
    await prisma.rollout.update({ where: { id: decodeGlobalID(beta.id).id }, data: { betaExpiresAt: new Date(Date.now() - 1000) } });
    const expired = await join(token);
    expect(expired.__typename === 'ValidationError' && expired.fields[0]).toMatchObject({ path: ['token'], code: 'EXPIRED' });
    expect(await prisma.betaTester.count({ where: { rollout: { appId: app.id } } })).toBe(0);
    const renewed = await execute(PublishPage_CreateBetaInviteDocument, { input: { rolloutId: beta.id } }, owner);
    if (renewed.data!.createBetaInvite.__typename !== 'CreateBetaInviteSuccess') throw new Error(JSON.stringify(renewed));
    const fresh = tokenOf(renewed.data!.createBetaInvite.rollout.betaInviteUrl!);
    expect((await join(token)).__typename).toBe('ValidationError');
    expect((await join(fresh, 'TX')).__typename).toBe('JoinBetaSuccess');
  });

  it('the link works until the moment it expires: a second before, a join; at and after it, EXPIRED and nothing changed', async () => {
    const { owner, app, v1 } = await certifiedApp();
    const beta = await started(owner, { appId: app.globalId, versionId: v1.globalId, strategy: 'BETA', percent: null });
    const token = tokenOf(beta.betaInviteUrl!);
    const id = decodeGlobalID(beta.id).id;
    await prisma.rollout.update({ where: { id }, data: { betaExpiresAt: new Date(Date.now() + 1500) } });
    expect((await join(token, 'WA')).__typename).toBe('JoinBetaSuccess');
    await prisma.rollout.update({ where: { id }, data: { betaExpiresAt: new Date() } });
    const before = await rolloutState(app.globalId);
    const atExpiry = await join(token, 'OR');
    expect(atExpiry.__typename === 'ValidationError' && atExpiry.fields[0]).toMatchObject({ path: ['token'], code: 'EXPIRED' });
    expect(await rolloutState(app.globalId)).toEqual(before);
  });

  it('betaInvite tells the page what the link is for; a signed-in account joins once, the second time is USED', async () => {
    const { owner, app, v1 } = await certifiedApp();
    const beta = await started(owner, { appId: app.globalId, versionId: v1.globalId, strategy: 'BETA', percent: null });
    const token = tokenOf(beta.betaInviteUrl!);
    const tester = await newDeveloper('beta-tester');
    const invite = async (caller?: Caller) => (await execute(BetaPage_InviteDocument, { token }, caller)).data!.betaInvite;
    expect(await invite(tester)).toMatchObject({ appName: 'Ready app', versionNumber: 1, status: 'OPEN', testers: 0, testerLimit: 10, joinedState: null });
    expect((await execute(BetaPage_InviteDocument, { token: 'rbt_unknown' }, tester)).data!.betaInvite).toBeNull();

    const joinAs = (caller: Caller, state: string) => execute(BetaPage_JoinDocument, { input: { token, state } }, caller).then((r) => r.data!.joinBeta);
    expect((await joinAs(tester, 'TX')).__typename).toBe('JoinBetaSuccess');
    expect(await invite(tester)).toMatchObject({ testers: 1, joinedState: 'TX' });
    expect(await invite()).toMatchObject({ testers: 1, joinedState: null });
    const before = await rolloutState(app.globalId);
    const again = await joinAs(tester, 'CA');
    expect(again.__typename === 'ValidationError' && again.fields[0]).toMatchObject({
      path: ['token'],
      code: 'USED',
      message: 'You have already joined this beta (v1).',
    });
    expect(await rolloutState(app.globalId)).toEqual(before);
    // The owner's trail names the state, never the tester.
    expect(before.audit.filter((event) => event.action === 'rollout.beta-joined').map((event) => event.actorId)).toEqual([null]);

    for (let index = 0; index < 9; index += 1) expect((await join(token, 'NV')).__typename).toBe('JoinBetaSuccess');
    expect(await invite(tester)).toMatchObject({ status: 'FULL', testers: 10, joinedState: 'TX' });
    await prisma.rollout.update({ where: { id: decodeGlobalID(beta.id).id }, data: { betaExpiresAt: new Date(Date.now() - 1000) } });
    expect(await invite()).toMatchObject({ status: 'EXPIRED' });
  });
});
