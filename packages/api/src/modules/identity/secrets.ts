/** Random tokens and their stored form: only a SHA-256 of a token ever reaches the database. */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TOKEN_PREFIX = 'rcs_';
export const API_TOKEN_PREFIX = 'rat_';

export function newToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
