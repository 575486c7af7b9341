/**
 * A fixed-window counter of failed sign-ins per key (an email, an address). Kept in memory:
 * one process serves the console; a restart forgetting counts only gives attackers a
 * restart's worth of extra tries.
 */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
}

export class FailureLimiter {
  readonly #entries = new Map<string, { count: number; resetAt: number }>();
  constructor(readonly options: RateLimitOptions) {}

  /** Seconds to wait when the key is over its limit, else 0. */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.#entries.get(key);
    if (!entry || entry.resetAt <= now) return 0;
    return entry.count >= this.options.limit ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  fail(key: string, now = Date.now()): void {
    const entry = this.#entries.get(key);
    if (!entry || entry.resetAt <= now) {
      this.#entries.set(key, { count: 1, resetAt: now + this.options.windowMs });
      this.#sweep(now);
    } else {
      entry.count += 1;
    }
  }

  reset(key: string): void {
    this.#entries.delete(key);
  }

  #sweep(now: number): void {
    if (this.#entries.size < 10_000) return;
    for (const [key, entry] of this.#entries) if (entry.resetAt <= now) this.#entries.delete(key);
  }
}
