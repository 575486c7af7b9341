/**
 * Structured logs: one JSON object per line, so a log shipper can parse them without rules.
 * Callers pass named fields only; nothing here ever receives a request body, cookie,
 * authorization header or GraphQL variables, which is how secrets stay out of the logs.
 */
import { config } from '../config.ts';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = Exclude<keyof typeof LEVELS, 'silent'>;

const minimum = LEVELS[config.logLevel];

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export function log(level: LogLevel, message: string, fields: LogFields = {}): void {
  if (LEVELS[level] < minimum) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields });
  // Errors go to stderr so that a plain `2>` separates them; everything stays one line.
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
}

/** The cause of an unexpected error as text for the server log: name, message, stack, and its own cause. */
export function describeError(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return String(error);
  const own = error.stack ?? `${error.name}: ${error.message}`;
  return error.cause !== undefined && depth < 3 ? `${own}\nCaused by: ${describeError(error.cause, depth + 1)}` : own;
}
