/**
 * Every environment variable the server reads, in one place, parsed with zod (the README's
 * configuration table lists each). `config` is parsed once, when the server starts, and a bad
 * value stops it with a message naming the variable and what it accepts. A few settings are
 * read again at each use (`live`), so that a test can narrow a limit around one case; they are
 * checked at start all the same. @ring/db reads its own DATABASE_URL, DATA_DIR and
 * DATABASE_POOL_SIZE: it sits below the API and is used without it (migrations, scripts).
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { DEFAULT_DELIVERY_RETENTION_DAYS, MIN_DELIVERY_RETENTION_DAYS } from '@ring/domain';

type Environment = Readonly<Record<string, string | undefined>>;

/** A setting's reader: the raw value (unset or empty: the default) to its typed value, or an Error naming the variable. */
const setting = <T>(fallback: T, read: (raw: string) => T) =>
  z
    .string()
    .optional()
    .transform((raw, context): T => {
      if (raw === undefined || raw === '') return fallback;
      try {
        return read(raw);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message, input: raw });
        return z.NEVER;
      }
    });

const fail = (message: string): never => {
  throw new Error(message);
};

const nonNegative = (name: string, fallback: number) =>
  setting(fallback, (raw) => {
    const value = Number(raw);
    return Number.isFinite(value) && value >= 0 ? value : fail(`${name} must be a non-negative number, not "${raw}".`);
  });

/** A count that must allow at least one (quotas and rates). */
const atLeastOne = (name: string, fallback: number) =>
  setting(fallback, (raw) => {
    const value = Number(raw);
    return Number.isInteger(value) && value >= 1 ? value : fail(`${name} must be a whole number of at least 1, not "${raw}".`);
  });

const milliseconds = (name: string, fallback: number, min: number) =>
  setting(fallback, (raw) => {
    const value = Number(raw);
    return Number.isInteger(value) && value >= min ? value : fail(`${name} must be a whole number of milliseconds, at least ${min}, not "${raw}".`);
  });

