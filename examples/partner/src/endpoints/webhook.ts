/**
 * Webhook URL: Ring POSTs each event here as JSON:API, signed with
 * `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>` keyed with our HMAC Signature Key.
 *
 * - The signature is checked over the bytes exactly as received, before any JSON parsing
 *   (re-serialised JSON is not the same bytes). Wrong or missing: 401 and the event is ignored,
 *   since anyone can POST to a public URL.
 * - Ring counts a delivery as failed after 5 seconds, so we answer 200 as soon as the event is
 *   verified and do the work afterwards (a real partner would put it on a queue).
 * - Ring may deliver an event more than once: `meta.request_id` is the idempotency key.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SIGNATURE_HEADER, verify } from '@ring/webhooks';
import { BodyTooLargeError, readBody, sendJson } from '../http.ts';

export interface ReceivedEvent {
  requestId: string;
  accountId: string;
  type: string;
  subType: string | null;
  source: string;
  sourceType: string;
  timestamp: number | null;
}

const MAX_BODY_BYTES = 1024 * 1024;
// Enough to recognise redeliveries; a real partner keeps these with a time to live in its database.
const REMEMBERED_REQUEST_IDS = 10_000;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The documented fields, read defensively: integration and subscription events carry no device. */
function readEvent(body: unknown): ReceivedEvent | null {
  if (!body || typeof body !== 'object') return null;
  const { meta, data } = body as { meta?: Record<string, unknown>; data?: Record<string, unknown> };
  if (!meta || !data || typeof data.type !== 'string') return null;
  const attributes = (data.attributes ?? {}) as Record<string, unknown>;
  return {
    requestId: text(meta.request_id),
    accountId: text(meta.account_id),
    type: data.type,
    subType: typeof data.subType === 'string' ? data.subType : null,
    source: text(attributes.source),
    sourceType: text(attributes.source_type),
    timestamp: typeof attributes.timestamp === 'number' ? attributes.timestamp : null,
  };
}

export function webhookHandler(hmacKey: string, onEvent: (event: ReceivedEvent) => void, log: (line: string) => void) {
  const seen = new Set<string>();

  function handleEvent(event: ReceivedEvent) {
    if (event.requestId && seen.has(event.requestId)) return log(`webhook: ${event.type} ${event.requestId} again (a redelivery), ignored`);
    if (event.requestId) {
      seen.add(event.requestId);
      if (seen.size > REMEMBERED_REQUEST_IDS) seen.delete(seen.values().next().value!);
    }
    const kind = event.subType ? `${event.type}/${event.subType}` : event.type;
    const when = event.timestamp === null ? 'unknown time' : new Date(event.timestamp).toISOString();
    log(`webhook: ${kind} from ${event.sourceType || 'source'} ${event.source} at ${when} (account ${event.accountId}, request ${event.requestId})`);
    onEvent(event);
  }

  return async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') return sendJson(response.setHeader('Allow', 'POST'), 405, { error: 'Ring sends webhooks with POST.' });
    let raw: Buffer;
    try {
      raw = await readBody(request, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(response, 413, { error: error.message });
      throw error;
    }
    if (!verify(raw, request.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined, hmacKey)) {
      log('webhook: refused a request whose X-Signature does not match its body');
      return sendJson(response, 401, { error: 'The X-Signature header does not match the body.' });
    }
    let event: ReceivedEvent | null = null;
    try {
      event = readEvent(JSON.parse(raw.toString('utf8')));
    } catch {
      // Signed but not JSON: answered below.
    }
    if (!event) return sendJson(response, 400, { error: 'The body is not a JSON:API event with meta and data.type.' });

    sendJson(response, 200, { received: true });
    // After the answer: whatever the processing costs, Ring already has its 200.
    setImmediate(() => handleEvent(event));
  };
}
