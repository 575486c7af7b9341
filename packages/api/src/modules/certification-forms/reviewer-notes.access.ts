/**
 * Who may read an app's reviewer test account in plaintext: its owner and certification
 * reviewers, decided here and nowhere else.
 * Support staff see apps through their search but must not see the test account: a partner's
 * test credentials are for certification reviewers only.
 */
import type { Viewer } from '../../context.ts';
import { hasScope } from '../identity/roles.ts';

export function mayReadReviewerTestAccount(viewer: Pick<Viewer, 'id' | 'role'> | null, app: { developerId: string }): boolean {
  if (!viewer) return false;
  return viewer.id === app.developerId || hasScope(viewer, 'reviewer');
}