/** A size in bytes, or with K, M or G (binary), as adapter-node reads BODY_SIZE_LIMIT. */
const bytes = (name: string, fallback: number) =>
  setting(fallback, (raw) => {
    const match = /^(\d+)([KMG]?)$/i.exec(raw.trim()) ?? fail(`${name} must be a number of bytes, optionally with K, M or G (like 24M), not "${raw}".`);
    return Number(match[1]) * { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
  });

const oneOf = <const T extends string>(name: string, allowed: readonly T[], fallback: T) =>
  setting(fallback, (raw) => {
    const value = raw.toLowerCase() as T;
    return allowed.includes(value) ? value : fail(`${name} must be one of ${allowed.join(', ')}, not "${raw}".`);
  });

/** Set to anything but "0": on (test-only switches). */
const flag = setting(false, (raw) => raw !== '0');

const text = (fallback: string) => setting(fallback, (raw) => raw);
const optionalText = setting<string | undefined>(undefined, (raw) => raw);

const port = (name: string, fallback: number) =>
  setting(fallback, (raw) => {
    const value = Number(raw);
    return Number.isInteger(value) && value >= 0 && value <= 65_535 ? value : fail(`${name} must be a port number from 0 to 65535, not "${raw}".`);
  });

/** PUBLIC_URL: the console's origin as people reach it, for links in mail. */
const publicUrl = setting<string | null>(null, (raw) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(`PUBLIC_URL must be the console's address, like https://console.example.com, not "${raw}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`PUBLIC_URL must start with https:// or http://, not "${raw}".`);
  return url.origin;
});

const smtpUrl = setting<string | null>(null, (raw) =>
  /^smtps?:\/\//.test(raw) ? raw : fail('SMTP_URL must be an smtp:// or smtps:// URL, like smtps://user:password@mail.example.com.'),
);

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

/** Whether a request's peer (at `hop` from us) is a proxy whose X-Forwarded-* headers are believed. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY: unset or empty trusts nothing; a number trusts that many hops nearest to us
 * (1: the one proxy in front); otherwise a comma list of addresses or CIDRs (and proxy-addr's
 * names loopback, linklocal, uniquelocal).
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '') return () => false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  const list = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    return proxyAddr.compile(list);
  } catch (error) {
    throw new Error(
      `TRUST_PROXY must be a number of proxies or a comma list of addresses/CIDRs (like 10.0.0.0/8,127.0.0.1), not "${raw}": ${(error as Error).message}`,
    );
  }
}

/** Where the console sends people for documentation, the developer agreement and support. */
export interface SiteLinks {
  docsUrl: string;
  agreementUrl: string;
  supportEmail: string;
}

/** Without a setting, the console's own pages answer. */
export const SITE_LINK_DEFAULTS: Readonly<SiteLinks> = Object.freeze({
  docsUrl: '/docs',
  agreementUrl: '/agreement',
  supportEmail: 'support@ring-appstore.example',
});

// A path on this site, or an absolute http(s) address: nothing a link could run (javascript:).
const siteLink = (name: string, fallback: string) =>
  z
    .string()
    .optional()
    .transform((raw) => raw?.trim())
    .pipe(
      setting(fallback, (value) => {
        if (value.startsWith('/') && !value.startsWith('//')) return value;
        const url = URL.canParse(value) ? new URL(value) : null;
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
          fail(`${name} must be an http(s) address or a path starting with "/"; got "${value}".`);
        return url!.href;
      }),
    );

const emailSetting = (name: string, fallback: string) =>
  z
    .string()
    .optional()
    .transform((raw) => raw?.trim())
    .pipe(
      setting(fallback, (value) =>
        /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/.test(value) ? value : fail(`${name} must be an email address such as support@example.com; got "${value}".`),
      ),
    );

const MEDIA_STORAGE_DRIVERS = ['local', 's3'] as const;

/**
 * The variables, by name. Each turns its raw value into what the code uses, with the default
 * for unset or empty. The README's configuration table lists them in the same groups.
 */
const variables = {
  // The process (server.ts)
  NODE_ENV: optionalText,
  PORT: port('PORT', 3000),
  HOST: text('0.0.0.0'),
  SHUTDOWN_TIMEOUT_MS: milliseconds('SHUTDOWN_TIMEOUT_MS', 9_000, 0),
  LOG_LEVEL: oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'], 'info'),
  DATABASE_URL: optionalText,
  DEBUG_POSTGRES: setting(false, () => true),
  SEED_DEMO: setting<boolean | undefined>(undefined, (raw) =>
    raw === 'true' ? true : raw === 'false' ? false : fail(`SEED_DEMO must be true or false, not "${raw}".`),
  ),
  SECRETS_KEY: optionalText,
  // adapter-node's own settings, which server.ts completes before the SvelteKit build loads.
  ORIGIN: optionalText,
  PROTOCOL_HEADER: optionalText,
  // Sessions and rate limits
  SESSION_TTL_HOURS: nonNegative('SESSION_TTL_HOURS', 24 * 14),
  SIGN_IN_LIMIT_PER_EMAIL: nonNegative('SIGN_IN_LIMIT_PER_EMAIL', 10),
  SIGN_IN_LIMIT_PER_ADDRESS: nonNegative('SIGN_IN_LIMIT_PER_ADDRESS', 50),
  SIGN_IN_LIMIT_PER_EMAIL_AND_ADDRESS: nonNegative('SIGN_IN_LIMIT_PER_EMAIL_AND_ADDRESS', 5),
  SIGN_IN_WINDOW_MINUTES: nonNegative('SIGN_IN_WINDOW_MINUTES', 15),
  SIGN_IN_DELAY_SECONDS: nonNegative('SIGN_IN_DELAY_SECONDS', 30),
  SIGN_IN_MAX_DELAY_SECONDS: nonNegative('SIGN_IN_MAX_DELAY_SECONDS', 300),
  SIGN_UP_LIMIT_PER_ADDRESS: nonNegative('SIGN_UP_LIMIT_PER_ADDRESS', 20),
  SIGN_UP_WINDOW_MINUTES: nonNegative('SIGN_UP_WINDOW_MINUTES', 60),
  PASSWORD_RESET_LIMIT_PER_EMAIL: nonNegative('PASSWORD_RESET_LIMIT_PER_EMAIL', 3),
  PASSWORD_RESET_LIMIT_PER_ADDRESS: nonNegative('PASSWORD_RESET_LIMIT_PER_ADDRESS', 20),
  PASSWORD_RESET_WINDOW_MINUTES: nonNegative('PASSWORD_RESET_WINDOW_MINUTES', 60),
  PASSWORD_RESET_TTL_MINUTES: nonNegative('PASSWORD_RESET_TTL_MINUTES', 60),
  APP_QUOTA_PER_DEVELOPER: atLeastOne('APP_QUOTA_PER_DEVELOPER', 100),
  APPS_CREATED_PER_HOUR: atLeastOne('APPS_CREATED_PER_HOUR', 20),
  WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE: atLeastOne('WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE', 30),
  // Partners compare the delivery log with their own logs; a week is the least that allows it.
  WEBHOOK_DELIVERY_RETENTION_DAYS: setting(DEFAULT_DELIVERY_RETENTION_DAYS, (raw) => {
    const value = Number(raw);
    return Number.isInteger(value) && value >= MIN_DELIVERY_RETENTION_DAYS
      ? value
      : fail(`WEBHOOK_DELIVERY_RETENTION_DAYS must be a whole number of days, at least ${MIN_DELIVERY_RETENTION_DAYS}, not "${raw}".`);
  }),
  ENDPOINT_CHECK_RUNS_PER_APP_PER_MINUTE: atLeastOne('ENDPOINT_CHECK_RUNS_PER_APP_PER_MINUTE', 5),
  ENDPOINT_CHECK_RUNS_PER_DEVELOPER_PER_MINUTE: atLeastOne('ENDPOINT_CHECK_RUNS_PER_DEVELOPER_PER_MINUTE', 15),
  SANDBOX_REQUESTS_PER_APP_PER_MINUTE: atLeastOne('SANDBOX_REQUESTS_PER_APP_PER_MINUTE', 60),
  SANDBOX_REQUESTS_PER_DEVELOPER_PER_MINUTE: atLeastOne('SANDBOX_REQUESTS_PER_DEVELOPER_PER_MINUTE', 120),
  // Mail
  PUBLIC_URL: publicUrl,
  SMTP_URL: smtpUrl,
  MAIL_FROM: optionalText,
  // HTTP
  API_CACHE_TTL_SECONDS: nonNegative('API_CACHE_TTL_SECONDS', 60),
  BODY_SIZE_LIMIT: bytes('BODY_SIZE_LIMIT', 24 * 1024 ** 2),
  CORS_ORIGINS: setting<string[]>([], parseCorsOrigins),
  TRUST_PROXY: setting<TrustProxy>(() => false, parseTrustProxy),
  REQUEST_TIMEOUT_MS: milliseconds('REQUEST_TIMEOUT_MS', 60_000, 1_000),
  HEADERS_TIMEOUT_MS: milliseconds('HEADERS_TIMEOUT_MS', 10_000, 1_000),
  // Media
  MEDIA_STORAGE: oneOf('MEDIA_STORAGE', MEDIA_STORAGE_DRIVERS, 'local'),
  MEDIA_DIR: optionalText,
  DATA_DIR: text('.data'),
  // 0 would sweep in a busy loop.
  MEDIA_SWEEP_INTERVAL_MINUTES: atLeastOne('MEDIA_SWEEP_INTERVAL_MINUTES', 15),
  S3_BUCKET: optionalText,
  S3_PREFIX: text('media/'),
  S3_ENDPOINT: optionalText,
  S3_REGION: text('us-east-1'),
  S3_FORCE_PATH_STYLE: setting(false, (raw) => raw === 'true'),
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  // Partner endpoints on the developer's own machine (development only; README: Local partners).
  ALLOW_LOCAL_ENDPOINTS: flag,
  EXTRA_CA_FILE: optionalText,
  // The console's links
  DOCS_URL: siteLink('DOCS_URL', SITE_LINK_DEFAULTS.docsUrl),
  DEVELOPER_AGREEMENT_URL: siteLink('DEVELOPER_AGREEMENT_URL', SITE_LINK_DEFAULTS.agreementUrl),
  SUPPORT_EMAIL: emailSetting('SUPPORT_EMAIL', SITE_LINK_DEFAULTS.supportEmail),
};

type Variables = { [Name in keyof typeof variables]: z.output<(typeof variables)[Name]> };
type VariableName = keyof typeof variables;

/** One Error for every bad variable, each line naming one. */
const configurationError = (error: z.ZodError) => new Error(error.issues.map((issue) => issue.message).join('\n'));

/** The rules between variables, checked after each is valid on its own. */
const environment = z.object(variables).superRefine((v, context) => {
  const problem = (message: string) => context.addIssue({ code: 'custom', message });
  if (v.SMTP_URL && !v.MAIL_FROM) problem('MAIL_FROM is required with SMTP_URL (the sender, like "Ring Appstore <no-reply@example.com>").');
  if (v.SMTP_URL && !v.PUBLIC_URL) problem('PUBLIC_URL is required with SMTP_URL (the console address that links in mail point to).');
  if (v.HEADERS_TIMEOUT_MS > v.REQUEST_TIMEOUT_MS) {
    problem(
      `HEADERS_TIMEOUT_MS (${v.HEADERS_TIMEOUT_MS}) must not be more than REQUEST_TIMEOUT_MS (${v.REQUEST_TIMEOUT_MS}): the headers are part of the request.`,
    );
  }
  if (v.ALLOW_LOCAL_ENDPOINTS && v.NODE_ENV === 'production') {
    problem('ALLOW_LOCAL_ENDPOINTS is a development setting and must not be set when NODE_ENV=production.');
  }
  if (v.EXTRA_CA_FILE && !v.ALLOW_LOCAL_ENDPOINTS) {
    problem('EXTRA_CA_FILE applies only with ALLOW_LOCAL_ENDPOINTS=1 (a local partner’s certificate); set both or neither.');
  }
  if (v.EXTRA_CA_FILE && v.ALLOW_LOCAL_ENDPOINTS) {
    const pem = readPem(v.EXTRA_CA_FILE);
    if (pem !== true) problem(`EXTRA_CA_FILE (${v.EXTRA_CA_FILE}) ${pem}`);
  }
});

/** True when the file holds a PEM certificate, otherwise what is wrong with it (checked at start, not at the first request). */
function readPem(file: string): true | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 'cannot be read.';
  }
  try {
    new X509Certificate(text);
    return true;
  } catch {
    return 'is not a PEM certificate.';
  }
}

