/**
 * Successful authentications reused from memory, so that a request answered from the
 * response cache asks the database nothing at all. An entry is used only while caching is
 * active, in the generation it was stored in (any committed change anywhere ends it: a
 * revoked token, a signed-out session, a changed role; through another process too, once every
 * change committed before the request has been heard: `caughtUp`), within the time to live, and before
 * the credential's own deadline (a session's expiry; a token's next lastUsedAt write).
 * Keyed by the SHA-256 of the credential, as the database keys them: no plaintext in memory.
 */
import { LRUCache } from 'lru-cache';
import type { Authentication } from '../../context.ts';
import type { Caching } from '../../caching/caching.ts';
import { authenticateUntil } from './identity.service.ts';
import { hashToken } from './secrets.ts';

interface Entry {
  auth: Authentication;
  generation: number;
  until: number;
}

export type Authenticator = (credentials: { bearer?: string | null; sessionToken?: string | null }) => Promise<Authentication>;

export function cachedAuthenticator(caching: Caching, max = 10_000): Authenticator {
  const entries = new LRUCache<string, Entry>({ max });
  return async (credentials) => {
    const key =
      credentials.bearer !== undefined && credentials.bearer !== null
        ? `token:${hashToken(credentials.bearer)}`
        : credentials.sessionToken
          ? `session:${hashToken(credentials.sessionToken)}`
          : undefined;
    const now = Date.now();
    const hit = key ? entries.get(key) : undefined;
    // A revocation committed through another process may not be heard yet: wait until it would be.
    if (hit && now < hit.until && caching.active() && (await caching.caughtUp(performance.now())) && hit.generation === caching.generation()) {
      return hit.auth;
    }
    // Stamped before the lookup: a change committed meanwhile makes the entry stale at once.
    const generation = caching.generation();
    const { auth, reusableUntil } = await authenticateUntil(credentials);
    if (key && auth.status === 'authenticated') entries.set(key, { auth, generation, until: Math.min(now + caching.ttlMs, reusableUntil) });
    else if (key) entries.delete(key);
    return auth;
  };
}
