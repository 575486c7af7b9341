/**
 * The endpoint checks themselves: the requests Ring's platform would make to each linking URL,
 * made through the guarded partner request, and each answer judged against what Ring expects,
 * in a sentence that says what was seen. All requests go out at once, so a run takes at most
 * the partner request's 5-second budget (plus a little), however many endpoints hang.
 */
import { randomBytes } from 'node:crypto';
import { CHECKED_ENDPOINTS, ENDPOINT_FIELDS, type CheckedEndpoint, type EndpointCheckKind, type LinkingUrls } from '@ring/domain';
import { SIGNATURE_HEADER, sign } from '@ring/webhooks';
import { partnerRequest, PARTNER_TIMEOUT_MS, type PartnerResponse } from '../../outbound/partner-request.ts';
import { deliveryHeaders } from '../webhooks/delivery.ts';
import { sampleEvent } from '../webhooks/sample-events.ts';

export interface EndpointCheckResult {
  endpoint: CheckedEndpoint;
  check: EndpointCheckKind;
  passed: boolean;
  message: string;
  statusCode: number | null;
  durationMs: number;
}

const USER_AGENT = 'Ring-Endpoint-Check/1.0';
const SECONDS = PARTNER_TIMEOUT_MS / 1000;

type Range = '2xx' | '3xx' | '4xx' | '5xx' | 'other';
function range(status: number): Range {
  if (status >= 200 && status < 300) return '2xx';
  if (status >= 300 && status < 400) return '3xx';
  if (status >= 400 && status < 500) return '4xx';
  if (status >= 500 && status < 600) return '5xx';
  return 'other';
}

function result(endpoint: CheckedEndpoint, check: EndpointCheckKind, response: PartnerResponse, passed: boolean, message: string): EndpointCheckResult {
  return { endpoint, check, passed, message, statusCode: response.statusCode, durationMs: response.durationMs };
}

function reachable(endpoint: CheckedEndpoint, response: PartnerResponse): EndpointCheckResult {
  if (response.statusCode !== null) {
    return result(
      endpoint,
      'REACHABLE',
      response,
      true,
      `Answered HTTP ${response.statusCode} in ${response.durationMs} ms over TLS 1.2 or later with a valid certificate.`,
    );
  }
  const seen = (response.error ?? 'No answer arrived.').replace(/\.$/, '');
  // One sentence: what was seen, then what Ring expects (unless the reason already says it).
  const expects = /\bRing\b/.test(seen)
    ? ''
    : `; Ring expects a public address serving HTTPS (TLS 1.2 or later, a valid certificate) that answers within ${SECONDS} seconds`;
  return result(endpoint, 'REACHABLE', response, false, `${seen}${expects}.`);
}

/** A check that needs an answer to judge: without one, it fails pointing at the reachability row. */
function judged(
  endpoint: CheckedEndpoint,
  check: EndpointCheckKind,
  response: PartnerResponse,
  judge: (status: number, redirect: string) => { passed: boolean; message: string },
): EndpointCheckResult {
  if (response.statusCode === null) return result(endpoint, check, response, false, 'Not checked: the endpoint gave no answer (see its reachability check).');
  const redirect = `HTTP ${response.statusCode}, a redirect${response.location ? ` to ${response.location}` : ''} (Ring does not follow redirects)`;
  const { passed, message } = judge(response.statusCode, redirect);
  return result(endpoint, check, response, passed, message);
}

function browserChecks(endpoint: CheckedEndpoint, response: PartnerResponse): EndpointCheckResult[] {
  return [
    reachable(endpoint, response),
    judged(endpoint, 'ANSWERS_BROWSER', response, (status) => {
      const kind = range(status);
      if (kind === '2xx' || kind === '3xx') return { passed: true, message: `A browser’s GET was answered with HTTP ${status}.` };
      return { passed: false, message: `A browser’s GET was answered with HTTP ${status}; Ring sends users’ browsers here and expects 2xx or 3xx.` };
    }),
  ];
}

function tokenExchangeChecks(response: PartnerResponse): EndpointCheckResult[] {
  const endpoint = 'TOKEN_EXCHANGE_URL';
  return [
    reachable(endpoint, response),
    judged(endpoint, 'REFUSES_UNKNOWN_CODE', response, (status, redirect) => {
      switch (range(status)) {
        case '4xx':
          return { passed: true, message: `A code Ring never issued was refused with HTTP ${status}.` };
        case '2xx':
          return {
            passed: false,
            message: `A code Ring never issued was accepted with HTTP ${status}; Ring expects 4xx: exchange each code at Ring’s token endpoint and refuse it when that fails.`,
          };
        case '5xx':
          return { passed: false, message: `A code Ring never issued got HTTP ${status} (a crash); Ring expects 4xx for a code that cannot be exchanged.` };
        case '3xx':
          return { passed: false, message: `A code Ring never issued got ${redirect}; Ring expects 4xx at this URL.` };
        default:
          return { passed: false, message: `A code Ring never issued got HTTP ${status}; Ring expects 4xx.` };
      }
    }),
  ];
}

