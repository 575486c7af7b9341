/**
 * Human output on a terminal, one JSON document with `--json`. Results go to stdout; progress
 * and errors to stderr, so `ring-apps ... --json | jq` always reads clean JSON.
 */
import { CliError, EXIT, type ExitCode } from './exit-codes.ts';

export interface Output {
  json: boolean;
  /** The command's result: `human` lines on a terminal, `value` with --json. */
  result(human: string | string[], value: unknown): void;
  /** A line of progress (stderr; silent with --json). */
  progress(line: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(human, value) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${[human].flat().join('\n')}\n`);
    },
    progress(line) {
      if (!json) process.stderr.write(`${line}\n`);
    },
  };
}

/** Reports a failure the way the output mode asks and answers the exit code. */
export function reportFailure(error: unknown, json: boolean): ExitCode {
  const failure =
    error instanceof CliError ? error : new CliError(EXIT.FAILED, `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
  if (json) process.stdout.write(`${JSON.stringify({ error: { exitCode: failure.exitCode, message: failure.message, ...failure.detail } }, null, 2)}\n`);
  process.stderr.write(`ring-apps: ${failure.message}\n`);
  return failure.exitCode;
}

/** Rows as aligned columns, for lists on a terminal. */
export function columns(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, index) => Math.max(...rows.map((row) => row[index]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  '));
}
