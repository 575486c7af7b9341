/** Settings read from the environment once, at start-up. The README lists each variable. */
const number = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not "${raw}".`);
  return value;
};

export const config = {
  production: process.env.NODE_ENV === 'production',
  sessionTtlMs: number('SESSION_TTL_HOURS', 24 * 14) * 3_600_000,
  signInLimitPerEmail: number('SIGN_IN_LIMIT_PER_EMAIL', 10),
  signInLimitPerAddress: number('SIGN_IN_LIMIT_PER_ADDRESS', 50),
  signInWindowMs: number('SIGN_IN_WINDOW_MINUTES', 15) * 60_000,
  // How long the server may answer a repeated query or credential from memory at most; any
  // committed change ends it sooner (src/caching). 0 turns the caches off.
  apiCacheTtlMs: number('API_CACHE_TTL_SECONDS', 60) * 1000,
} as const;

export const SESSION_COOKIE = 'ring_session';
