/**
 * POSTs one signed event to a developer's URL without letting that URL reach inside our
 * network: https only, no redirects followed, a 5-second budget for the whole exchange, and
 * every address the host name resolves to checked at connect time (not when the URL was
 * saved, since DNS can change in between), so a name that resolves to 127.0.0.1 or to the
 * metadata service is refused before any connection is made.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isLoopbackAddress, isNonPublicAddress } from '@ring/domain';
import { describeNetworkError } from './network-errors.ts';
import { loopbackAllowedForTests, RESPONSE_EXCERPT_BYTES, trustedCertificates, WEBHOOK_TIMEOUT_MS } from './webhooks.config.ts';

export interface DeliveryOutcome {
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
  refused: boolean;
}

class RefusedAddress extends Error {}

/** Null when the address may be connected to, otherwise why not. */
function addressProblem(address: string): string | null {
  if (!isNonPublicAddress(address)) return null;
  if (isLoopbackAddress(address) && loopbackAllowedForTests()) return null;
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

/** Every header a delivery sends, so the caller can record the request exactly as sent. */
export function deliveryHeaders(body: string | Buffer, headers: Record<string, string>): Record<string, string> {
  return { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'User-Agent': 'Ring-Webhooks-Test/1.0', ...headers };
}

export async function deliver(target: string, body: string | Buffer, headers: Record<string, string>): Promise<DeliveryOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const refuse = (error: string): DeliveryOutcome => ({ statusCode: null, durationMs: elapsed(), responseExcerpt: null, error, refused: true });

  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return refuse('Refused: the webhook URL is not a valid URL.');
  }
  if (url.protocol !== 'https:') return refuse('Refused: only https:// webhook URLs are called.');
  if (url.username || url.password) return refuse('Refused: the webhook URL contains credentials.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Node does not call `lookup` for an IP literal, so literals are checked here.
  if (isIP(host)) {
    const problem = addressProblem(host);
    if (problem) return refuse(`Refused: ${problem}.`);
  }

  return new Promise<DeliveryOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<DeliveryOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const req = request(
      url,
      {
        method: 'POST',
        headers: deliveryHeaders(body, headers),
        lookup: guardedLookup,
        ca: trustedCertificates(),
        // A fresh connection per delivery: a pooled socket would skip the address check.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const statusCode = response.statusCode ?? null;
        const location = response.headers.location;
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
          const redirected = statusCode !== null && statusCode >= 300 && statusCode < 400;
          finish({
            statusCode,
            responseExcerpt: excerpt,
            error: redirected
              ? `Redirect not followed${location ? ` (Location: ${location.slice(0, 200)})` : ''}: answer webhooks with 2xx at the saved URL.`
              : statusCode !== null && (statusCode < 200 || statusCode >= 300)
                ? `Your endpoint answered HTTP ${statusCode}; Ring expects 200.`
                : null,
            refused: false,
          });
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
      req.destroy(new Error(`Timed out after ${WEBHOOK_TIMEOUT_MS / 1000} seconds.`));
    }, WEBHOOK_TIMEOUT_MS);
    req.on('error', (error: Error & { code?: string }) => {
      if (error instanceof RefusedAddress) return finish({ statusCode: null, responseExcerpt: null, error: error.message, refused: true });
      finish({ statusCode: null, responseExcerpt: null, error: describeNetworkError(error, host, url.port || '443'), refused: false });
    });
    req.end(body);
  });
}
