/**
 * Link rehearsals: this module owns the LinkRehearsal table. Starting one makes a sandbox Ring
 * account and POSTs a fresh authorization code to the environment's Token Exchange URL, as Ring
 * does when a user installs the app; the sandbox Ring API (modules/sandbox) then records the
 * partner's exchange, account fetch and app-integration calls through `advanceRehearsal`.
 *
 * The code is POSTed form-encoded (`code=<code>`), the encoding of OAuth 2.0 and the one the
 * endpoint checks use: a partner's handler written for one Ring request is then written for both.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { prisma } from '@ring/db';
import { CODE_LIFETIME_MS, ENVIRONMENT_LABELS, LINKING_FIELD_LABELS, type LinkingEnvironment, type LinkingField } from '@ring/domain';
import { ConflictError, RateLimitedError, ValidationError } from '../../errors.ts';
import { describeError, log } from '../../observability/logger.ts';
import { partnerRequest } from '../../outbound/partner-request.ts';
import { accountLinkingForApp } from '../account-linking/account-linking.service.ts';
import { lockAppForWrite } from '../apps/apps.access.ts';
import { hasCredentials } from '../credentials/credentials.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { advanceRehearsal, type RehearsalRow } from './rehearsal.record.ts';
import { takeSandboxAllowance } from './sandbox-allowance.ts';

export const REHEARSALS_SHOWN = 20;
/** Recognisable prefixes, so a leaked value is spotted; distinct from the console's own. */
export const CODE_PREFIX = 'rsbx_code_';

export function hashSandboxSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export const newRingAccountId = () => `ava1.ring.account.${randomUUID()}`;

const REQUIRED: LinkingField[] = ['authorizationUrl', 'appHomepageUrl', 'tokenExchangeUrl', 'webhookUrl'];

export async function startLinkRehearsal(actorId: string, app: { id: string; developerId: string }, environment: LinkingEnvironment) {
  const linking = await accountLinkingForApp(app.id);
  const saved = environment === 'STAGING' ? linking.staging : linking.production;
  const missing = REQUIRED.filter((field) => !saved[field]?.trim());
  if (missing.length > 0) {
    const label = ENVIRONMENT_LABELS[environment].toLowerCase();
    const names = missing.map((field) => LINKING_FIELD_LABELS[field]).join(', ');
    throw ValidationError.field(['environment'], `Save the ${label} ${names} before starting a link rehearsal.`, 'REQUIRED');
  }
  if (!(await hasCredentials(app.id))) throw new ConflictError('This app has no credentials yet, so a partner could not exchange a code.');
  const allowance = await takeSandboxAllowance(app.id, app.developerId);
  if (!allowance.granted) throw new RateLimitedError(allowance.message, allowance.retryAfterSeconds);

  const code = CODE_PREFIX + randomBytes(32).toString('base64url');
  const urls = {
    authorizationUrl: saved.authorizationUrl!.trim(),
    appHomepageUrl: saved.appHomepageUrl!.trim(),
    tokenExchangeUrl: saved.tokenExchangeUrl!.trim(),
    webhookUrl: saved.webhookUrl!.trim(),
  };
  const created = await prisma.$transaction(async (tx) => {
    await lockAppForWrite(tx, app.id);
    const row = await tx.linkRehearsal.create({
      data: {
        appId: app.id,
        environment,
        accountId: newRingAccountId(),
        codeHash: hashSandboxSecret(code),
        // This process's clock, as the checks against the 60 s use it (not the database's).
        codeSentAt: new Date(),
        ...urls,
        steps: [
          {
            at: new Date().toISOString(),
            kind: 'CODE_SENT',
            ok: true,
            message: `A code was POSTed to ${urls.tokenExchangeUrl}; exchange it within ${CODE_LIFETIME_MS / 1000} s.`,
          },
        ],
      },
    });
    await recordAudit(tx, { actorId, appId: app.id, action: 'link-rehearsal.started', detail: { rehearsalId: row.id, environment } });
    return row;
  });

  // The partner may exchange the code while this request is still open (many do): the sandbox
  // records that meanwhile, and this answer is only one more step.
  const body = new URLSearchParams({ code }).toString();
  const answer = await partnerRequest({
    method: 'POST',
    url: urls.tokenExchangeUrl,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'Ring-Sandbox/1.0' },
    body,
  });
  const problem = tokenExchangeAnswerProblem(answer);
  await advanceRehearsal(created.id, {
    kind: 'TOKEN_EXCHANGE_ANSWERED',
    ok: problem === null,
    message: problem ?? `The Token Exchange URL answered HTTP ${answer.statusCode} after ${answer.durationMs} ms.`,
    ...(problem ? { status: 'FAILED' as const } : {}),
  });
  return prisma.linkRehearsal.findUniqueOrThrow({ where: { id: created.id } });
}

