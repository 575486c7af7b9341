/**
 * Encryption at rest for secrets the portal must use again (the HMAC signature key signs
 * webhooks): AES-256-GCM under SECRETS_KEY, bound to a context (the app id) so a ciphertext
 * copied to another row does not decrypt. Secrets that are only ever verified (client
 * secrets, tokens, passwords) are hashed instead and never come here.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { live } from '../config.ts';

const VERSION = 'v1';

export function parseSecretsKey(raw: string | undefined): Buffer {
  if (!raw) throw new Error('SECRETS_KEY is not set: 32 random bytes as 64 hex characters or base64.');
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes: 64 hex characters or 44 base64 characters.');
  return key;
}

export function generateSecretsKey(): string {
  return randomBytes(32).toString('hex');
}

let cachedKey: { raw: string; key: Buffer } | undefined;
function currentKey(): Buffer {
  const raw = live.secretsKey() ?? '';
  if (cachedKey?.raw !== raw) cachedKey = { raw, key: parseSecretsKey(raw) };
  return cachedKey.key;
}

export function encryptSecret(plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', currentKey(), iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function decryptSecret(stored: string, context: string): string {
  const [version, iv, tag, ciphertext] = stored.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Unreadable encrypted secret.');
  const decipher = createDecipheriv('aes-256-gcm', currentKey(), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
