/**
 * Publish: rollouts of certified versions to users. Every change is one transaction that holds
 * the app's publish lock (an advisory lock, so every server process takes turns), re-reads the
 * rollout, checks the transition and writes the new state, its history entry and its audit
 * event together: two callers racing cannot both start a rollout or both make a transition.
 *
 * How a rollout moves: GRADUAL and FULL rollouts are handed to deployment at once, which we
 * model as immediate (the history shows "Deployment pending" then "Deployed"), so they start
 * IN_PROGRESS, or COMPLETED at 100 %. A BETA rollout stays DEPLOYMENT_PENDING until its first
 * tester joins. Completing supersedes the rollout that was live; rolling back restores it.
 */
import { Prisma, prisma, type RolloutEventKind, type RolloutStatus, type RolloutStrategy } from '@ring/db';
import {
  ACTIVE_ROLLOUT_STATUSES,
  BETA_INVITE_DAYS,
  BETA_TESTERS_MAX,
  fieldIssues,
  isUsState,
  percentRaiseProblem,
  PERCENT_MAX,
  reachesUsers,
  rollbackReasonSchema,
  ROLLOUT_STATUS_LABELS,
  startRolloutSchema,
  US_STATES,
  type FieldIssue,
} from '@ring/domain';
import { config } from '../../config.ts';
import type { Viewer } from '../../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { decodeId } from '../../ids.ts';
import { findOwnedApp, lockAppForWrite, markAppPublished } from '../apps/apps.access.ts';
import { versionWithSubmission } from '../certification/certification.service.ts';
import { listingFromVersion } from '../certification/versions.ts';
import { recordAudit, type AuditAction } from '../audit/audit.service.ts';
import { hashToken, newToken } from '../identity/secrets.ts';

type Tx = Prisma.TransactionClient;
type RolloutRow = Prisma.RolloutGetPayload<{ include: { version: { select: { number: true } } } }>;

export const ROLLOUT_NOT_FOUND = 'No rollout with this id among your apps’ rollouts.';
const VERSION_NOT_FOUND = 'No version with this id among this app’s versions.';
const ACTIVE = [...ACTIVE_ROLLOUT_STATUSES] as RolloutStatus[];
const BETA_TOKEN_PREFIX = 'rbt_';

/** "publ": the first number of the per-app advisory lock that serialises rollout changes. */
const PUBLISH_LOCK_SPACE = 0x7075626c;

