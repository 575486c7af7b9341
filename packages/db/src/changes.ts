/**
 * Committed writes, as PostgreSQL announces them: the triggers of the change_notifications
 * migration NOTIFY "ring_changes" after any write to the console's tables. A change feed
 * LISTENs on a connection of its own, so a process's caches can drop what they hold whoever
 * wrote (this process, another instance, psql). While the feed is not listening (not yet
 * connected, or the connection was lost) it is not `healthy`, and caches must not answer:
 * changes could be going unseen.
 */
import pg from 'pg';

export const CHANGES_CHANNEL = 'ring_changes';

export interface ChangeFeed {
  /** Listening now: every change committed from here on will be announced. */
  readonly healthy: boolean;
  close(): Promise<void>;
}

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

  return {
    get healthy() {
      return healthy;
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
