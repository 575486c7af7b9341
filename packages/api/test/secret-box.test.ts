import { beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, generateSecretsKey, parseSecretsKey } from '../src/crypto/secret-box.ts';

beforeAll(() => {
  process.env.SECRETS_KEY = generateSecretsKey();
});

describe('secret box', () => {
  it('round-trips and never stores the plaintext', () => {
    const stored = encryptSecret('rhk_secret-value', 'app-1');
    expect(stored).not.toContain('rhk_secret-value');
    expect(decryptSecret(stored, 'app-1')).toBe('rhk_secret-value');
  });

  it('refuses a ciphertext moved to another app, or tampered with', () => {
    const stored = encryptSecret('rhk_secret-value', 'app-1');
    expect(() => decryptSecret(stored, 'app-2')).toThrow();
    const [version, iv, tag, ciphertext] = stored.split('.');
    const flipped = Buffer.from(ciphertext!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => decryptSecret([version, iv, tag, flipped.toString('base64url')].join('.'), 'app-1')).toThrow();
  });

  it('refuses another key', () => {
    const stored = encryptSecret('rhk_secret-value', 'app-1');
    process.env.SECRETS_KEY = generateSecretsKey();
    expect(() => decryptSecret(stored, 'app-1')).toThrow();
  });

  it('accepts 32-byte keys only, with a clear message', () => {
    expect(() => parseSecretsKey(undefined)).toThrow(/SECRETS_KEY is not set/);
    expect(() => parseSecretsKey('abcd')).toThrow(/must be 32 bytes/);
    expect(parseSecretsKey('a'.repeat(64))).toHaveLength(32);
    expect(parseSecretsKey(Buffer.alloc(32, 7).toString('base64'))).toHaveLength(32);
  });
});
