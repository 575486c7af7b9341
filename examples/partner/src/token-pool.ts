/**
 * Where the partner keeps the tokens Ring hands over.
 *
 * Ring's one-way linking splits the hand-over in two: the tokens arrive server to server
 * (Token Exchange URL) before the partner knows which of its own users they belong to; the
 * user's sign-in at the Account Link URL says so a moment later. In between the tokens are
 * UNCLAIMED: they belong to a Ring account but to none of our users yet.
 *
 * A real partner persists this in its database (tokens encrypted at rest, like any credential),
 * because the exchange and the sign-in may reach different server processes and a restart must
 * not lose them, and claims with one conditional update (`UPDATE ... SET status = 'CLAIMED'
 * WHERE id = $1 AND status = 'UNCLAIMED'`) so two sign-ins can never claim the same token.
 * It would also refresh claimed tokens before their 4 hours run out and drop unclaimed ones
 * nobody came back for. This example keeps them in memory, behind the same small interface.
 */
import { randomUUID } from 'node:crypto';

export interface RingTokens {
  accessToken: string;
  refreshToken: string;
  scope: string;
  /** Epoch milliseconds at which the access token stops working (Ring's `expires_in` is 14400 s). */
  expiresAt: number;
}

export interface StoredToken extends RingTokens {
  id: string;
  /** The Ring account (`ava1.ring.account.…`) from `GET /v1/users/me`. */
  accountId: string;
  status: 'UNCLAIMED' | 'CLAIMED';
  receivedAt: number;
  /** Our own user the token was linked to, once claimed. */
  partnerUser: string | null;
}

export interface TokenPool {
  addUnclaimed(accountId: string, tokens: RingTokens): StoredToken;
  /** Only the UNCLAIMED ones, newest first: a nonce must never match a token already linked. */
  unclaimed(): StoredToken[];
  /** Atomically UNCLAIMED -> CLAIMED; false when someone else claimed it first. */
  claim(id: string, partnerUser: string): boolean;
  /** Back to UNCLAIMED when Ring refused the link, so the user can simply try again. */
  release(id: string): void;
  claimedBy(partnerUser: string): StoredToken[];
}

export function inMemoryTokenPool(): TokenPool {
  const tokens = new Map<string, StoredToken>();
  return {
    addUnclaimed(accountId, received) {
      const token: StoredToken = { ...received, id: randomUUID(), accountId, status: 'UNCLAIMED', receivedAt: Date.now(), partnerUser: null };
      tokens.set(token.id, token);
      return token;
    },
    unclaimed: () => [...tokens.values()].filter((token) => token.status === 'UNCLAIMED').sort((a, b) => b.receivedAt - a.receivedAt),
    claim(id, partnerUser) {
      const token = tokens.get(id);
      if (token?.status !== 'UNCLAIMED') return false;
      token.status = 'CLAIMED';
      token.partnerUser = partnerUser;
      return true;
    },
    release(id) {
      const token = tokens.get(id);
      if (!token) return;
      token.status = 'UNCLAIMED';
      token.partnerUser = null;
    },
    claimedBy: (partnerUser) => [...tokens.values()].filter((token) => token.status === 'CLAIMED' && token.partnerUser === partnerUser),
  };
}
