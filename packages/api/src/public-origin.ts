import { config } from './config.ts';

/**
 * The origin people and tools reach the console at: PUBLIC_URL when set, otherwise the origin
 * of the request being answered (as the server saw it: behind a proxy, the one ORIGIN or the
 * forwarded headers give it, see server.ts).
 */
export const publicOrigin = (request: Request): string => config.publicUrl ?? new URL(request.url).origin;

/** A path on this site (like /media/<id>) as an absolute URL a tool can fetch as it is. */
export const absoluteUrl = (request: Request, path: string): string => (path.startsWith('/') ? `${publicOrigin(request)}${path}` : path);
