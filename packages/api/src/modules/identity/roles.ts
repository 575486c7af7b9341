/**
 * What each role may do, in one table. A new staff role (REVIEWER is next) is a value of the
 * DeveloperRole enum plus its row here: create-staff accepts every staff role of the enum, and
 * checks ask for a permission, never for a role by name.
 */
import { DeveloperRole } from '@ring/db';
import type { Viewer } from '../../context.ts';
import { ForbiddenError } from '../../errors.ts';

export type Permission = 'issuePasswordResetLinks';

const PERMISSIONS: Record<DeveloperRole, readonly Permission[]> = {
  DEVELOPER: [],
  SUPPORT: ['issuePasswordResetLinks'],
};

/** Every role but DEVELOPER: portal staff, created only by `npm run create-staff`. */
export const STAFF_ROLES = Object.values(DeveloperRole).filter((role) => role !== DeveloperRole.DEVELOPER);

export function isStaffRole(role: string): role is DeveloperRole {
  return (STAFF_ROLES as string[]).includes(role);
}

export function can(viewer: Pick<Viewer, 'role'> | null, permission: Permission): boolean {
  return viewer !== null && PERMISSIONS[viewer.role].includes(permission);
}

export function requirePermission(viewer: Pick<Viewer, 'role'> | null, permission: Permission): void {
  if (!can(viewer, permission)) throw new ForbiddenError('Only portal support staff may do this.');
}
