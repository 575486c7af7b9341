/**
 * Ring webhook signatures and one-way account-linking nonces, with nothing but node:crypto so
 * an integrator can copy this file into their own receiver.
 *
 * The signature covers `${timestamp}.${rawBody}` rather than the body alone, so a captured
 * request cannot be replayed once its timestamp falls outside the tolerance.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Signature';
export const TIMESTAMP_HEADER = 'X-Signature-Timestamp';
export const DEFAULT_TOLERANCE_SECONDS = 300;
export const LINK_NONCE_WINDOW_SECONDS = 600;

export type WebhookKey = string | Buffer;

// A type alias (not an interface) so it can be passed wherever a plain header record is expected.
export type WebhookSignatureHeaders = {
  'X-Signature': string;
  'X-Signature-Timestamp': string;
};

/** A time as Unix seconds: accepts seconds or a Date. */
function toSeconds(time: number | Date): number {
  return time instanceof Date ? Math.floor(time.getTime() / 1000) : Math.floor(time);
}

// The body is signed as bytes: decoding a Buffer to a string first would map every invalid UTF-8
// sequence to U+FFFD, so differently altered bodies would share one signature.
function signatureHex(key: WebhookKey, timestamp: number | string, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', key).update(`${timestamp}.`, 'utf8');
  return (typeof rawBody === 'string' ? hmac.update(rawBody, 'utf8') : hmac.update(rawBody)).digest('hex');
}

/** The headers Ring sends with a webhook: hex HMAC-SHA256 of `${timestamp}.${rawBody}` and the timestamp (Unix seconds). */
export function signWebhook(rawBody: string | Buffer, key: WebhookKey, timestamp: number | Date): WebhookSignatureHeaders {
  const seconds = toSeconds(timestamp);
  return {
    [SIGNATURE_HEADER]: signatureHex(key, seconds, rawBody),
    [TIMESTAMP_HEADER]: String(seconds),
  } as WebhookSignatureHeaders;
}

export interface VerifyOptions {
  /** How far the timestamp may be from now, either way. Default 300 seconds. */
  toleranceSeconds?: number;
  /** The current time (Unix seconds or a Date); defaults to the clock. */
  now?: number | Date;
}

export type VerifyResult =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'MISSING_HEADERS' | 'BAD_TIMESTAMP' | 'STALE_TIMESTAMP' | 'FUTURE_TIMESTAMP' | 'BAD_SIGNATURE' };

export type HeaderBag = Headers | Readonly<Record<string, string | string[] | undefined>>;

/** Reads a header whatever the container (Fetch Headers, node's IncomingHttpHeaders, a plain object) and letter case. */
function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * Checks a received webhook against the raw body exactly as received (before any JSON
 * parsing, which would change the bytes). The comparison runs in constant time.
 */
export function verifyWebhook(rawBody: string | Buffer, headers: HeaderBag, key: WebhookKey, options: VerifyOptions = {}): VerifyResult {
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const signature = header(headers, SIGNATURE_HEADER);
  const timestampText = header(headers, TIMESTAMP_HEADER);
  if (!signature || !timestampText) return { ok: false, reason: 'MISSING_HEADERS' };
  if (!/^\d{1,15}$/.test(timestampText)) return { ok: false, reason: 'BAD_TIMESTAMP' };
  const timestamp = Number(timestampText);
  const now = toSeconds(options.now ?? new Date());
  if (now - timestamp > tolerance) return { ok: false, reason: 'STALE_TIMESTAMP' };
  if (timestamp - now > tolerance) return { ok: false, reason: 'FUTURE_TIMESTAMP' };
  const expected = Buffer.from(signatureHex(key, timestampText, rawBody), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  // timingSafeEqual throws on different lengths; a malformed signature fails without timing on the key.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'BAD_SIGNATURE' };
  return { ok: true, timestamp };
}

/**
 * A nonce for one-way account linking: `${time}.${base64url HMAC-SHA256 of "${accountId}.${time}"}`.
 * It binds the Ring account to a moment, so it cannot be used for another account or after the window.
 */
export function createLinkNonce(key: WebhookKey, accountId: string, time: number | Date = new Date()): string {
  const seconds = toSeconds(time);
  const mac = createHmac('sha256', key).update(`${accountId}.${seconds}`, 'utf8').digest('base64url');
  return `${seconds}.${mac}`;
}

export interface VerifyNonceOptions {
  now?: number | Date;
  /** How long a nonce lives. Default 600 seconds. */
  windowSeconds?: number;
}

export type VerifyNonceResult = { ok: true; time: number } | { ok: false; reason: 'MALFORMED' | 'EXPIRED' | 'FUTURE' | 'BAD_NONCE' };

export function verifyLinkNonce(nonce: string, key: WebhookKey, accountId: string, options: VerifyNonceOptions = {}): VerifyNonceResult {
  const window = options.windowSeconds ?? LINK_NONCE_WINDOW_SECONDS;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(nonce);
  if (!match) return { ok: false, reason: 'MALFORMED' };
  const time = Number(match[1]);
  const now = toSeconds(options.now ?? new Date());
  if (now - time > window) return { ok: false, reason: 'EXPIRED' };
  // A little clock skew is normal; a nonce from further ahead than that was not made by us now.
  if (time - now > DEFAULT_TOLERANCE_SECONDS) return { ok: false, reason: 'FUTURE' };
  const expected = createHmac('sha256', key).update(`${accountId}.${match[1]}`, 'utf8').digest();
  const given = Buffer.from(match[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'BAD_NONCE' };
  return { ok: true, time };
}
