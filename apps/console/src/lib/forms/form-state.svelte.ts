/**
 * One form's state, the same for every tab: the draft and what the server last saved (so
 * `dirty` and Cancel need no per-form code), `busy` while saving, the errors of the shared
 * rules as the user types, and the server's FieldErrors mapped onto the fields by `path`.
 *
 * Only rule violations block a save. A required field left empty is not a violation: every
 * tab saves a draft, and "missing" is a neutral hint shown by the form.
 *
 * After a refused save the first wrong field (in page order) is scrolled into view and
 * focused, and `summary` lists every error for the ErrorSummary at the top of the form.
 */
import { tick, untrack } from 'svelte';
import type { Failure, FieldErrors } from '$lib/errors';

export type SaveOutcome = { ok: true; notice?: string } | ({ ok: false } & Failure);

export interface FormOptions<Draft> {
  /** Prefix of the element ids: the summary is `${id}-summary`. */
  id: string;
  initial: Draft;
  /** The shared rules' errors for a draft, keyed by field path. */
  rules?: (draft: Draft) => FieldErrors;
  /** The element that holds a field (input, button), by the field's path; `path` with dots as dashes by default. */
  fieldId?: (path: string) => string;
  /** Errors the rules cannot see (a file the browser refused); they block the save like the rules'. */
  moreErrors?: () => FieldErrors;
  /**
   * When a rule's error shows: `always` (rules that only judge what was typed), or `edited`
   * (a field the rules require shows its error once changed, or after a save was tried).
   */
  revealRules?: 'always' | 'edited';
}

/** What a form's frame (summary, save button, field lists) reads, whatever the draft's shape. */
export interface FormView {
  readonly id: string;
  readonly busy: boolean;
  readonly notice: { kind: 'ok' | 'error'; text: string } | null;
  readonly summary: { path: string; message: string; href: string }[];
  readonly formError: string | null;
  error(path: string): string | null;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const top = (path: string) => path.split('.')[0]!;

export class FormState<Draft extends object> implements FormView {
  draft: Draft = $state()!;
  saved: Draft = $state()!;
  busy = $state(false);
  /** The outcome of the last save, shown beside the Save button; failures also appear in the summary. */
  notice = $state<{ kind: 'ok' | 'error'; text: string } | null>(null);
  /** The server's errors, each with the field's value it was about: editing the field hides it. */
  #server = $state<Record<string, { message: string; value: string }>>({});
  /** Set by a refused save; the summary shows only then, not while the user is still typing. */
  #attempted = $state(false);
  readonly id: string;
  readonly #rules: (draft: Draft) => FieldErrors;
  readonly #more: () => FieldErrors;
  readonly #reveal: 'always' | 'edited';
  readonly fieldId: (path: string) => string;

  constructor(options: FormOptions<Draft>) {
    this.id = options.id;
    this.#rules = options.rules ?? (() => ({}));
    this.#more = options.moreErrors ?? (() => ({}));
    this.#reveal = options.revealRules ?? 'always';
    this.fieldId = options.fieldId ?? ((path) => path.replaceAll('.', '-'));
    this.saved = copy(options.initial);
    this.draft = copy(options.initial);
  }

  #valueAt(path: string, of: Draft = this.draft): string {
    return JSON.stringify((of as Record<string, unknown>)[top(path)] ?? null);
  }

  #revealed(path: string): boolean {
    return this.#reveal === 'always' || this.#attempted || this.#valueAt(path) !== this.#valueAt(path, this.saved);
  }

  /** What blocks a save: broken rules, refused files. */
  readonly ruleErrors: FieldErrors = $derived.by(() => ({ ...this.#rules(this.draft), ...this.#more() }));
  readonly errors: FieldErrors = $derived.by(() => {
    const server = Object.entries(this.#server).filter(([path, entry]) => entry.value === this.#valueAt(path));
    const rules = Object.entries(this.ruleErrors).filter(([path]) => this.#revealed(path));
    return { ...Object.fromEntries(rules), ...Object.fromEntries(server.map(([path, entry]) => [path, entry.message])) };
  });
  readonly dirty: boolean = $derived(!same(this.draft, this.saved));
  readonly summary: { path: string; message: string; href: string }[] = $derived(
    this.#attempted ? Object.entries(this.errors).map(([path, message]) => ({ path, message, href: `#${this.fieldId(path)}` })) : [],
  );

  error(path: string): string | null {
    return this.errors[path] ?? null;
  }

  /** A server error that belongs to no field on the page (a stale version), for the summary. */
  formError = $state<string | null>(null);

  /** Drops the server's error for a field that lives outside the draft (a file chosen again). */
  forget(path: string) {
    // Untracked: an effect that calls this on a file change must not rerun when a save sets new errors.
    untrack(() => {
      if (path in this.#server) this.#server = Object.fromEntries(Object.entries(this.#server).filter(([key]) => key !== path));
    });
  }

  /** Starts over from what the server now has (after a save, a cancel, or another app). */
  reset(saved: Draft = this.saved) {
    this.saved = copy(saved);
    this.draft = copy(saved);
    this.#server = {};
    this.#attempted = false;
    this.formError = null;
  }

  /** Shows errors found outside the rules (a file the browser refused) and focuses the first. */
  async refuse(message: string, fields: FieldErrors = {}) {
    this.#server = {
      ...this.#server,
      ...Object.fromEntries(Object.entries(fields).map(([path, text]) => [path, { message: text, value: this.#valueAt(path) }])),
    };
    this.notice = { kind: 'error', text: message };
    this.formError = Object.keys(fields).length || Object.keys(this.ruleErrors).length ? null : message;
    this.#attempted = true;
    await this.focusFirstError();
  }

  /** Saves unless a rule is broken. `send` returns the outcome; on success the caller has already reset the form. */
  async save(send: () => Promise<SaveOutcome>): Promise<boolean> {
    this.notice = null;
    this.formError = null;
    if (Object.keys(this.ruleErrors).length) {
      await this.refuse('Some fields need attention before this can be saved.');
      return false;
    }
    this.busy = true;
    let outcome: SaveOutcome;
    try {
      outcome = await send();
    } finally {
      this.busy = false;
    }
    if (outcome.ok) {
      this.#attempted = false;
      this.notice = { kind: 'ok', text: outcome.notice ?? 'Saved.' };
      return true;
    }
    await this.refuse(outcome.message, outcome.fields);
    return false;
  }

  /** Scrolls the first wrong field (in page order) into view and focuses it; the summary when no field can take focus. */
  async focusFirstError() {
    await tick();
    const elements = Object.keys(this.errors)
      .map((path) => document.getElementById(this.fieldId(path)))
      .filter((element): element is HTMLElement => element !== null && !(element as HTMLButtonElement).disabled)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const target = elements[0] ?? document.getElementById(`${this.id}-summary`);
    target?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  }
}
