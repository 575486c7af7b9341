/**
 * A file chosen but not saved yet, with the browser's verdict on it (checkMediaFile): bind a
 * FileDrop's `file` to `.file`; `error` blocks the save, `warning` does not.
 */
import type { MediaCheck } from '@ring/domain';
import { checkMediaFile, type MediaRule } from './check-file';

export class StagedFile {
  #file = $state<File | null>(null);
  #check = $state<MediaCheck | null>(null);
  readonly rule: MediaRule;

  constructor(rule: MediaRule) {
    this.rule = rule;
  }

  get file(): File | null {
    return this.#file;
  }

  set file(next: File | null) {
    this.#file = next;
    this.#check = null;
    if (next) {
      void checkMediaFile(this.rule, next).then((result) => {
        if (this.#file === next) this.#check = result;
      });
    }
  }

  /** Chosen and not judged yet: no preview, no save. */
  get checking(): boolean {
    return this.#file !== null && this.#check === null;
  }

  get error(): string | null {
    return this.#check?.errors[0]?.message ?? null;
  }

  get warning(): string | null {
    return this.#check?.warnings[0]?.message ?? null;
  }
}
