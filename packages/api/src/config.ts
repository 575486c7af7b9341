/** Settings read from the environment once, at start-up. The README lists each variable. */
const number = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not "${raw}".`);
  return value;
};

/** A size in bytes, or with K, M or G (binary), as adapter-node reads BODY_SIZE_LIMIT. */
const bytes = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+)([KMG]?)$/i.exec(raw.trim());
  if (!match) throw new Error(`${name} must be a number of bytes, optionally with K, M or G (like 24M), not "${raw}".`);
  return Number(match[1]) * { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
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
  // The largest request body the API reads, declared or chunked: yoga refuses more with 413
  // while it streams. The same variable bounds what SvelteKit reads for the console's pages.
  maxRequestBodyBytes: bytes('BODY_SIZE_LIMIT', 24 * 1024 ** 2),
} as const;

export const SESSION_COOKIE = 'ring_session';
