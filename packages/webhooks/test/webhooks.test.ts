import { describe, expect, it } from 'vitest';
import { createNonce, sign, verify, verifyNonce } from '../src/index.ts';

// Known vectors computed once with Python's hmac/hashlib/base64, independently of this library:
//   hmac.new(KEY.encode(), BODY.encode(), hashlib.sha256).hexdigest()
//   base64.urlsafe_b64encode(hmac.new(KEY.encode(), b"1764079200123:ava1.ring.account.42", hashlib.sha256).digest()).rstrip(b"=")
const KEY = 'k3y-ünïcode-0123456789abcdef';
const BODY = '{"meta":{"version":"1.1"},"data":{"id":"x","type":"button_press"}}';
const BODY_SIGNATURE = 'sha256=e18653445983ccc1a6ba077d93a2bc7b7d904ae2bff742a13c4fba308a665ef7';
const INVALID_UTF8_BODY = Buffer.from([...Buffer.from('{"a":"'), 0xff, ...Buffer.from('"}')]);
const INVALID_UTF8_SIGNATURE = 'sha256=cb6d114c74d57056aa14b0292fcf0ac23696508a81c005025037533f71357acc';
const TIME = '1764079200123';
const ACCOUNT = 'ava1.ring.account.42';
const NONCE = '0U9b164BF3fswhs-rzbcVTzHYZq3fiwU5w0y5VAFtlw';

describe('sign', () => {
  it('matches the Python vector: sha256=<lowercase hex> over the raw body, keyed with the UTF-8 key', () => {
    expect(sign(BODY, KEY)).toBe(BODY_SIGNATURE);
    expect(sign(Buffer.from(BODY), KEY)).toBe(BODY_SIGNATURE);
  });

  it('signs the raw bytes, invalid UTF-8 included', () => {
    expect(sign(INVALID_UTF8_BODY, KEY)).toBe(INVALID_UTF8_SIGNATURE);
  });
});

describe('verify', () => {
  it('accepts the Python vector', () => {
    expect(verify(BODY, BODY_SIGNATURE, KEY)).toBe(true);
    expect(verify(INVALID_UTF8_BODY, INVALID_UTF8_SIGNATURE, KEY)).toBe(true);
  });

  it('refuses a body with one changed byte, another key, or a changed signature', () => {
    expect(verify(BODY.replace('1.1', '1.2'), BODY_SIGNATURE, KEY)).toBe(false);
    const altered = Buffer.from(INVALID_UTF8_BODY);
    altered[6] = 0xfe;
    expect(verify(altered, INVALID_UTF8_SIGNATURE, KEY)).toBe(false);
    expect(verify(BODY, BODY_SIGNATURE, `${KEY}x`)).toBe(false);
    expect(verify(BODY, `${BODY_SIGNATURE.slice(0, -1)}8`, KEY)).toBe(false);
  });

  it('refuses anything malformed without throwing', () => {
    const hex = BODY_SIGNATURE.slice('sha256='.length);
    for (const header of [
      undefined,
      null,
      '',
      hex,
      `sha1=${hex}`,
      `SHA256=${hex}`,
      `sha256=${hex}0`,
      `sha256=${hex.slice(1)}`,
      `sha256=${hex.slice(0, -1)}g`,
      `sha256= ${hex}`,
      `sha256=${hex.toUpperCase()}`,
    ]) {
      expect(verify(BODY, header, KEY)).toBe(false);
    }
  });
});

describe('nonces', () => {
  it('match the Python vector: base64url without padding over "<time>:<account_id>"', () => {
    expect(createNonce(TIME, ACCOUNT, KEY)).toBe(NONCE);
    expect(createNonce(Number(TIME), ACCOUNT, KEY)).toBe(NONCE);
    expect(NONCE).not.toMatch(/[=+/]/);
  });

  it('verify for the same time, account and key only', () => {
    expect(verifyNonce(NONCE, TIME, ACCOUNT, KEY)).toBe(true);
    expect(verifyNonce(NONCE, '1764079200124', ACCOUNT, KEY)).toBe(false);
    expect(verifyNonce(NONCE, TIME, 'ava1.ring.account.43', KEY)).toBe(false);
    expect(verifyNonce(NONCE, TIME, ACCOUNT, `${KEY}x`)).toBe(false);
  });

  it('refuse a changed or malformed nonce without throwing', () => {
    const changed = `${NONCE.slice(0, 10)}${NONCE[10] === 'A' ? 'B' : 'A'}${NONCE.slice(11)}`;
    for (const nonce of [changed, `${NONCE}=`, NONCE.slice(1), `${NONCE.slice(0, -1)}x`, NONCE.replace('-', '+'), '', undefined, null]) {
      expect(verifyNonce(nonce, TIME, ACCOUNT, KEY)).toBe(false);
    }
  });
});
