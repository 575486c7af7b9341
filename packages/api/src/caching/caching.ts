/**
 * What the API may answer from memory, and when it must stop. Everything cached is stamped
 * with a generation; the generation moves on with every change committed to the database,
 * as PostgreSQL announces it (@ring/db's change feed: any process, any writer), and at once
 * after every mutation this process executes (so a client reads its own writes without
 * waiting for the announcement). While the feed is not listening nothing is answered from
 * memory, because changes could be going unseen. A time to live bounds everything else.
 *
 * A change committed through another process is announced asynchronously, so a client that
 * wrote there and asks here straight after could beat the announcement. Before an entry is
 * used, `caughtUp` makes sure every change committed before the request arrived has been
 * heard (one round trip on the feed's connection, shared by the requests waiting together).
 */
import { startChangeFeed } from '@ring/db';

export interface Caching {
  /** How long an entry may be used at most, in milliseconds. */
  readonly ttlMs: number;
  generation(): number;
  /** Cached entries may be used now. */
  active(): boolean;
  /**
   * Every change committed before `since` (a `performance.now()` stamp: when the request
   * arrived) has moved the generation on: true, or false when that cannot be known (the feed
   * is not listening), and then nothing may be answered from memory.
   */
  caughtUp(since: number): Promise<boolean>;
  /** Something changed: every entry stamped before now is stale. */
  changed(): void;
  /** Calls `listener` after every change (to drop what can no longer be used). */
  onChange(listener: () => void): void;
  close(): Promise<void>;
}

export function startCaching(options: { ttlMs: number; databaseUrl: string }): Caching {
  let generation = 0;
  const listeners: Array<() => void> = [];
  const changed = () => {
    generation += 1;
    for (const listener of listeners) listener();
  };
  const feed = startChangeFeed(options.databaseUrl, { onChange: changed });
  return {
    ttlMs: options.ttlMs,
    generation: () => generation,
    active: () => feed.healthy,
    caughtUp: (since) => feed.caughtUp(since),
    changed,
    onChange: (listener) => void listeners.push(listener),
    close: () => feed.close(),
  };
}
