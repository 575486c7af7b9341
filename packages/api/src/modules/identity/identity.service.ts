import { waitInWords } from '@ring/domain';
import { prisma, Prisma } from '@ring/db';
import { config } from '../../config.ts';
import type { Authentication } from '../../context.ts';
import { ConflictError, InvalidCredentialsError, NotFoundError, RateLimitedError } from '../../errors.ts';
import { describeError, log } from '../../observability/logger.ts';
import { DECOY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.ts';
import { clearAttempts, releaseAttempt, reserveAttempt, sweepExpiredAttempts, type RateLimitRule, type Reservation } from './rate-limit.ts';
import { API_TOKEN_PREFIX, hashToken, newToken, SESSION_TOKEN_PREFIX } from './secrets.ts';

/**
 * Sign-in limits (README: Security). Every attempt is reserved before the password is verified,
 * against three counts: per address (hard, for the window), per email and address (hard, for
 * the window: one source hammering one account), and per email from anywhere, which past its
 * limit only slows down (a doubling wait up to a cap), so that nobody can lock an owner out.
 * A successful sign-in gives its address reservation back and clears the email's counts.
 */
const signInRules = {
  address: { limit: config.signInLimitPerAddress, windowMs: config.signInWindowMs },
  emailAndAddress: { limit: config.signInLimitPerEmailAndAddress, windowMs: config.signInWindowMs },
  email: {
    limit: config.signInLimitPerEmail,
    windowMs: config.signInWindowMs,
    growingDelay: { baseMs: config.signInDelayMs, capMs: config.signInMaxDelayMs },
  },
} satisfies Record<string, RateLimitRule>;

const signUpRule: RateLimitRule = { limit: config.signUpLimitPerAddress, windowMs: config.signUpWindowMs };

const SWEEP_INTERVAL_MS = 10 * 60_000;
let lastSweep = 0;
function sweepNowAndThen(): void {
  if (Date.now() - lastSweep < SWEEP_INTERVAL_MS) return;
  lastSweep = Date.now();
  // A failed sweep only leaves expired rows for the next one; say so rather than hide it.
  void sweepExpiredAttempts().catch((error: unknown) => log('warn', 'rate-limit sweep failed', { error: describeError(error) }));
}

/** Reserves an attempt on each key in turn; a refusal gives back those already reserved. */
async function reserveAll(keys: Array<[string, RateLimitRule]>): Promise<Reservation> {
  sweepNowAndThen();
  const reserved: Array<[string, RateLimitRule]> = [];
  for (const [key, rule] of keys) {
    const reservation = await reserveAttempt(key, rule);
    if (!reservation.granted) {
      await Promise.all(reserved.map(([reservedKey, reservedRule]) => releaseAttempt(reservedKey, reservedRule)));
      return reservation;
    }
    reserved.push([key, rule]);
  }
  return { granted: true };
}

async function startSession(developerId: string) {
  const token = newToken(SESSION_TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + config.sessionTtlMs);
  await prisma.session.create({ data: { developerId, tokenHash: hashToken(token), expiresAt } });
  return { token, expiresAt };
}

export async function signUp(input: { email: string; password: string; name: string }, address: string) {
  const reservation = await reserveAttempt(`sign-up:address:${address}`, signUpRule);
  if (!reservation.granted) {
    throw new RateLimitedError(
      `Too many sign-ups from this address. Try again in ${waitInWords(reservation.retryAfterSeconds)}.`,
      reservation.retryAfterSeconds,
    );
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const developer = await prisma.developer.create({ data: { email: input.email, name: input.name, passwordHash } });
    return { developer, session: await startSession(developer.id) };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ConflictError('An account with this email already exists. Sign in instead.');
    }
    throw error;
  }
}

