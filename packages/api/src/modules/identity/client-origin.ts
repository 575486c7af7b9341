/**
 * Who is on the other end of a request, as far as rate limits and cookies are concerned: the
 * client's address, and whether it reached us over https. Behind a reverse proxy the socket's
 * peer is the proxy, so the proxy's X-Forwarded-For and X-Forwarded-Proto are believed, but
 * only from proxies that TRUST_PROXY names; otherwise anyone could pick their own address
 * (and escape every per-address limit) by sending the header.
 *
 * TRUST_PROXY (see config.ts) says which proxies those are.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import proxyAddr from 'proxy-addr';
import { config, parseTrustProxy, type TrustProxy } from '../../config.ts';

// TRUST_PROXY is parsed with the rest of the configuration; the parser stays importable from here.
export { parseTrustProxy };

/** The client's address and whether it came over https, for the API's context. */
export function clientOrigin(request: IncomingMessage, trusted: TrustProxy = config.trustProxy): { clientAddress: string; secure: boolean } {
  const peer = request.socket.remoteAddress ?? 'unknown';
  const clientAddress = peer === 'unknown' ? peer : proxyAddr(request, trusted);
  const encrypted = Boolean((request.socket as TLSSocket).encrypted);
  if (encrypted || !trusted(peer, 0)) return { clientAddress, secure: encrypted };
  // The proxy nearest to us says which scheme the client used (its first value, as Express reads it).
  const forwarded = String(request.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]!
    .trim()
    .toLowerCase();
  return { clientAddress, secure: forwarded === 'https' };
}
