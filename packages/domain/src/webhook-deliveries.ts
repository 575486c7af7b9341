/**
 * Rules about recorded webhook deliveries that the API and the console share: what a
 * delivery's outcome is, how much of a partner's answer is kept and how it is made safe to
 * show, and which event types count towards the Test step.
 */
import { LINKING_ENVIRONMENTS, type LinkingEnvironment } from './account-linking.ts';
import { storableText } from './text.ts';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-events.ts';

/** Ring counts a delivery as failed when the partner takes longer than this to answer (RING.md, Webhooks). */
export const WEBHOOK_ANSWER_LIMIT_MS = 5_000;

/** What the delivery log filters by. SENDING: reserved and not yet answered (at most about 5 s). */
export const WEBHOOK_DELIVERY_OUTCOMES = ['SUCCEEDED', 'FAILED', 'REFUSED', 'SENDING'] as const;
export type WebhookDeliveryOutcome = (typeof WEBHOOK_DELIVERY_OUTCOMES)[number];

/** The error a delivery row carries while its request is in flight. */
export const DELIVERY_IN_FLIGHT = 'Sending…';

/** Deliveries are kept at least this many days (WEBHOOK_DELIVERY_RETENTION_DAYS may not go lower). */
export const MIN_DELIVERY_RETENTION_DAYS = 7;
export const DEFAULT_DELIVERY_RETENTION_DAYS = 30;

/** At most this many characters of a partner's answer are kept and shown. */
export const RESPONSE_EXCERPT_CHARACTERS = 1_000;

export const isSuccessStatus = (statusCode: number | null): boolean => statusCode !== null && statusCode >= 200 && statusCode < 300;

export function deliveryOutcome(delivery: { statusCode: number | null; refused: boolean; error: string | null }): WebhookDeliveryOutcome {
  if (delivery.refused) return 'REFUSED';
  if (isSuccessStatus(delivery.statusCode)) return 'SUCCEEDED';
  if (delivery.statusCode === null && delivery.error === DELIVERY_IN_FLIGHT) return 'SENDING';
  return 'FAILED';
}

// C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides and
// isolates (which can make an excerpt read differently from what it is).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * A partner's answer as it may be stored and shown: plain text (the console renders it as
 * text, never as HTML), control characters removed, at most RESPONSE_EXCERPT_CHARACTERS long.
 * The replacement character a kilobyte cut in the middle of a UTF-8 sequence leaves is dropped.
 */
export function safeExcerpt(raw: string): string {
  const text = storableText(raw)
    .replace(UNSAFE_CHARACTERS, '')
    .replace(/\uFFFD+$/, '');
  return Array.from(text).slice(0, RESPONSE_EXCERPT_CHARACTERS).join('');
}

/** A recorded delivery, as much of it as coverage needs. */
export interface CoverageDelivery {
  environment: LinkingEnvironment;
  eventType: string;
  statusCode: number | null;
  durationMs: number;
  createdAt: Date;
}

export interface EventTypeCoverage {
  eventType: WebhookEventType;
  /** A delivery of this type got a 2xx within 5 s since the time asked about. */
  delivered: boolean;
}

export interface WebhookCoverage {
  staging: EventTypeCoverage[];
  production: EventTypeCoverage[];
  /** The Test rule's webhook part: all ten types on STAGING, at least one on PRODUCTION. */
  complete: boolean;
}

/** Counts from `since` on; one time for both environments, or one per environment (each linking URL set changes on its own). */
export type CoverageSince = Date | null | Partial<Record<LinkingEnvironment, Date | null>>;

export function sinceFor(since: CoverageSince, environment: LinkingEnvironment): Date | null {
  if (since === null || since instanceof Date) return since;
  return since[environment] ?? null;
}

/**
 * Whether a delivery shows the partner's webhook works as Ring needs: a 2xx within 5 s (5,000
 * ms itself is within), sent after `since` (the moment the linking URLs last changed: a
 * delivery at that very moment may have gone to the old URL, so it does not count).
 */
export function deliveryCounts(delivery: CoverageDelivery, since: Date | null): boolean {
  return (
    isSuccessStatus(delivery.statusCode) && delivery.durationMs <= WEBHOOK_ANSWER_LIMIT_MS && (since === null || delivery.createdAt.getTime() > since.getTime())
  );
}

/** Per environment, which of the ten event types got a 2xx within 5 s; and whether Test's webhook part is met. */
export function webhookCoverage(deliveries: readonly CoverageDelivery[], since: CoverageSince = null): WebhookCoverage {
  const delivered: Record<LinkingEnvironment, Set<string>> = { STAGING: new Set(), PRODUCTION: new Set() };
  for (const delivery of deliveries) {
    if (!LINKING_ENVIRONMENTS.includes(delivery.environment)) continue;
    if (deliveryCounts(delivery, sinceFor(since, delivery.environment))) delivered[delivery.environment].add(delivery.eventType);
  }
  const listFor = (environment: LinkingEnvironment) =>
    WEBHOOK_EVENT_TYPES.map((eventType) => ({ eventType, delivered: delivered[environment].has(eventType) }));
  const staging = listFor('STAGING');
  const production = listFor('PRODUCTION');
  return { staging, production, complete: staging.every((entry) => entry.delivered) && production.some((entry) => entry.delivered) };
}
