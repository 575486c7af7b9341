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

/** PUBLIC_URL: the console's origin as people reach it, for links in mail. */
const publicUrl = (): string | null => {
  const raw = process.env.PUBLIC_URL;
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be the console's address, like https://console.example.com, not "${raw}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_URL must start with https:// or http://, not "${raw}".`);
  return url.origin;
};

/** Mail is configured by SMTP_URL; it then needs a sender and an origin for its links. */
const mail = (): { smtpUrl: string; from: string } | null => {
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) return null;
  if (!/^smtps?:\/\//.test(smtpUrl)) throw new Error('SMTP_URL must be an smtp:// or smtps:// URL, like smtps://user:password@mail.example.com.');
  const from = process.env.MAIL_FROM;
  if (!from) throw new Error('MAIL_FROM is required with SMTP_URL (the sender, like "Ring Appstore <no-reply@example.com>").');
  if (!process.env.PUBLIC_URL) throw new Error('PUBLIC_URL is required with SMTP_URL (the console address that links in mail point to).');
  return { smtpUrl, from };
};

export const config = {
  production: process.env.NODE_ENV === 'production',
  sessionTtlMs: number('SESSION_TTL_HOURS', 24 * 14) * 3_600_000,
  signInLimitPerEmail: number('SIGN_IN_LIMIT_PER_EMAIL', 10),
  signInLimitPerAddress: number('SIGN_IN_LIMIT_PER_ADDRESS', 50),
  signInLimitPerEmailAndAddress: number('SIGN_IN_LIMIT_PER_EMAIL_AND_ADDRESS', 5),
  signInWindowMs: number('SIGN_IN_WINDOW_MINUTES', 15) * 60_000,
  // Past the per-email limit an email is slowed down, not locked: each further attempt waits
  // twice as long as the one before, from this delay up to the cap (README: Security).
  signInDelayMs: number('SIGN_IN_DELAY_SECONDS', 30) * 1000,
  signInMaxDelayMs: number('SIGN_IN_MAX_DELAY_SECONDS', 300) * 1000,
  signUpLimitPerAddress: number('SIGN_UP_LIMIT_PER_ADDRESS', 20),
  signUpWindowMs: number('SIGN_UP_WINDOW_MINUTES', 60) * 60_000,
  passwordResetLimitPerEmail: number('PASSWORD_RESET_LIMIT_PER_EMAIL', 3),
  passwordResetLimitPerAddress: number('PASSWORD_RESET_LIMIT_PER_ADDRESS', 20),
  passwordResetWindowMs: number('PASSWORD_RESET_WINDOW_MINUTES', 60) * 60_000,
  passwordResetTtlMs: number('PASSWORD_RESET_TTL_MINUTES', 60) * 60_000,
  publicUrl: publicUrl(),
  mail: mail(),
  // How long the server may answer a repeated query or credential from memory at most; any
  // committed change ends it sooner (src/caching). 0 turns the caches off.
  apiCacheTtlMs: number('API_CACHE_TTL_SECONDS', 60) * 1000,
  // The largest request body the API reads, declared or chunked: yoga refuses more with 413
  // while it streams. The same variable bounds what SvelteKit reads for the console's pages.
  maxRequestBodyBytes: bytes('BODY_SIZE_LIMIT', 24 * 1024 ** 2),
} as const;

export const SESSION_COOKIE = 'ring_session';
