/**
 * Endpoint check runs (this module owns the EndpointCheckRun table) and completing Build.
 * A run is rate-limited per app and per developer in PostgreSQL (the RateLimit table), so
 * the limits hold across server processes, and it is reserved before any request goes out.
 */
import { prisma, type Prisma } from '@ring/db';
import { buildBlocker, ENVIRONMENT_LABELS, LINKING_FIELD_LABELS, type LinkingEnvironment, type LinkingUrls } from '@ring/domain';
import { live } from '../../config.ts';
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '../../errors.ts';
import { APP_NOT_FOUND, lockAppForWrite, readAppForResult, recordStepConfirmed } from '../apps/apps.access.ts';
import { accountLinkingForApp } from '../account-linking/account-linking.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hmacKeyForApp } from '../credentials/credentials.service.ts';
import { releaseAttempt, reserveAttempt, type RateLimitRule } from '../identity/rate-limit.ts';
import { endpointUrls, probeEndpoints, type EndpointCheckResult } from './endpoint-probes.ts';
import { checkRunSummary, savedLinkingUrls } from './endpoint-checks.facts.ts';

const MINUTE = 60_000;

/** The environment's linking URLs as saved now, asked of the account linking module. */
export async function savedUrls(appId: string, environment: LinkingEnvironment) {
  const view = await accountLinkingForApp(appId);
  return savedLinkingUrls(environment === 'STAGING' ? view.staging : view.production);
}

/** Reserves one run for the developer and one for the app, or refuses (giving back what it took). */
async function reserveRun(developerId: string, appId: string): Promise<void> {
  const perApp: RateLimitRule = { limit: live.endpointCheckRunsPerAppPerMinute(), windowMs: MINUTE };
  const perDeveloper: RateLimitRule = { limit: live.endpointCheckRunsPerDeveloperPerMinute(), windowMs: MINUTE };
  const developerKey = `endpoint-checks:developer:${developerId}`;
  const forDeveloper = await reserveAttempt(developerKey, perDeveloper);
  if (!forDeveloper.granted) {
    throw new RateLimitedError(
      `At most ${perDeveloper.limit} endpoint check runs a minute across all your apps. Try again shortly.`,
      forDeveloper.retryAfterSeconds,
    );
  }
  const forApp = await reserveAttempt(`endpoint-checks:app:${appId}`, perApp);
  if (!forApp.granted) {
    await releaseAttempt(developerKey, perDeveloper);
    throw new RateLimitedError(`At most ${perApp.limit} endpoint check runs a minute per app. Try again shortly.`, forApp.retryAfterSeconds);
  }
}

/** Checks the environment's four saved URLs as Ring would call them and records the run. */
export async function runEndpointChecks(developerId: string, appId: string, environment: LinkingEnvironment) {
  const saved = await savedUrls(appId, environment);
  const found = endpointUrls(saved.urls);
  if ('missing' in found) {
    const names = found.missing.map((field) => LINKING_FIELD_LABELS[field]).join(', ');
    throw ValidationError.field(
      ['environment'],
      `Save the ${ENVIRONMENT_LABELS[environment].toLowerCase()} ${names} in Account linking before running the endpoint checks.`,
      'LINKING_URLS_MISSING',
    );
  }
  const key = await hmacKeyForApp(appId);
  if (!key) throw new ConflictError('This app has no HMAC Signature Key yet, so there is nothing to sign the sample event with.');

  await reserveRun(developerId, appId);
  const checks: EndpointCheckResult[] = await probeEndpoints(found.urls, key);
  const passed = checks.every((check) => check.passed);
  const urls: LinkingUrls = saved.urls;

  try {
    return await prisma.$transaction(async (tx) => {
      await lockAppForWrite(tx, appId);
      const run = await tx.endpointCheckRun.create({
        data: { appId, environment, passed, checks: checks as unknown as Prisma.InputJsonArray, urls },
      });
      const failed = checks.filter((check) => !check.passed).map((check) => `${check.endpoint}:${check.check}`);
      await recordAudit(tx, { actorId: developerId, appId, action: 'endpoint-checks.run', detail: { runId: run.id, environment, passed, failed } });
      return run;
    });
  } catch (error) {
    // The app was deleted while its endpoints were being called.
    if (error instanceof NotFoundError) throw new NotFoundError(APP_NOT_FOUND);
    throw error;
  }
}

export function latestRun(db: Prisma.TransactionClient, appId: string, environment: LinkingEnvironment) {
  return db.endpointCheckRun.findFirst({ where: { appId, environment }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

/** Confirms Build: refused, saying what is missing, unless the latest staging run passed against the URLs saved now. */
export async function completeBuild(developerId: string, appId: string, appQuery: { select?: object; include?: object } = {}) {
  return prisma.$transaction(async (tx) => {
    await lockAppForWrite(tx, appId);
    const [run, staging] = await Promise.all([latestRun(tx, appId, 'STAGING'), savedUrls(appId, 'STAGING')]);
    const blocker = buildBlocker(run && checkRunSummary(run), staging);
    if (blocker) throw new ConflictError(blocker);
    const completedAt = new Date();
    await recordStepConfirmed(tx, appId, 'buildCompletedAt', completedAt);
    await recordAudit(tx, { actorId: developerId, appId, action: 'build.completed', detail: { runId: run!.id } });
    return readAppForResult(tx, appId, appQuery);
  });
}
