/**
 * One HTTPS request to a developer's endpoint (endpoint checks, test events, link rehearsals)
 * without letting that URL reach inside our network: https only, TLS 1.2 or later, no
 * redirects followed, a 5-second budget for the whole exchange, at most a kilobyte of the
 * answer read, and every address the host name resolves to checked at connect time (not when
 * the URL was saved, since DNS can change in between), so a name that resolves to 127.0.0.1 or
 * to the metadata service is refused before any connection is made.
 *
 * It reports what happened; what an answer means (a webhook wants 2xx, the Token Exchange URL
 * a 4xx for an unknown code) is for the caller to say.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isLoopbackAddress, isNonPublicAddress } from '@ring/domain';
import { localEndpointsAllowed, trustedCertificates } from './local-endpoints.ts';
import { describeNetworkError } from './network-errors.ts';

export const PARTNER_TIMEOUT_MS = 5_000;
export const RESPONSE_EXCERPT_BYTES = 1_024;

export interface PartnerRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface PartnerResponse {
  /** Null when no answer arrived (refused, unreachable, timed out). */
  statusCode: number | null;
  /** The Location header of a redirect (not followed). */
  location: string | null;
  durationMs: number;
  /** The first kilobyte of the answer, as text. */
  responseExcerpt: string | null;
  /** Why no answer arrived, in a sentence; null when one did. */
  error: string | null;
  /** True when we refused to connect at all (the address or URL is not allowed). */
  refused: boolean;
}

class RefusedAddress extends Error {}

/** Null when the address may be connected to, otherwise why not. */
function addressProblem(address: string): string | null {
  if (!isNonPublicAddress(address)) return null;
  if (isLoopbackAddress(address) && localEndpointsAllowed()) return null;
  return `${address} is a private, loopback, link-local or metadata address`;
}

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    // Every address, not just the first: a client may try them in turn (happy eyeballs).
    for (const { address } of addresses) {
      const problem = addressProblem(address);
      if (problem) return callback(new RefusedAddress(`Refused: ${hostname} resolves to ${problem}.`), '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

export async function partnerRequest({ method, url: target, headers = {}, body }: PartnerRequest): Promise<PartnerResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const refuse = (error: string): PartnerResponse => ({ statusCode: null, location: null, durationMs: elapsed(), responseExcerpt: null, error, refused: true });

  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return refuse('Refused: the URL is not a valid URL.');
  }
  if (url.protocol !== 'https:') return refuse('Refused: only https:// URLs are called.');
  if (url.username || url.password) return refuse('Refused: the URL contains credentials.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Node does not call `lookup` for an IP literal, so literals are checked here.
  if (isIP(host)) {
    const problem = addressProblem(host);
    if (problem) return refuse(`Refused: ${problem}.`);
  }

  return new Promise<PartnerResponse>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PartnerResponse, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const req = request(
      url,
      {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup,
        ca: trustedCertificates(),
        minVersion: 'TLSv1.2',
        // A fresh connection per request: a pooled socket would skip the address check.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const statusCode = response.statusCode ?? null;
        const location = response.headers.location?.slice(0, 200) ?? null;
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
          finish({ statusCode, location, responseExcerpt: excerpt, error: null, refused: false });
        };
        response.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          // Only the first kilobyte is kept, so there is no reason to read an endless body.
          if (size >= RESPONSE_EXCERPT_BYTES) {
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`No answer within ${PARTNER_TIMEOUT_MS / 1000} seconds; Ring waits at most ${PARTNER_TIMEOUT_MS / 1000}.`));
    }, PARTNER_TIMEOUT_MS);
    req.on('error', (error: Error & { code?: string }) => {
      if (error instanceof RefusedAddress) return finish({ statusCode: null, location: null, responseExcerpt: null, error: error.message, refused: true });
      finish({ statusCode: null, location: null, responseExcerpt: null, error: describeNetworkError(error, host, url.port || '443'), refused: false });
    });
    req.end(body);
  });
}