/** Reads one variable now (for the settings a test may change while the process runs). */
function readVariable<Name extends VariableName>(name: Name, env: Environment = process.env): Variables[Name] {
  const parsed = variables[name].safeParse(env[name]);
  if (!parsed.success) throw configurationError(parsed.error);
  return parsed.data as Variables[Name];
}

/** The media storage the environment asks for: local files under DATA_DIR/media unless MEDIA_STORAGE=s3. */
export type MediaStorageSettings =
  | { driver: 'local'; directory: string }
  | {
      driver: 's3';
      bucket: string;
      prefix: string;
      endpoint: string | undefined;
      region: string;
      forcePathStyle: boolean;
      // Without explicit keys the SDK's default chain applies (instance role, profile, ...).
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

/** Read when the storage is first used (tests build storages from environments of their own). */
export function mediaStorageSettings(env: Environment = process.env): MediaStorageSettings {
  const read = <Name extends VariableName>(name: Name) => readVariable(name, env);
  const required = (name: 'S3_BUCKET' | 'S3_SECRET_ACCESS_KEY') => read(name) ?? fail(`${name} is required when MEDIA_STORAGE=s3.`);
  if (read('MEDIA_STORAGE') === 'local') return { driver: 'local', directory: read('MEDIA_DIR') ?? join(read('DATA_DIR'), 'media') };
  const accessKeyId = read('S3_ACCESS_KEY_ID');
  return {
    driver: 's3',
    bucket: required('S3_BUCKET'),
    prefix: read('S3_PREFIX'),
    endpoint: read('S3_ENDPOINT'),
    region: read('S3_REGION'),
    forcePathStyle: read('S3_FORCE_PATH_STYLE'),
    credentials: accessKeyId ? { accessKeyId, secretAccessKey: required('S3_SECRET_ACCESS_KEY') } : undefined,
  };
}

/** The console's links (DOCS_URL, DEVELOPER_AGREEMENT_URL, SUPPORT_EMAIL). */
export function siteLinksFrom(env: Environment = process.env): SiteLinks {
  return Object.freeze({
    docsUrl: readVariable('DOCS_URL', env),
    agreementUrl: readVariable('DEVELOPER_AGREEMENT_URL', env),
    supportEmail: readVariable('SUPPORT_EMAIL', env),
  });
}

/** Parses every variable; throws one Error naming each bad one. */
export function loadConfig(env: Environment = process.env) {
  const parsed = environment.safeParse(env);
  if (!parsed.success) throw configurationError(parsed.error);
  const v = parsed.data;
  return {
    production: v.NODE_ENV === 'production',
    port: v.PORT,
    host: v.HOST,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
    logLevel: v.LOG_LEVEL,
    /** As given at start (server.ts then points DATABASE_URL at the database it started). */
    databaseUrlAtStart: v.DATABASE_URL,
    logPostgres: v.DEBUG_POSTGRES,
    /** Demo data belongs where nobody else's data is: the embedded database, unless SEED_DEMO says otherwise. */
    seedDemo: v.SEED_DEMO ?? !v.DATABASE_URL,
    secretsKeyGiven: Boolean(v.SECRETS_KEY),
    // adapter-node takes every request for https unless one of these says otherwise (server.ts).
    origin: v.ORIGIN,
    protocolHeader: v.PROTOCOL_HEADER,
    sessionTtlMs: v.SESSION_TTL_HOURS * 3_600_000,
    signInLimitPerEmail: v.SIGN_IN_LIMIT_PER_EMAIL,
    signInLimitPerAddress: v.SIGN_IN_LIMIT_PER_ADDRESS,
    signInLimitPerEmailAndAddress: v.SIGN_IN_LIMIT_PER_EMAIL_AND_ADDRESS,
    signInWindowMs: v.SIGN_IN_WINDOW_MINUTES * 60_000,
    // Past the per-email limit an email is slowed down, not locked: each further attempt waits
    // twice as long as the one before, from this delay up to the cap (README: Security).
    signInDelayMs: v.SIGN_IN_DELAY_SECONDS * 1000,
    signInMaxDelayMs: v.SIGN_IN_MAX_DELAY_SECONDS * 1000,
    signUpLimitPerAddress: v.SIGN_UP_LIMIT_PER_ADDRESS,
    signUpWindowMs: v.SIGN_UP_WINDOW_MINUTES * 60_000,
    passwordResetLimitPerEmail: v.PASSWORD_RESET_LIMIT_PER_EMAIL,
    passwordResetLimitPerAddress: v.PASSWORD_RESET_LIMIT_PER_ADDRESS,
    passwordResetWindowMs: v.PASSWORD_RESET_WINDOW_MINUTES * 60_000,
    passwordResetTtlMs: v.PASSWORD_RESET_TTL_MINUTES * 60_000,
    publicUrl: v.PUBLIC_URL,
    mail: v.SMTP_URL ? { smtpUrl: v.SMTP_URL, from: v.MAIL_FROM! } : null,
    // How long the server may answer a repeated query or credential from memory at most; any
    // committed change ends it sooner (src/caching). 0 turns the caches off.
    apiCacheTtlMs: v.API_CACHE_TTL_SECONDS * 1000,
    // The largest request body the API reads, declared or chunked: yoga refuses more with 413
    // while it streams. The same variable bounds what SvelteKit reads for the console's pages.
    maxRequestBodyBytes: v.BODY_SIZE_LIMIT,
    // Pages of other origins that may call the API (never with cookies); none by default: the console is same-origin.
    corsOrigins: v.CORS_ORIGINS,
    // Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (client-origin.ts).
    trustProxy: v.TRUST_PROXY,
    // The longest a request may take to arrive whole, body included: a stalled upload is cut off
    // (408) instead of holding its connection. The largest body (24 MB) needs about 4 Mbit/s.
    requestTimeoutMs: v.REQUEST_TIMEOUT_MS,
    // The longest a client may take to send a request's headers (at most REQUEST_TIMEOUT_MS).
    headersTimeoutMs: v.HEADERS_TIMEOUT_MS,
    mediaSweepIntervalMs: v.MEDIA_SWEEP_INTERVAL_MINUTES * 60_000,
    webhookDeliveryRetentionDays: v.WEBHOOK_DELIVERY_RETENTION_DAYS,
    siteLinks: Object.freeze({ docsUrl: v.DOCS_URL, agreementUrl: v.DEVELOPER_AGREEMENT_URL, supportEmail: v.SUPPORT_EMAIL }) as Readonly<SiteLinks>,
  } as const;
}

export type Config = ReturnType<typeof loadConfig>;

/** The configuration the process started with. */
export const config: Config = loadConfig();

/**
 * Settings read again at each use, so that a test can change them around one case (each is
 * also checked by `loadConfig` at start, so a typo fails the start, not the first use).
 */
export const live = {
  appQuotaPerDeveloper: () => readVariable('APP_QUOTA_PER_DEVELOPER'),
  appsCreatedPerHour: () => readVariable('APPS_CREATED_PER_HOUR'),
  webhookTestEventsPerDeveloperPerMinute: () => readVariable('WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE'),
  webhookDeliveryRetentionDays: () => readVariable('WEBHOOK_DELIVERY_RETENTION_DAYS'),
  endpointCheckRunsPerAppPerMinute: () => readVariable('ENDPOINT_CHECK_RUNS_PER_APP_PER_MINUTE'),
  endpointCheckRunsPerDeveloperPerMinute: () => readVariable('ENDPOINT_CHECK_RUNS_PER_DEVELOPER_PER_MINUTE'),
  sandboxRequestsPerAppPerMinute: () => readVariable('SANDBOX_REQUESTS_PER_APP_PER_MINUTE'),
  sandboxRequestsPerDeveloperPerMinute: () => readVariable('SANDBOX_REQUESTS_PER_DEVELOPER_PER_MINUTE'),
  // Checked against NODE_ENV again here: a process whose NODE_ENV changed after start still never relaxes the rules.
  localEndpointsAllowed: () => readVariable('ALLOW_LOCAL_ENDPOINTS') && readVariable('NODE_ENV') !== 'production',
  extraCaFile: () => readVariable('EXTRA_CA_FILE'),
  /** SECRETS_KEY as it is now (server.ts may generate it at start; tests rotate it). */
  secretsKey: () => readVariable('SECRETS_KEY'),
  /** DATABASE_URL as it is now: server.ts points it at the database it started. */
  databaseUrl: () => readVariable('DATABASE_URL'),
};

export const SESSION_COOKIE = 'ring_session';
