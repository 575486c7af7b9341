/**
 * Committed writes, as PostgreSQL announces them: the triggers of the change_notifications
 * migration NOTIFY "ring_changes" after any write to the console's tables. A change feed
 * LISTENs on a connection of its own, so a process's caches can drop what they hold whoever
 * wrote (this process, another instance, psql). While the feed is not listening (not yet
 * connected, or the connection was lost) it is not `healthy`, and caches must not answer:
 * changes could be going unseen.
 *
 * Heard "at once": a NOTIFY reaches the feed's connection asynchronously, so a client that
 * wrote through another process and asks this one straight after could otherwise be answered
 * from memory before the announcement arrives. `caughtUp()` closes that gap: PostgreSQL sends
 * a listening connection every notification already committed before it answers the next
 * statement on it, so once a `SELECT 1` sent on the feed's own connection after a moment has
 * been answered, every change committed before that moment has been passed to `onChange`.
 */
import pg from 'pg';

export const CHANGES_CHANNEL = 'ring_changes';

export interface ChangeFeed {
  /** Listening now: every change committed from here on will be announced. */
  readonly healthy: boolean;
  /**
   * Resolves true once every change committed before `since` (a `performance.now()` stamp,
   * default now) has been passed to `onChange`; false when the feed is not listening, or its
   * connection did not answer within `BARRIER_TIMEOUT_MS` (then nothing may be answered from
   * memory). One round trip on the feed's connection, shared by every caller waiting at the
   * same time: a caller that arrives while one is in flight waits for the next one.
   */
  caughtUp(since?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The longest `caughtUp` waits for the feed's connection before answering false. */
export const BARRIER_TIMEOUT_MS = 1_000;

export interface ChangeFeedOptions {
  /**
   * A change was committed (`payload`: the notification's), or may have been (no payload: the
   * feed connected or reconnected, and may have missed some).
   */
  onChange(payload?: string): void;
  /** Reconnection delays grow from this to 5 s. */
  retryMs?: number;
  /** The channel to LISTEN on (an identifier, not quoted): CHANGES_CHANNEL unless given. */
  channel?: string;
}

export function startChangeFeed(connectionString: string, options: ChangeFeedOptions): ChangeFeed {
  const channel = options.channel ?? CHANGES_CHANNEL;
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  let healthy = false;
  let closed = false;
  let client: pg.Client | undefined;
  let retryMs = options.retryMs ?? 100;
  let timer: NodeJS.Timeout | undefined;
  /** When the latest barrier that was answered was sent: everything committed before it has been heard. */
  let heardUpTo = Number.NEGATIVE_INFINITY;
  let barrier: { sentAt: number; answered: Promise<boolean> } | undefined;
  let nextBarrier: Promise<boolean> | undefined;

  const lost = (current: pg.Client) => {
    if (client !== current) return;
    client = undefined;
    healthy = false;
    options.onChange();
    current.end().catch(() => undefined);
    if (!closed) {
      timer = setTimeout(connect, retryMs);
      timer.unref();
      retryMs = Math.min(retryMs * 2, 5_000);
    }
  };

  const connect = () => {
    const current = new pg.Client({ connectionString });
    client = current;
    current.on('notification', (message) => options.onChange(message.payload));
    current.on('error', () => lost(current));
    current.on('end', () => lost(current));
    current
      .connect()
      .then(() => current.query(`LISTEN ${channel}`))
      .then(() => {
        if (client !== current) return;
        healthy = true;
        retryMs = options.retryMs ?? 100;
        // Whatever happened before LISTEN took effect was not announced.
        options.onChange();
      })
      .catch(() => lost(current));
  };
  connect();

  const sendBarrier = (): Promise<boolean> => {
    const current = client;
    const sentAt = performance.now();
    let deadline: NodeJS.Timeout | undefined;
    const answered = (
      healthy && current
        ? Promise.race([
            current.query('SELECT 1').then(
              () => client === current && healthy,
              () => false,
            ),
            new Promise<boolean>((resolve) => {
              deadline = setTimeout(() => resolve(false), BARRIER_TIMEOUT_MS);
              deadline.unref();
            }),
          ])
        : Promise.resolve(false)
    ).then((ok) => {
      clearTimeout(deadline);
      if (ok) heardUpTo = Math.max(heardUpTo, sentAt);
      if (barrier?.answered === answered) barrier = undefined;
      return ok;
    });
    barrier = { sentAt, answered };
    return answered;
  };

  return {
    get healthy() {
      return healthy;
    },
    caughtUp(since = performance.now()) {
      if (!healthy) return Promise.resolve(false);
      if (heardUpTo >= since) return Promise.resolve(true);
      if (!barrier) return sendBarrier();
      if (barrier.sentAt >= since) return barrier.answered;
      // The barrier in flight was sent before `since`: it proves nothing about later commits.
      nextBarrier ??= barrier.answered.then(() => {
        nextBarrier = undefined;
        return sendBarrier();
      });
      return nextBarrier;
    },
    async close() {
      closed = true;
      healthy = false;
      clearTimeout(timer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
