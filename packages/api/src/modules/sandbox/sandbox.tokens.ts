/**
 * Access and refresh tokens of the sandbox Ring API: this module owns the SandboxToken table.
 * Only their SHA-256 is stored; the plaintext exists in the one answer that issues it.
 */
import { randomBytes } from 'node:crypto';
import type { Prisma } from '@ring/db';
import { ACCESS_TOKEN_LIFETIME_SECONDS, REFRESH_TOKEN_LIFETIME_MS } from '@ring/domain';
import { hashSandboxSecret } from '../link-rehearsals/link-rehearsals.service.ts';

const ACCESS_PREFIX = 'rsbx_at_';
const REFRESH_PREFIX = 'rsbx_rt_';
/** What Ring's token endpoint answers as `scope`; the sandbox grants the standard set. */
export const SANDBOX_SCOPE = 'read write';

export interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  scope: string;
  expires_in: number;
  token_type: 'Bearer';
}

export async function issueTokens(tx: Pick<Prisma.TransactionClient, 'sandboxToken'>, rehearsalId: string): Promise<TokenAnswer> {
  const access = ACCESS_PREFIX + randomBytes(32).toString('base64url');
  const refresh = REFRESH_PREFIX + randomBytes(32).toString('base64url');
  const now = Date.now();
  await tx.sandboxToken.createMany({
    data: [
      { rehearsalId, kind: 'ACCESS', tokenHash: hashSandboxSecret(access), expiresAt: new Date(now + ACCESS_TOKEN_LIFETIME_SECONDS * 1000) },
      { rehearsalId, kind: 'REFRESH', tokenHash: hashSandboxSecret(refresh), expiresAt: new Date(now + REFRESH_TOKEN_LIFETIME_MS) },
    ],
  });
  return { access_token: access, refresh_token: refresh, scope: SANDBOX_SCOPE, expires_in: ACCESS_TOKEN_LIFETIME_SECONDS, token_type: 'Bearer' };
}

export async function findToken(tx: Pick<Prisma.TransactionClient, 'sandboxToken'>, kind: 'ACCESS' | 'REFRESH', token: string) {
  return tx.sandboxToken
    .findUnique({
      where: { tokenHash: hashSandboxSecret(token) },
      include: { rehearsal: { select: { id: true, appId: true, accountId: true, status: true, app: { select: { developerId: true } } } } },
    })
    .then((row) => (row && row.kind === kind ? row : null));
}

/** Marks a refresh token used, unless another request did first: true when this one did. */
export async function useRefreshToken(tx: Pick<Prisma.TransactionClient, 'sandboxToken'>, id: string): Promise<boolean> {
  const { count } = await tx.sandboxToken.updateMany({ where: { id, usedAt: null }, data: { usedAt: new Date() } });
  return count === 1;
}