export async function signIn(input: { email: string; password: string }, address: string) {
  const keys = {
    address: `sign-in:address:${address}`,
    emailAndAddress: `sign-in:email-address:${input.email}|${address}`,
    email: `sign-in:email:${input.email}`,
  };
  const reservation = await reserveAll([
    [keys.address, signInRules.address],
    [keys.emailAndAddress, signInRules.emailAndAddress],
    [keys.email, signInRules.email],
  ]);
  if (!reservation.granted) {
    const wait = reservation.retryAfterSeconds;
    throw new RateLimitedError(`Too many failed sign-in attempts. Try again in ${waitInWords(wait)}.`, wait);
  }
  const developer = await prisma.developer.findUnique({ where: { email: input.email } });
  const matches = await verifyPassword(input.password, developer?.passwordHash ?? DECOY_PASSWORD_HASH);
  // A failure keeps its reservations: they are the count.
  if (!developer || !matches) throw new InvalidCredentialsError();
  await Promise.all([releaseAttempt(keys.address, signInRules.address), clearAttempts(keys.emailAndAddress), clearAttempts(keys.email)]);
  return { developer, session: await startSession(developer.id) };
}

export async function endSession(token: string): Promise<void> {
  await prisma.session.updateMany({ where: { tokenHash: hashToken(token), revokedAt: null }, data: { revokedAt: new Date() } });
}

// lastUsedAt is for people reading a token list; minute precision spares a write per request.
const LAST_USED_PRECISION_MS = 60_000;

export async function authenticate(credentials: Credentials): Promise<Authentication> {
  return (await authenticateUntil(credentials)).auth;
}

type Credentials = { bearer?: string | null; sessionToken?: string | null };

/**
 * The authentication, and until when (epoch ms) it may be reused without asking the database
 * again, however nothing else changed: a session until it expires, a token until its
 * lastUsedAt is due to be written again. Only successful authentications are reusable (0 otherwise).
 */
export async function authenticateUntil(credentials: Credentials): Promise<{ auth: Authentication; reusableUntil: number }> {
  const now = new Date();
  if (credentials.bearer !== undefined && credentials.bearer !== null) {
    const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(credentials.bearer) }, include: { developer: true } });
    if (!token) return { auth: { status: 'invalid', reason: 'The API token is not valid.' }, reusableUntil: 0 };
    if (token.revokedAt) return { auth: { status: 'invalid', reason: 'The API token has been revoked.' }, reusableUntil: 0 };
    let lastUsedAt = token.lastUsedAt;
    if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
      await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
      lastUsedAt = now;
    }
    const { developer } = token;
    return {
      auth: { status: 'authenticated', via: 'token', viewer: { id: developer.id, email: developer.email, role: developer.role } },
      reusableUntil: lastUsedAt.getTime() + LAST_USED_PRECISION_MS,
    };
  }
  if (credentials.sessionToken) {
    const session = await prisma.session.findUnique({ where: { tokenHash: hashToken(credentials.sessionToken) }, include: { developer: true } });
    if (!session || session.revokedAt) return { auth: { status: 'invalid', reason: 'Your session has ended. Sign in again.' }, reusableUntil: 0 };
    if (session.expiresAt <= now) return { auth: { status: 'invalid', reason: 'Your session has expired. Sign in again.' }, reusableUntil: 0 };
    const { developer } = session;
    return {
      auth: { status: 'authenticated', via: 'session', viewer: { id: developer.id, email: developer.email, role: developer.role } },
      reusableUntil: session.expiresAt.getTime(),
    };
  }
  return { auth: { status: 'anonymous' }, reusableUntil: 0 };
}

export async function createApiToken(developerId: string, name: string) {
  const token = newToken(API_TOKEN_PREFIX);
  const apiToken = await prisma.apiToken.create({
    data: { developerId, name, tokenHash: hashToken(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 4) },
  });
  return { token, apiToken };
}

export async function revokeApiToken(developerId: string, id: string) {
  const token = await prisma.apiToken.findFirst({ where: { id, developerId } });
  if (!token) throw new NotFoundError('No API token with this id.');
  return token.revokedAt ? token : prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
}

/** Name, role and email of the given accounts (one statement), for showing who did something. */
export async function accountSummaries(ids: string[]): Promise<Map<string, { name: string; role: string; email: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.developer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, role: true, email: true } });
  return new Map(rows.map((row) => [row.id, { name: row.name, role: row.role, email: row.email }]));
}
