/**
 * Who may read an app's reviewer test account in plaintext. One function, so that the
 * reviewer role (being added with the review work) is one more line here and nowhere else.
 * Support staff see apps through their search but must not see the test account: a partner's
 * test credentials are for certification reviewers only.
 */
import type { Viewer } from '../../context.ts';

export function mayReadReviewerTestAccount(viewer: Pick<Viewer, 'id' | 'role'> | null, app: { developerId: string }): boolean {
  if (!viewer) return false;
  // INTEGRATOR: add `|| hasScope(viewer, 'reviewer')` (modules/identity/roles.ts) once REVIEWER exists.
  return viewer.id === app.developerId;
}
