/**
 * A small form that sends one mutation (forgot password, reset password): the shared rules'
 * errors show once the user has left the field or tried to submit, a submit they refuse sends
 * nothing, and the server's refusal replaces them.
 */
import type { Failure, FieldErrors } from '$lib/errors';

export class MutationForm {
  touched = $state(false);
  busy = $state(false);
  failure = $state<Failure | null>(null);

  /** `localErrors`: the shared rules' errors for what is typed now. */
  constructor(private readonly localErrors: () => FieldErrors) {}

  /** The error shown under a field: the server's, else the shared rules' once touched. */
  error(field: string): string | undefined {
    return this.failure?.fields[field] ?? (this.touched ? this.localErrors()[field] : undefined);
  }

  /** `send` runs the mutation, takes in its success and returns its failure (null on success). */
  async submit(event: SubmitEvent, send: () => Promise<Failure | null>) {
    event.preventDefault();
    this.touched = true;
    if (Object.keys(this.localErrors()).length) return;
    this.busy = true;
    this.failure = null;
    const failure = await send();
    this.busy = false;
    this.failure = failure;
  }
}