function webhookChecks(signed: PartnerResponse, wronglySigned: PartnerResponse): EndpointCheckResult[] {
  const endpoint = 'WEBHOOK_URL';
  return [
    reachable(endpoint, signed),
    judged(endpoint, 'ACCEPTS_SIGNED_EVENT', signed, (status, redirect) => {
      switch (range(status)) {
        case '2xx':
          return { passed: true, message: `A correctly signed event was accepted with HTTP ${status}.` };
        case '4xx':
          return {
            passed: false,
            message: `A correctly signed event was refused with HTTP ${status}; Ring expects 2xx: compute HMAC-SHA256 over the raw body, keyed with the HMAC Signature Key as UTF-8, and compare it with X-Signature after its "sha256=" prefix.`,
          };
        case '3xx':
          return { passed: false, message: `A correctly signed event got ${redirect}; Ring expects 2xx at this URL.` };
        default:
          return { passed: false, message: `A correctly signed event got HTTP ${status}; Ring expects 2xx within ${SECONDS} seconds.` };
      }
    }),
    judged(endpoint, 'REFUSES_WRONG_SIGNATURE', wronglySigned, (status, redirect) => {
      switch (range(status)) {
        case '4xx':
          return { passed: true, message: `An event with a wrong X-Signature was refused with HTTP ${status}.` };
        case '2xx':
          return {
            passed: false,
            message: `An event with a wrong X-Signature was accepted with HTTP ${status}; Ring expects 4xx: verify the signature before trusting an event.`,
          };
        case '5xx':
          return { passed: false, message: `An event with a wrong X-Signature got HTTP ${status} (a crash); Ring expects 4xx.` };
        case '3xx':
          return { passed: false, message: `An event with a wrong X-Signature got ${redirect}; Ring expects 4xx.` };
        default:
          return { passed: false, message: `An event with a wrong X-Signature got HTTP ${status}; Ring expects 4xx.` };
      }
    }),
  ];
}

/** Runs every check of the four URLs, concurrently; resolves within about 5 seconds. */
export async function probeEndpoints(urls: Record<CheckedEndpoint, string>, hmacKey: string): Promise<EndpointCheckResult[]> {
  const browserGet = (url: string) => partnerRequest({ method: 'GET', url, headers: { 'User-Agent': USER_AGENT, Accept: 'text/html' } });
  const unknownCode = `ring-check-${randomBytes(16).toString('hex')}`;
  const tokenBody = new URLSearchParams({ code: unknownCode }).toString();
  // The same bytes with the right and with a wrong signature: only the signature differs.
  const event = Buffer.from(JSON.stringify(sampleEvent('MOTION_DETECTED')), 'utf8');
  const wrongSignature = sign(event, randomBytes(32).toString('hex'));
  const webhookPost = (signature: string) =>
    partnerRequest({
      method: 'POST',
      url: urls.WEBHOOK_URL,
      headers: deliveryHeaders(event, { [SIGNATURE_HEADER]: signature, 'User-Agent': USER_AGENT }),
      body: event,
    });

  const [authorization, homepage, token, signed, wronglySigned] = await Promise.all([
    browserGet(urls.AUTHORIZATION_URL),
    browserGet(urls.APP_HOMEPAGE_URL),
    partnerRequest({
      method: 'POST',
      url: urls.TOKEN_EXCHANGE_URL,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': USER_AGENT },
      body: tokenBody,
    }),
    webhookPost(sign(event, hmacKey)),
    webhookPost(wrongSignature),
  ]);
  return [
    ...browserChecks('AUTHORIZATION_URL', authorization),
    ...browserChecks('APP_HOMEPAGE_URL', homepage),
    ...tokenExchangeChecks(token),
    ...webhookChecks(signed, wronglySigned),
  ];
}

/** The four saved URLs keyed by endpoint, or the linking fields that are not saved. */
export function endpointUrls(saved: LinkingUrls): { urls: Record<CheckedEndpoint, string> } | { missing: (keyof LinkingUrls)[] } {
  const missing = CHECKED_ENDPOINTS.map((endpoint) => ENDPOINT_FIELDS[endpoint]).filter((field) => !saved[field]?.trim());
  if (missing.length > 0) return { missing };
  return {
    urls: Object.fromEntries(CHECKED_ENDPOINTS.map((endpoint) => [endpoint, saved[ENDPOINT_FIELDS[endpoint]]!.trim()])) as Record<CheckedEndpoint, string>,
  };
}
