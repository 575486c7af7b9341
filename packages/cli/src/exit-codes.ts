/**
 * What `ring-apps` exits with. Scripts branch on these, so a value never changes meaning; new
 * situations get new numbers. The README's "For tool authors" lists them.
 */
export const EXIT = {
  /** Done as asked. */
  OK: 0,
  /** The API refused (a validation, conflict or not-found error) or the work it did failed (checks that did not pass). */
  FAILED: 1,
  /** The command line itself is wrong: an unknown command or option, a missing argument. */
  USAGE: 2,
  /** A definition file that cannot be read or does not follow the format. Nothing was sent. */
  BAD_FILE: 3,
  /** No token, or the API refused it (invalid, expired or revoked). */
  UNAUTHENTICATED: 4,
  /** The API could not be reached, or answered something that is not GraphQL. */
  NETWORK: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI reports in one sentence and exits with. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** Machine-readable detail for `--json`: the API's error type, wrong fields, JSON pointers. */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CliError';
  }
}
