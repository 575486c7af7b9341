import { page } from '$app/state';
import type { ActionFailure } from './ActionForm';

/**
 * What the rename and delete dialogs share: whether their form stands on the page (no scripts), the
 * failure meant for them, and whether the page's scripts have started.
 * Call during component set-up (it registers an effect).
 */
export function manageAction(action: 'rename' | 'delete', form: () => ActionFailure | null | undefined) {
  // Without the page's scripts the menu cannot open a dialog: its <noscript> link (?manage=<action>)
  // shows the form on the page instead, and a refused submit (?/<action>) comes back to it.
  const standalone = $derived(page.url.searchParams.get('manage') === action || page.url.searchParams.has(`/${action}`));
  const failed = $derived(form()?.values?.action === action ? form() : null);
  let hydrated = $state(false);
  $effect(() => {
    hydrated = true;
  });
  return {
    get standalone() {
      return standalone;
    },
    get failed() {
      return failed;
    },
    get hydrated() {
      return hydrated;
    },
  };
}
