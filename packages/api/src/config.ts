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

/**
 * CORS_ORIGINS: origins (scheme, host, optional port, exactly as a browser sends Origin) that
 * may call the API from their pages, comma-separated. Anything else is refused at start rather
 * than silently matching nothing, or too much.
 */
export function parseCorsOrigins(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.origin !== origin) {
      throw new Error(
        `CORS_ORIGINS must be a comma-separated list of origins like https://tools.example.com or http://localhost:5173 (scheme, host and port only: no path, no trailing slash, no wildcard); "${origin}" is not one.`,
      );
    }
    return origin;
  });
}

/** A whole number of milliseconds, at least `min`. */
const milliseconds = (name: string, fallback: number, min: number): number => {
  const value = number(name, fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of milliseconds, at least ${min}, not "${process.env[name]}".`);
  return value;
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
  // Pages of other origins that may call the API (never with cookies); none by default: the console is same-origin.
  corsOrigins: parseCorsOrigins(process.env.CORS_ORIGINS),
  // The longest a request may take to arrive whole, body included: a stalled upload is cut off
  // (408) instead of holding its connection. The largest body (24 MB) needs about 4 Mbit/s.
  requestTimeoutMs: milliseconds('REQUEST_TIMEOUT_MS', 60_000, 1_000),
  // The longest a client may take to send a request's headers (at most REQUEST_TIMEOUT_MS).
  headersTimeoutMs: milliseconds('HEADERS_TIMEOUT_MS', 10_000, 1_000),
} as const;

if (config.headersTimeoutMs > config.requestTimeoutMs) {
  throw new Error(`HEADERS_TIMEOUT_MS (${config.headersTimeoutMs}) must not be more than REQUEST_TIMEOUT_MS (${config.requestTimeoutMs}): the headers are part of the request.`);
}

export const SESSION_COOKIE = 'ring_session';
