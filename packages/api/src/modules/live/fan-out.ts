/**
 * Hands each app event this process hears to the subscriptions open here for that app. The
 * LISTEN connection opens with the first subscription (a process nobody subscribes to, and
 * every test that does not, opens none) and closes at shutdown, when every stream open here is
 * ended so that the server can drain: clients reconnect, to another process.
 */
import { createPubSub, type Repeater } from 'graphql-yoga';
import { live } from '../../config.ts';
import { log } from '../../observability/logger.ts';
import type { AppEvent } from './app-events.ts';
import { listenForAppEvents, type AppEventListener } from './listener.ts';

/** How long a new subscription waits for the LISTEN connection before its stream opens anyway. */
const LISTEN_WAIT_MS = 5_000;

/** The listening connection's application_name is this and the process id. */
export const LISTENER_NAME_PREFIX = 'ring-live-';

const pubsub = createPubSub<{ app: [appId: string, event: AppEvent] }>();
const open = new Set<Repeater<AppEvent>>();
let listener: AppEventListener | undefined;
let stopped = false;

function startListener(): AppEventListener {
  const databaseUrl = live.databaseUrl();
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: live updates listen to the database.');
  // Named, so that pg_stat_activity tells which process's ear a connection is.
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', `${LISTENER_NAME_PREFIX}${process.pid}`);
  return listenForAppEvents(url.toString(), (event) => pubsub.publish('app', event.appId, event));
}

/**
 * The events of one app (its database id) from now on. Resolves once this process is
 * listening, so that an event committed after the stream opened is never missed.
 */
export async function subscribeToAppEvents(appId: string): Promise<AsyncIterable<AppEvent>> {
  if (stopped) return (async function* () {})();
  listener ??= startListener();
  if (!(await listener.ready(LISTEN_WAIT_MS))) log('warn', 'live updates: not listening to the database yet; the stream opens anyway');
  const events = pubsub.subscribe('app', appId);
  open.add(events);
  return (async function* () {
    try {
      yield* events;
    } finally {
      open.delete(events);
    }
  })();
}

/** For shutdown: ends every stream of this process and closes its LISTEN connection; new subscriptions end at once. */
export async function stopLiveUpdates(): Promise<void> {
  stopped = true;
  await Promise.all([...open].map((events) => events.return()));
  open.clear();
  const closing = listener;
  listener = undefined;
  await closing?.close();
}
