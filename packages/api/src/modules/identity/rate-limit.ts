/**
 * Attempts counted in PostgreSQL (the "RateLimit" table), so that every server process shares
 * one count. An attempt is reserved before the work it guards (a password hash to verify, an
 * account to create): a burst of concurrent requests cannot all pass a check made before any of
 * them is counted. Each reservation is one INSERT ... ON CONFLICT DO UPDATE, which PostgreSQL
 * runs under the row's lock, so two processes never both take the last attempt.
 */
import { prisma } from '@ring/db';

export interface RateLimitRule {
  /** Attempts reserved in a window before the key is blocked. */
  limit: number;
  windowMs: number;
  /**
   * Without it, the key stays blocked to the end of its window once the limit is reached. With
   * it, each attempt at or past the limit blocks the key for a wait that doubles every time,
   * from `baseMs` up to `capMs`: slowed down, never locked out for a whole window.
   */
  growingDelay?: { baseMs: number; capMs: number };
}

export type Reservation = { granted: true } | { granted: false; retryAfterSeconds: number };

/** Reserves one attempt for `key`, or says how long it is blocked. */
export async function reserveAttempt(key: string, rule: RateLimitRule): Promise<Reservation> {
  const { limit, windowMs } = rule;
  // A rule's numbers are plain values from config, passed as parameters; the statement's
  // shape is the same for every rule. `blocked`: the previous reservation blocked the key
  // until later than now; `expired`: the window is over (and nothing blocks), so counting
  // starts again at 1.
  const baseMs = rule.growingDelay?.baseMs ?? 0;
  const capMs = rule.growingDelay?.capMs ?? 0;
  const growing = rule.growingDelay !== undefined;
  const [row] = await prisma.$queryRaw<Array<{ granted: boolean; attempts: number; blockedUntil: Date | null; windowEndsAt: Date; now: Date }>>`
    INSERT INTO "RateLimit" AS r (key, attempts, "windowEndsAt", "blockedUntil", granted)
    VALUES (
      ${key}, 1, now() + ${windowMs} * interval '1 millisecond',
      CASE WHEN 1 >= ${limit}::int THEN
        CASE WHEN ${growing} THEN now() + ${baseMs} * interval '1 millisecond' ELSE now() + ${windowMs} * interval '1 millisecond' END
      END,
      ${limit}::int > 0)
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE
        WHEN r."blockedUntil" > now() THEN r.attempts
        WHEN r."windowEndsAt" <= now() THEN 1
        ELSE r.attempts + 1 END,
      "windowEndsAt" = CASE
        WHEN r."blockedUntil" > now() THEN r."windowEndsAt"
        WHEN r."windowEndsAt" <= now() THEN now() + ${windowMs} * interval '1 millisecond'
        ELSE r."windowEndsAt" END,
      "blockedUntil" = CASE
        WHEN r."blockedUntil" > now() THEN r."blockedUntil"
        WHEN (CASE WHEN r."windowEndsAt" <= now() THEN 1 ELSE r.attempts + 1 END) < ${limit}::int THEN NULL
        WHEN ${growing} THEN now() + LEAST(
          ${capMs}::float8,
          ${baseMs}::float8 * power(2, LEAST(40, (CASE WHEN r."windowEndsAt" <= now() THEN 1 ELSE r.attempts + 1 END) - ${limit}::int))
        ) * interval '1 millisecond'
        WHEN r."windowEndsAt" <= now() THEN now() + ${windowMs} * interval '1 millisecond'
        ELSE r."windowEndsAt" END,
      granted = (r."blockedUntil" IS NULL OR r."blockedUntil" <= now()) AND ${limit}::int > 0
    RETURNING r.granted, r.attempts, r."blockedUntil", r."windowEndsAt", now() AS now`;
  if (row!.granted) return { granted: true };
  const until = row!.blockedUntil ?? row!.windowEndsAt;
  return { granted: false, retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - row!.now.getTime()) / 1000)) };
}

/**
 * Gives back a reservation whose attempt turned out not to count (a successful sign-in uses
 * no address allowance): one attempt fewer, and no block once under the limit again.
 */
export async function releaseAttempt(key: string, rule: RateLimitRule): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "RateLimit" SET
      attempts = GREATEST(attempts - 1, 0),
      "blockedUntil" = CASE WHEN attempts - 1 < ${rule.limit}::int THEN NULL ELSE "blockedUntil" END
    WHERE key = ${key}`;
}

/** Forgets a key's attempts (the right password ends the count against its email). */
export async function clearAttempts(key: string): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "RateLimit" WHERE key = ${key}`;
}

/** Rows whose window and block are both over count for nothing; removed now and then. */
export async function sweepExpiredAttempts(): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "RateLimit" WHERE "windowEndsAt" < now() AND ("blockedUntil" IS NULL OR "blockedUntil" < now())`;
}
