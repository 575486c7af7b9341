import type { YogaInitialContext } from 'graphql-yoga';
import type { DeveloperRole } from '@ring/db';

/** The signed-in developer as every resolver sees it. */
export interface Viewer {
  id: string;
  email: string;
  role: DeveloperRole;
}

/**
 * How the request identified itself. `invalid` (a bad, expired or revoked token or session)
 * is kept apart from `anonymous`, because the API must never treat it as signed out.
 */
export type Authentication =
  | { status: 'anonymous' }
  | { status: 'authenticated'; viewer: Viewer; via: 'session' | 'token' }
  | { status: 'invalid'; reason: string };

/** What the HTTP layer passes to yoga besides the request. */
export interface ServerContext {
  /** The client's address: the socket's peer, or the one a trusted proxy forwarded (TRUST_PROXY). */
  clientAddress?: string;
  /** Whether the client reached us over https, here or at a trusted proxy; unset: the URL's scheme. */
  secure?: boolean;
}

/** What the API adds to each request's context: identity only. */
export interface UserContext {
  auth: Authentication;
  viewer: Viewer | null;
}

export type Context = YogaInitialContext & ServerContext & UserContext;
