/**
 * This process's ear on the database: one connection that LISTENs for app events, whichever
 * process (or transaction) sent them. It reconnects by itself with growing delays (the change
 * feed of @ring/db does that part); events sent while it is reconnecting are not heard.
 */
import { startChangeFeed } from '@ring/db';
import { APP_EVENTS_CHANNEL, parseAppEvent, type AppEvent } from './app-events.ts';

export interface AppEventListener {
  /** Resolves true once LISTEN is in effect, false if it is not after `timeoutMs` (it keeps trying). */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export function listenForAppEvents(databaseUrl: string, onEvent: (event: AppEvent) => void, retryMs?: number): AppEventListener {
  const waiting = new Set<() => void>();
  const feed = startChangeFeed(databaseUrl, {
    channel: APP_EVENTS_CHANNEL,
    retryMs,
    onChange: (payload) => {
      if (payload === undefined) {
        // Connected, reconnected or lost: wake whoever waits for the connection to listen.
        if (feed.healthy) for (const wake of waiting) wake();
        return;
      }
      const event = parseAppEvent(payload);
      if (event) onEvent(event);
    },
  });
  return {
    ready: (timeoutMs) =>
      feed.healthy
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const done = (listening: boolean) => {
              waiting.delete(wake);
              clearTimeout(timer);
              resolve(listening);
            };
            const wake = () => done(true);
            const timer = setTimeout(() => done(false), timeoutMs);
            waiting.add(wake);
          }),
    close: () => feed.close(),
  };
}
