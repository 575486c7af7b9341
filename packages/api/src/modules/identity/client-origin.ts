/**
 * Who is on the other end of a request, as far as rate limits and cookies are concerned: the
 * client's address, and whether it reached us over https. Behind a reverse proxy the socket's
 * peer is the proxy, so the proxy's X-Forwarded-For and X-Forwarded-Proto are believed, but
 * only from proxies that TRUST_PROXY names; otherwise anyone could pick their own address
 * (and escape every per-address limit) by sending the header.
 *
 * TRUST_PROXY: unset or empty trusts nothing; a number trusts that many hops nearest to us
 * (1: the one proxy in front); otherwise a comma list of addresses or CIDRs (and proxy-addr's
 * names loopback, linklocal, uniquelocal).
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import proxyAddr from 'proxy-addr';

type Trust = (address: string, hop: number) => boolean;

export function parseTrustProxy(raw: string | undefined): Trust {
  const value = raw?.trim() ?? '';
  if (value === '') return () => false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  const list = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  try {
    return proxyAddr.compile(list);
  } catch (error) {
    throw new Error(`TRUST_PROXY must be a number of proxies or a comma list of addresses/CIDRs (like 10.0.0.0/8,127.0.0.1), not "${raw}": ${(error as Error).message}`);
  }
}

const trust = parseTrustProxy(process.env.TRUST_PROXY);

/** The client's address and whether it came over https, for the API's context. */
export function clientOrigin(request: IncomingMessage, trusted: Trust = trust): { clientAddress: string; secure: boolean } {
  const peer = request.socket.remoteAddress ?? 'unknown';
  const clientAddress = peer === 'unknown' ? peer : proxyAddr(request, trusted);
  const encrypted = Boolean((request.socket as TLSSocket).encrypted);
  if (encrypted || !trusted(peer, 0)) return { clientAddress, secure: encrypted };
  // The proxy nearest to us says which scheme the client used (its first value, as Express reads it).
  const forwarded = String(request.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim().toLowerCase();
  return { clientAddress, secure: forwarded === 'https' };
}
