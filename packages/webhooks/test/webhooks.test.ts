import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLinkNonce, signWebhook, verifyLinkNonce, verifyWebhook } from '../src/index.ts';

const key = randomBytes(32).toString('hex');
const body = JSON.stringify({ meta: { version: '1.0', time: '2026-11-25T14:00:00Z' }, data: { id: 'e1', type: 'motion_detected' } });
const T = 1_764_079_200; // a fixed moment, in Unix seconds

describe('signWebhook', () => {
  it('matches an HMAC-SHA256 of "timestamp.body" computed independently', () => {
    const independent = createHmac('sha256', key).update(`${T}.${body}`).digest('hex');
    expect(signWebhook(body, key, T)).toEqual({ 'X-Signature': independent, 'X-Signature-Timestamp': String(T) });
  });

  it('takes a Date as Unix seconds', () => {
    expect(signWebhook(body, key, new Date(T * 1000 + 999))).toEqual(signWebhook(body, key, T));
  });
});

describe('verifyWebhook', () => {
  const headers = signWebhook(body, key, T);

  it('accepts what signWebhook made, with header names in any letter case', () => {
    expect(verifyWebhook(body, headers, key, { now: T })).toEqual({ ok: true, timestamp: T });
    const lower = { 'x-signature': headers['X-Signature'], 'x-signature-timestamp': headers['X-Signature-Timestamp'] };
    expect(verifyWebhook(Buffer.from(body), lower, key, { now: T }).ok).toBe(true);
    expect(verifyWebhook(body, new Headers(lower), key, { now: T }).ok).toBe(true);
  });

  it('fails for a changed body, key or timestamp', () => {
    expect(verifyWebhook(`${body} `, headers, key, { now: T })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyWebhook(body, headers, randomBytes(32).toString('hex'), { now: T })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    const shifted = { ...headers, 'X-Signature-Timestamp': String(T + 1) };
    expect(verifyWebhook(body, shifted, key, { now: T })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('checks the raw bytes: a body altered in its invalid UTF-8 bytes fails', () => {
    const original = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    const altered = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xfe]), Buffer.from('"}')]);
    const signed = signWebhook(original, key, T);
    expect(signed['X-Signature']).toBe(
      createHmac('sha256', key)
        .update(Buffer.concat([Buffer.from(`${T}.`), original]))
        .digest('hex'),
    );
    expect(verifyWebhook(original, signed, key, { now: T }).ok).toBe(true);
    expect(verifyWebhook(altered, signed, key, { now: T })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('fails for a missing or malformed signature', () => {
    expect(verifyWebhook(body, { 'X-Signature-Timestamp': String(T) }, key, { now: T }).ok).toBe(false);
    expect(verifyWebhook(body, { ...headers, 'X-Signature': 'abc' }, key, { now: T })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyWebhook(body, { ...headers, 'X-Signature-Timestamp': '12e3' }, key, { now: T })).toEqual({ ok: false, reason: 'BAD_TIMESTAMP' });
  });

  it('accepts a timestamp 300 s old and refuses 301 s', () => {
    expect(verifyWebhook(body, headers, key, { now: T + 300 }).ok).toBe(true);
    expect(verifyWebhook(body, headers, key, { now: T + 301 })).toEqual({ ok: false, reason: 'STALE_TIMESTAMP' });
  });

  it('accepts 300 s in the future and refuses beyond', () => {
    expect(verifyWebhook(body, headers, key, { now: T - 300 }).ok).toBe(true);
    expect(verifyWebhook(body, headers, key, { now: T - 301 })).toEqual({ ok: false, reason: 'FUTURE_TIMESTAMP' });
  });

  it('honours a custom tolerance', () => {
    expect(verifyWebhook(body, headers, key, { now: T + 61, toleranceSeconds: 60 }).ok).toBe(false);
    expect(verifyWebhook(body, headers, key, { now: T + 60, toleranceSeconds: 60 }).ok).toBe(true);
  });
});

describe('link nonces', () => {
  it('round-trip and are base64url HMAC-SHA256 computed independently', () => {
    const nonce = createLinkNonce(key, 'account-1', T);
    const mac = createHmac('sha256', key).update(`account-1.${T}`).digest('base64url');
    expect(nonce).toBe(`${T}.${mac}`);
    expect(verifyLinkNonce(nonce, key, 'account-1', { now: T })).toEqual({ ok: true, time: T });
  });

  it('are bound to the account and the key', () => {
    const nonce = createLinkNonce(key, 'account-1', T);
    expect(verifyLinkNonce(nonce, key, 'account-2', { now: T })).toEqual({ ok: false, reason: 'BAD_NONCE' });
    expect(verifyLinkNonce(nonce, 'another key', 'account-1', { now: T })).toEqual({ ok: false, reason: 'BAD_NONCE' });
  });

  it('cannot be moved to another time', () => {
    const [, mac] = createLinkNonce(key, 'account-1', T).split('.');
    expect(verifyLinkNonce(`${T + 100}.${mac}`, key, 'account-1', { now: T + 100 })).toEqual({ ok: false, reason: 'BAD_NONCE' });
  });

  it('live 600 s and expire at 601 s', () => {
    const nonce = createLinkNonce(key, 'account-1', T);
    expect(verifyLinkNonce(nonce, key, 'account-1', { now: T + 600 }).ok).toBe(true);
    expect(verifyLinkNonce(nonce, key, 'account-1', { now: T + 601 })).toEqual({ ok: false, reason: 'EXPIRED' });
  });

  it('refuse garbage and nonces from the future', () => {
    expect(verifyLinkNonce('nope', key, 'account-1', { now: T })).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(verifyLinkNonce(createLinkNonce(key, 'account-1', T + 3600), key, 'account-1', { now: T })).toEqual({ ok: false, reason: 'FUTURE' });
  });
});
