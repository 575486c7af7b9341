/**
 * What changed in an app, as one small message: which app, what kind of record, which record.
 * Never the record itself: a subscriber reads it with an ordinary query, under the usual
 * checks, so a message can be sent from anywhere (any process, inside any transaction) without
 * deciding who may see what.
 */
export const APP_EVENTS_CHANNEL = 'app_events';

/** Each kind, with the GraphQL type whose global id the event's `id` is, and what it says. */
export const APP_EVENT_KINDS = {
  WEBHOOK_DELIVERY: { typename: 'WebhookDelivery', description: 'A webhook delivery (a test event or a redelivery) was recorded or its outcome came in.' },
  LINK_REHEARSAL: { typename: 'LinkRehearsal', description: 'An account-link rehearsal was started or took a step.' },
  ENDPOINT_CHECK_RUN: { typename: 'EndpointCheckRun', description: 'A run of the endpoint checks was started, made progress or finished.' },
  CERTIFICATION_SUBMISSION: { typename: 'CertificationSubmission', description: 'A certification submission was made or its review state changed.' },
  ROLLOUT: { typename: 'Rollout', description: 'A rollout was started or changed stage.' },
} as const;

export type AppEventKind = keyof typeof APP_EVENT_KINDS;

/** Database ids (UUIDs), as producers have them. */
export interface AppEvent {
  appId: string;
  kind: AppEventKind;
  id: string;
}

const isKind = (value: unknown): value is AppEventKind => typeof value === 'string' && Object.hasOwn(APP_EVENT_KINDS, value);

/** A notification's payload, or null when it is not one of ours (anyone with the database may NOTIFY). */
export function parseAppEvent(payload: string): AppEvent | null {
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    if (typeof value?.appId === 'string' && isKind(value.kind) && typeof value.id === 'string') return { appId: value.appId, kind: value.kind, id: value.id };
  } catch {
    // not JSON: not ours
  }
  return null;
}
