/**
 * A request id ties the client's response (header `x-request-id`) to the server's log lines.
 * An incoming id is kept when it looks like one (a proxy's or a tool's), so one id can follow
 * a request across services; anything else is replaced, since it is written into logs.
 */
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && SANE.test(incoming) ? incoming : randomUUID();
}
