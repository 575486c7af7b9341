/**
 * Ring's webhook signatures and one-way account-linking nonces, byte for byte as Ring's
 * developer pages describe them, with nothing but node:crypto so an integrator can copy this
 * file into their own backend.
 *
 * Signatures are lowercase hex; nonces are base64url without padding. Ring warns partners not
 * to mix the two encodings, so each has its own pair of functions.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Signature';
const SIGNATURE_PREFIX = 'sha256=';

// Ring keys the HMAC with the key's characters as UTF-8, never decoding it from hex or base64.
function hmac(key: string, message: string | Buffer) {
  const mac = createHmac('sha256', Buffer.from(key, 'utf8'));
  // The body is signed as bytes: decoding a Buffer to a string first would map every invalid
  // UTF-8 sequence to U+FFFD, so differently altered bodies would share one signature.
  return (typeof message === 'string' ? mac.update(message, 'utf8') : mac.update(message)).digest();
}

/** The `X-Signature` value Ring sends: `sha256=<lowercase hex HMAC-SHA256 of the raw body>`. */
export function sign(rawBody: string | Buffer, key: string): string {
  return `${SIGNATURE_PREFIX}${hmac(key, rawBody).toString('hex')}`;
}

/**
 * Checks an `X-Signature` header against the raw body exactly as received (before any JSON
 * parsing, which would change the bytes), in constant time. False for anything malformed.
 */
export function verify(rawBody: string | Buffer, header: string | null | undefined, key: string): boolean {
  if (typeof header !== 'string' || !header.startsWith(SIGNATURE_PREFIX)) return false;
  const hex = header.slice(SIGNATURE_PREFIX.length);
  // Ring sends lowercase hex, and partners compare the text: an uppercase digest is not Ring's.
  if (!/^[0-9a-f]{64}$/.test(hex)) return false;
  return timingSafeEqual(Buffer.from(hex, 'hex'), hmac(key, rawBody));
}

/**
 * The nonce Ring adds (with `time`) to the Account Link URL: base64url without padding of
 * HMAC-SHA256 over `<time>:<account_id>`, where `time` is epoch milliseconds as a string,
 * used exactly as received in the query string.
 */
export function createNonce(time: string | number, accountId: string, key: string): string {
  return hmac(key, `${time}:${accountId}`).toString('base64url');
}

/** Whether `nonce` is the one Ring would send for this time and account; constant time, false when malformed. */
export function verifyNonce(nonce: string | null | undefined, time: string | number, accountId: string, key: string): boolean {
  if (typeof nonce !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(nonce)) return false;
  const given = Buffer.from(nonce, 'base64url');
  const expected = hmac(key, `${time}:${accountId}`);
  // 43 characters also decode from strings whose last character carries stray low bits; re-encoding catches those.
  if (given.length !== expected.length || given.toString('base64url') !== nonce) return false;
  return timingSafeEqual(given, expected);
}
