import type { ViewerFieldsFragment } from '@ring/client';

declare global {
  namespace App {
    interface Locals {
      viewer: ViewerFieldsFragment | null;
      /** Why the presented session stopped working, when it did. */
      sessionProblem: string | null;
    }
  }
}