/** Why the Token Exchange URL's answer to a fresh code is not what Ring expects (a 2xx), or null. */
export function tokenExchangeAnswerProblem(answer: { statusCode: number | null; error: string | null; location: string | null }): string | null {
  if (answer.statusCode === null) return `The Token Exchange URL did not answer: ${answer.error ?? 'no answer.'}`;
  if (answer.statusCode >= 200 && answer.statusCode < 300) return null;
  if (answer.statusCode >= 300 && answer.statusCode < 400) {
    return `The Token Exchange URL answered HTTP ${answer.statusCode} (a redirect${answer.location ? ` to ${answer.location}` : ''}); Ring does not follow redirects and expects 2xx.`;
  }
  return `The Token Exchange URL answered HTTP ${answer.statusCode}; Ring expects 2xx once the code is accepted.`;
}

/**
 * Ends every rehearsal whose code was not exchanged within 60 s: FAILED, with the step saying
 * so. Safe with several processes: rows another process is changing are skipped (SKIP LOCKED),
 * and the change applies only if the code is still unexchanged when the row is locked.
 */
export async function expireUnexchangedRehearsals(appId?: string): Promise<number> {
  const cutoff = new Date(Date.now() - CODE_LIFETIME_MS);
  const due = await prisma.linkRehearsal.findMany({
    where: { status: 'CODE_SENT', codeUsedAt: null, codeSentAt: { lt: cutoff }, ...(appId ? { appId } : {}) },
    select: { id: true },
    take: 100,
  });
  let expired = 0;
  for (const { id } of due) {
    const done = await prisma.$transaction(async (tx) => {
      const free = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "LinkRehearsal" WHERE id = ${id}::uuid FOR UPDATE SKIP LOCKED`;
      if (free.length === 0) return null;
      return advanceRehearsal(
        id,
        {
          kind: 'CODE_EXPIRED',
          ok: false,
          message: `The code was not exchanged within ${CODE_LIFETIME_MS / 1000} s; Ring allows ${CODE_LIFETIME_MS / 1000} s.`,
          status: 'FAILED',
          when: (row) => row.status === 'CODE_SENT' && row.codeUsedAt === null && row.codeSentAt < new Date(Date.now() - CODE_LIFETIME_MS),
        },
        tx,
      );
    });
    if (done) expired += 1;
  }
  return expired;
}

/** The app's latest rehearsals, newest first, any code left unexchanged past its minute first ended. */
export async function rehearsalsOfApp(appId: string): Promise<RehearsalRow[]> {
  await expireUnexchangedRehearsals(appId);
  return prisma.linkRehearsal.findMany({ where: { appId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: REHEARSALS_SHOWN });
}

/** Sweeps expired codes now and then, so a rehearsal nobody looks at still ends FAILED. */
export function startRehearsalSweeper(intervalMs = 15_000): () => void {
  const timer = setInterval(() => {
    void expireUnexchangedRehearsals().catch((error: unknown) => log('warn', 'link rehearsal sweep failed', { cause: describeError(error) }));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The rehearsal a code was sent for, with its app's owner (for the sandbox's allowance), or null. */
export function rehearsalByCode(code: string) {
  return prisma.linkRehearsal.findUnique({ where: { codeHash: hashSandboxSecret(code) }, include: { app: { select: { developerId: true } } } });
}

/** Marks the code used, unless it already was (codes are single-use): true when this call did. */
export async function claimCode(tx: Pick<typeof prisma, 'linkRehearsal'>, rehearsalId: string): Promise<boolean> {
  const { count } = await tx.linkRehearsal.updateMany({ where: { id: rehearsalId, codeUsedAt: null }, data: { codeUsedAt: new Date() } });
  return count === 1;
}

/** The rehearsal with the fields the sandbox's account-linking calls need. */
export function rehearsalById(id: string) {
  return prisma.linkRehearsal.findUnique({ where: { id } });
}