async function lockPublish(tx: Tx, appId: string) {
  await lockAppForWrite(tx, appId);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK_SPACE}::int4, hashtext(${appId}))`;
}

const TRANSACTION = { timeout: 20_000, maxWait: 10_000 } as const;

export function rolloutIdFrom(globalId: string): string {
  return decodeId(globalId, 'Rollout', ROLLOUT_NOT_FOUND);
}

/** The beta invite's address in the console (the token is shown only in the answer that made it). */
export function betaInviteUrl(origin: string, token: string): string {
  return `${(config.publicUrl ?? origin).replace(/\/$/, '')}/beta/${encodeURIComponent(token)}`;
}

async function audit(tx: Tx, actorId: string | null, rollout: RolloutRow, action: AuditAction, detail: Prisma.InputJsonObject = {}) {
  await recordAudit(tx, {
    actorId,
    appId: rollout.appId,
    action,
    detail: { rolloutId: rollout.id, versionId: rollout.versionId, versionNumber: rollout.version.number, ...detail },
  });
}

async function history(tx: Tx, rolloutId: string, kind: RolloutEventKind, percent: number, actorId: string | null, reason: string | null = null) {
  await tx.rolloutEvent.create({ data: { rolloutId, kind, percent, actorId, reason } });
}

/** Sets the app's publishedAt the first time a version reaches users (later ones keep the first). */
async function markPublishedIfLive(tx: Tx, rollout: { appId: string; status: RolloutStatus; strategy: RolloutStrategy; percent: number }, at: Date) {
  if (reachesUsers(rollout)) await markAppPublished(tx, rollout.appId, at);
}

/** `rollout` reached 100 %: the one it replaced (still COMPLETED) is SUPERSEDED. */
async function supersedePrevious(tx: Tx, rollout: RolloutRow, actorId: string | null) {
  if (!rollout.previousId) return;
  const { count } = await tx.rollout.updateMany({ where: { id: rollout.previousId, status: 'COMPLETED' }, data: { status: 'SUPERSEDED' } });
  if (!count) return;
  const previous = await tx.rollout.findUniqueOrThrow({ where: { id: rollout.previousId }, include: { version: { select: { number: true } } } });
  await history(tx, previous.id, 'SUPERSEDED', previous.percent, actorId, `v${rollout.version.number} completed`);
  await audit(tx, actorId, previous, 'rollout.superseded', { byVersionNumber: rollout.version.number });
}

/** Why a rollout cannot start while `active` is under way: the same words whichever guard caught it. */
function activeRolloutConflict(active: { status: RolloutStatus; version: { number: number } }) {
  return new ConflictError(
    `The rollout of v${active.version.number} is ${ROLLOUT_STATUS_LABELS[active.status].toLowerCase()}: complete it or roll it back before starting another.`,
  );
}

const findActive = (db: Tx | typeof prisma, appId: string) =>
  db.rollout.findFirst({ where: { appId, status: { in: ACTIVE } }, include: { version: { select: { number: true } } } });

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

const readRollout = (tx: Tx, id: string) => tx.rollout.findUniqueOrThrow({ where: { id }, include: { version: { select: { number: true } } } });

// ---------------------------------------------------------------------------- Starting

export interface StartRolloutInput {
  appId: string;
  versionId: string;
  distribution: { nationwide: boolean; states: string[] };
  strategy: RolloutStrategy;
  percent?: number | null;
}

function decodeVersionId(globalId: string): string | null {
  try {
    return decodeId(globalId, 'AppVersion');
  } catch {
    return null;
  }
}

/**
 * Starts a rollout of a certified version of the app. Refused with a ValidationError naming
 * every wrong field (an uncertified, withdrawn or other app's version is one on versionId);
 * ConflictError while another rollout of the app is under way, or when the version is the one
 * already live.
 */
export async function startRollout(viewer: Viewer, input: StartRolloutInput, origin: string): Promise<RolloutRow & { inviteUrl?: string }> {
  const { id: appId } = await findOwnedApp(viewer, input.appId, { select: { id: true } });
  const parsed = startRolloutSchema.safeParse(input);
  const versionId = decodeVersionId(input.versionId);
  const token = parsed.success && parsed.data.strategy === 'BETA' ? newToken(BETA_TOKEN_PREFIX) : null;

  const rollout = await prisma
    .$transaction(async (tx) => {
      await lockPublish(tx, appId);
      const issues: FieldIssue[] = parsed.success ? [] : fieldIssues(parsed.error);
      const version = versionId ? await versionWithSubmission(tx, appId, versionId) : null;
      if (!version) issues.push({ path: ['versionId'], message: VERSION_NOT_FOUND, code: 'NOT_ALLOWED' });
      else if (version.submission?.status !== 'CERTIFIED') {
        const why = version.submission?.status === 'WITHDRAWN' || !version.submission ? 'its certification was withdrawn' : 'it is not certified';
        issues.push({ path: ['versionId'], message: `v${version.number} cannot be rolled out: ${why}. Only a certified version can be.`, code: 'NOT_READY' });
      }
      if (issues.length || !parsed.success || !version) throw new ValidationError(issues, 'The rollout cannot start: every wrong field is listed.');

      const active = await findActive(tx, appId);
      if (active) throw activeRolloutConflict(active);
      const live = await tx.rollout.findFirst({ where: { appId, status: 'COMPLETED' }, orderBy: { createdAt: 'desc' } });
      if (live?.versionId === version.id) throw new ConflictError(`v${version.number} is already live to 100 %.`);

      const { strategy, percent, distribution } = parsed.data;
      const status: RolloutStatus = strategy === 'BETA' ? 'DEPLOYMENT_PENDING' : percent === PERCENT_MAX ? 'COMPLETED' : 'IN_PROGRESS';
      const now = new Date();
      const created = await tx.rollout.create({
        data: {
          appId,
          versionId: version.id,
          strategy,
          status,
          percent,
          nationwide: distribution.nationwide,
          states: distribution.states,
          previousId: live?.id ?? null,
          betaTokenHash: token ? hashToken(token) : null,
          betaExpiresAt: token ? new Date(now.getTime() + BETA_INVITE_DAYS * 86_400_000) : null,
          startedById: viewer.id,
          completedAt: status === 'COMPLETED' ? now : null,
        },
        include: { version: { select: { number: true } } },
      });
      await history(tx, created.id, 'STARTED', percent, viewer.id);
      if (strategy !== 'BETA') await history(tx, created.id, 'DEPLOYED', percent, null);
      if (status === 'COMPLETED') {
        await history(tx, created.id, 'COMPLETED', percent, null);
        await supersedePrevious(tx, created, viewer.id);
      }
      await markPublishedIfLive(tx, created, now);
      await audit(tx, viewer.id, created, 'rollout.started', {
        strategy,
        percent,
        nationwide: distribution.nationwide,
        states: distribution.states,
      });
      return created;
    }, TRANSACTION)
    .catch(async (error: unknown) => {
      // The partial unique index Rollout_one_active_per_app: a rollout under way was committed
      // by a writer that did not wait for the publish lock. The same answer as the check above.
      if (!isUniqueViolation(error)) throw error;
      const active = await findActive(prisma, appId);
      throw active ? activeRolloutConflict(active) : new ConflictError('Another rollout of this app was started at the same moment; reload to see it.');
    });
  return token ? { ...rollout, inviteUrl: betaInviteUrl(origin, token) } : rollout;
}

// ---------------------------------------------------------------------------- Controls

/** Runs `change` on the viewer's rollout under the app's publish lock, with the rollout as it is now. */
async function changeRollout<T>(viewer: Viewer, globalId: string, change: (tx: Tx, rollout: RolloutRow, now: Date) => Promise<T>): Promise<T> {
  const id = rolloutIdFrom(globalId);
  const owned = await prisma.rollout.findFirst({ where: { id, app: { developerId: viewer.id } }, select: { appId: true } });
  if (!owned) throw new NotFoundError(ROLLOUT_NOT_FOUND);
  return prisma.$transaction(async (tx) => {
    await lockPublish(tx, owned.appId);
    const rollout = await tx.rollout.findUnique({ where: { id }, include: { version: { select: { number: true } } } });
    if (!rollout) throw new NotFoundError(ROLLOUT_NOT_FOUND);
    return change(tx, rollout, new Date());
  }, TRANSACTION);
}

const stateWords = (rollout: RolloutRow) => `this one is ${ROLLOUT_STATUS_LABELS[rollout.status]} (${rollout.status})`;

/** Raises a GRADUAL rollout's percentage (only upward); 100 completes it. */
export function updateRolloutPercent(viewer: Viewer, input: { rolloutId: string; percent: number }) {
  return changeRollout(viewer, input.rolloutId, async (tx, rollout, now) => {
    if (rollout.strategy !== 'GRADUAL') {
      throw new ConflictError(
        `Only a gradual rollout’s percentage can be raised; this one is ${rollout.strategy}${rollout.strategy === 'BETA' ? ' (promote it first)' : ''}.`,
      );
    }
    if (rollout.status !== 'IN_PROGRESS') {
      throw new ConflictError(`Only a rollout in progress can be raised; ${stateWords(rollout)}${rollout.status === 'PAUSED' ? ': resume it first' : ''}.`);
    }
    const problem = percentRaiseProblem(rollout.percent, input.percent);
    if (problem) throw new ValidationError([{ path: ['percent'], message: problem.message, code: problem.code }]);
    const completes = input.percent === PERCENT_MAX;
    await tx.rollout.update({
      where: { id: rollout.id },
      data: { percent: input.percent, status: completes ? 'COMPLETED' : 'IN_PROGRESS', completedAt: completes ? now : null },
    });
    await history(tx, rollout.id, 'RAISED', input.percent, viewer.id);
    await audit(tx, viewer.id, rollout, 'rollout.raised', { from: rollout.percent, percent: input.percent });
    if (completes) {
      await history(tx, rollout.id, 'COMPLETED', PERCENT_MAX, null);
      await audit(tx, null, rollout, 'rollout.completed', {});
      await supersedePrevious(tx, rollout, viewer.id);
    }
    return readRollout(tx, rollout.id);
  });
}

/** Stops a rollout in progress from reaching more users; those who have the version keep it. */
export function pauseRollout(viewer: Viewer, globalId: string) {
  return changeRollout(viewer, globalId, async (tx, rollout) => {
    if (rollout.status !== 'IN_PROGRESS') throw new ConflictError(`Only a rollout in progress can be paused; ${stateWords(rollout)}.`);
    await tx.rollout.update({ where: { id: rollout.id }, data: { status: 'PAUSED' } });
    await history(tx, rollout.id, 'PAUSED', rollout.percent, viewer.id);
    await audit(tx, viewer.id, rollout, 'rollout.paused', { percent: rollout.percent });
    return readRollout(tx, rollout.id);
  });
}

export function resumeRollout(viewer: Viewer, globalId: string) {
  return changeRollout(viewer, globalId, async (tx, rollout) => {
    if (rollout.status !== 'PAUSED') throw new ConflictError(`Only a paused rollout can be resumed; ${stateWords(rollout)}.`);
    await tx.rollout.update({ where: { id: rollout.id }, data: { status: 'IN_PROGRESS' } });
    await history(tx, rollout.id, 'RESUMED', rollout.percent, viewer.id);
    await audit(tx, viewer.id, rollout, 'rollout.resumed', { percent: rollout.percent });
    return readRollout(tx, rollout.id);
  });
}

/**
 * Rolls a rollout back: the version live before it serves every user again (a completed
 * rollout's predecessor is restored from SUPERSEDED). Refused when there was none, since the
 * app would then serve no version at all.
 */
export function rollbackRollout(viewer: Viewer, input: { rolloutId: string; reason: string }) {
  const reason = rollbackReasonSchema.safeParse(input.reason);
  return changeRollout(viewer, input.rolloutId, async (tx, rollout, now) => {
    if (!reason.success) throw new ValidationError(fieldIssues(reason.error).map((issue) => ({ ...issue, path: ['reason'] })));
    if (rollout.status === 'ROLLED_BACK' || rollout.status === 'SUPERSEDED') {
      throw new ConflictError(`Only a rollout under way or completed can be rolled back; ${stateWords(rollout)}.`);
    }
    if (rollout.status === 'COMPLETED') {
      const active = await tx.rollout.findFirst({
        where: { appId: rollout.appId, status: { in: ACTIVE } },
        include: { version: { select: { number: true } } },
      });
      if (active) throw new ConflictError(`The rollout of v${active.version.number} is under way: roll that one back (or complete it) first.`);
    }
    const previous = rollout.previousId
      ? await tx.rollout.findUnique({ where: { id: rollout.previousId }, include: { version: { select: { number: true } } } })
      : null;
    if (!previous) {
      throw new ConflictError(
        `v${rollout.version.number} is the app’s first version to roll out: there is no previous version to serve instead. Pause the rollout, or roll out a newer certified version.`,
      );
    }
    await tx.rollout.update({ where: { id: rollout.id }, data: { status: 'ROLLED_BACK', rolledBackAt: now, rollbackReason: reason.data } });
    await history(tx, rollout.id, 'ROLLED_BACK', rollout.percent, viewer.id, reason.data);
    await audit(tx, viewer.id, rollout, 'rollout.rolled-back', {
      reason: reason.data,
      restoredVersionNumber: previous.version.number,
      percent: rollout.percent,
    });
    if (previous.status === 'SUPERSEDED') {
      await tx.rollout.update({ where: { id: previous.id }, data: { status: 'COMPLETED' } });
      await history(tx, previous.id, 'RESTORED', previous.percent, viewer.id, `v${rollout.version.number} rolled back`);
    }
    return readRollout(tx, rollout.id);
  });
}

/** A BETA rollout goes to the public: GRADUAL from `percent`, or FULL. Its invite link stops working. */
export function promoteRollout(viewer: Viewer, input: { rolloutId: string; strategy: RolloutStrategy; percent?: number | null }) {
  return changeRollout(viewer, input.rolloutId, async (tx, rollout, now) => {
    if (input.strategy === 'BETA') throw ValidationError.field(['strategy'], 'Promote a beta to GRADUAL or FULL.', 'NOT_ALLOWED');
    const percent = input.strategy === 'FULL' ? PERCENT_MAX : input.percent;
    if (input.strategy === 'FULL' && input.percent != null && input.percent !== PERCENT_MAX) {
      throw ValidationError.field(['percent'], 'A full rollout goes to 100 %; leave the percentage out or give 100.', 'INVALID');
    }
    if (percent == null) throw ValidationError.field(['percent'], 'A gradual rollout needs a starting percentage (1-100).', 'REQUIRED');
    const problem = percentRaiseProblem(0, percent);
    if (problem) throw ValidationError.field(['percent'], problem.message, problem.code);
    if (rollout.strategy !== 'BETA' || !(rollout.status === 'DEPLOYMENT_PENDING' || rollout.status === 'IN_PROGRESS')) {
      throw new ConflictError(
        `Only a beta rollout pending or in progress can be promoted; this one is ${rollout.strategy}, ${ROLLOUT_STATUS_LABELS[rollout.status]}.`,
      );
    }
    const completes = percent === PERCENT_MAX;
    const updated = await tx.rollout.update({
      where: { id: rollout.id },
      data: { strategy: input.strategy, percent, status: completes ? 'COMPLETED' : 'IN_PROGRESS', completedAt: completes ? now : null, betaTokenHash: null },
      include: { version: { select: { number: true } } },
    });
    await history(tx, rollout.id, 'PROMOTED', percent, viewer.id, input.strategy);
    await audit(tx, viewer.id, rollout, 'rollout.promoted', { strategy: input.strategy, percent });
    if (completes) {
      await history(tx, rollout.id, 'COMPLETED', PERCENT_MAX, null);
      await supersedePrevious(tx, rollout, viewer.id);
    }
    await markPublishedIfLive(tx, updated, now);
    return readRollout(tx, rollout.id);
  });
}

/** A new invite link for a beta rollout; the old one stops working. */
export async function createBetaInvite(viewer: Viewer, globalId: string, origin: string) {
  const token = newToken(BETA_TOKEN_PREFIX);
  const rollout = await changeRollout(viewer, globalId, async (tx, current, now) => {
    if (current.strategy !== 'BETA' || !(current.status === 'DEPLOYMENT_PENDING' || current.status === 'IN_PROGRESS')) {
      throw new ConflictError(
        `Only a beta rollout pending or in progress has an invite link; this one is ${current.strategy}, ${ROLLOUT_STATUS_LABELS[current.status]}.`,
      );
    }
    await tx.rollout.update({
      where: { id: current.id },
      data: { betaTokenHash: hashToken(token), betaExpiresAt: new Date(now.getTime() + BETA_INVITE_DAYS * 86_400_000) },
    });
    await history(tx, current.id, 'BETA_INVITE_CREATED', current.percent, viewer.id);
    await audit(tx, viewer.id, current, 'rollout.beta-invite-created', {});
    return readRollout(tx, current.id);
  });
  return { ...rollout, inviteUrl: betaInviteUrl(origin, token) };
}

// ---------------------------------------------------------------------------- Beta testers

const INVALID_INVITE = 'This beta invite link is not valid: ask the developer for a new one.';
const EXPIRED_INVITE = 'This beta invite link has expired: ask the developer for a new one.';
const FULL_BETA = `This beta is full: at most ${BETA_TESTERS_MAX} testers may join.`;
const alreadyJoined = (versionNumber: number) => `You have already joined this beta (v${versionNumber}).`;

type BetaRollout = Prisma.RolloutGetPayload<{ include: { version: { select: { number: true; snapshot: true } }; app: { select: { name: true } } } }>;

/** An invite's rollout still taking testers through a link (pending or in progress, still a beta), or null. */
function openBeta<T extends { strategy: RolloutStrategy; status: RolloutStatus }>(rollout: T | null): T | null {
  return rollout && rollout.strategy === 'BETA' && (rollout.status === 'DEPLOYMENT_PENDING' || rollout.status === 'IN_PROGRESS') ? rollout : null;
}

export type BetaInviteStatus = 'OPEN' | 'FULL' | 'EXPIRED';

/**
 * What the beta page shows for an invite link: the app (its public name in the version under
 * test, else its name), the version, how many have joined, and whether the viewer has. Null
 * for a link that is unknown, replaced, promoted or rolled back (all "not valid" to a tester).
 */
export async function betaInvite(token: string, viewer: Viewer | null) {
  const rollout: BetaRollout | null = openBeta(
    await prisma.rollout.findUnique({
      where: { betaTokenHash: hashToken(token) },
      include: { version: { select: { number: true, snapshot: true } }, app: { select: { name: true } } },
    }),
  );
  if (!rollout) return null;
  const [testers, mine] = await Promise.all([
    prisma.betaTester.count({ where: { rolloutId: rollout.id } }),
    viewer ? prisma.betaTester.findUnique({ where: { rolloutId_developerId: { rolloutId: rollout.id, developerId: viewer.id } } }) : null,
  ]);
  const expired = rollout.betaExpiresAt !== null && rollout.betaExpiresAt <= new Date();
  const status: BetaInviteStatus = expired ? 'EXPIRED' : testers >= BETA_TESTERS_MAX ? 'FULL' : 'OPEN';
  const publicName = listingFromVersion(rollout.version).publicName;
  return {
    appName: publicName || rollout.app.name,
    versionNumber: rollout.version.number,
    status,
    testers,
    testerLimit: BETA_TESTERS_MAX,
    expiresAt: rollout.betaExpiresAt,
    joinedState: mine?.state ?? null,
  };
}

/**
 * A tester joins a beta through its invite link, saying which state they are in. The 11th
 * tester, an expired, replaced or promoted link are refused (ValidationError on token); so is a
 * signed-in account joining the same beta a second time.
 */
export async function joinBeta(input: { token: string; state: string }, viewer: Viewer | null = null) {
  const state = input.state.trim().toUpperCase();
  if (!isUsState(state)) {
    throw ValidationError.field(
      ['state'],
      `Unknown state code "${input.state}": use a two-letter US code such as CA or TX (the 50 states and DC).`,
      'NOT_ALLOWED',
    );
  }
  const hash = hashToken(input.token);
  const found = await prisma.rollout.findUnique({ where: { betaTokenHash: hash }, select: { appId: true } });
  if (!found) throw ValidationError.field(['token'], INVALID_INVITE, 'INVALID');
  return prisma
    .$transaction(async (tx) => {
      await lockPublish(tx, found.appId);
      const rollout = openBeta(
        await tx.rollout.findUnique({
          where: { betaTokenHash: hash },
          include: { version: { select: { number: true } }, _count: { select: { betaTesters: true } } },
        }),
      );
      if (!rollout) throw ValidationError.field(['token'], INVALID_INVITE, 'INVALID');
      const now = new Date();
      if (rollout.betaExpiresAt && rollout.betaExpiresAt <= now) throw ValidationError.field(['token'], EXPIRED_INVITE, 'EXPIRED');
      if (viewer && (await tx.betaTester.findUnique({ where: { rolloutId_developerId: { rolloutId: rollout.id, developerId: viewer.id } } }))) {
        throw ValidationError.field(['token'], alreadyJoined(rollout.version.number), 'USED');
      }
      if (rollout._count.betaTesters >= BETA_TESTERS_MAX) throw ValidationError.field(['token'], FULL_BETA, 'TOO_MANY');
      const tester = await tx.betaTester.create({ data: { rolloutId: rollout.id, state, developerId: viewer?.id ?? null } });
      await history(tx, rollout.id, 'TESTER_JOINED', 0, null, state);
      if (rollout.status === 'DEPLOYMENT_PENDING') {
        await tx.rollout.update({ where: { id: rollout.id }, data: { status: 'IN_PROGRESS' } });
        await history(tx, rollout.id, 'DEPLOYED', 0, null);
      }
      // No actor: the app's owner sees a tester's state, never who they are.
      await audit(tx, null, rollout, 'rollout.beta-joined', { state });
      return { state: tester.state, stateName: US_STATES[state], versionNumber: rollout.version.number, joinedAt: tester.joinedAt };
    }, TRANSACTION)
    .catch(async (error: unknown) => {
      // The same account joining twice at once: the unique (rollout, account) index decides.
      if (viewer && isUniqueViolation(error)) {
        const rollout = await prisma.rollout.findUnique({ where: { betaTokenHash: hash }, include: { version: { select: { number: true } } } });
        throw ValidationError.field(['token'], alreadyJoined(rollout?.version.number ?? 0), 'USED');
      }
      throw error;
    });
}
