/**
 * What each role may do, in one table. A new staff role (REVIEWER is next) is a value of the
 * DeveloperRole enum plus its row here: the row's scope becomes a scope-auth scope of the
 * builder (`t.withAuth({ reviewer: true })`), create-staff accepts every staff role of the enum,
 * and checks ask for a scope, never for a role by name.
 */
import { DeveloperRole } from '@ring/db';
import type { Viewer } from '../../context.ts';

const ROLES = {
  DEVELOPER: { scopes: [], who: 'developers' },
  SUPPORT: { scopes: ['support'], who: 'portal support staff' },
  REVIEWER: { scopes: ['reviewer'], who: 'certification reviewers' },
} as const satisfies Record<DeveloperRole, { scopes: readonly string[]; who: string }>;

/** The scopes only staff roles grant, e.g. `support`. */
export type StaffScope = (typeof ROLES)[DeveloperRole]['scopes'][number];

/** Every scope of the builder: `developer` is any valid developer (staff included). */
export type AuthScopes = { developer: boolean } & Record<StaffScope, boolean>;

const STAFF_SCOPES = [...new Set(Object.values(ROLES).flatMap((role): readonly StaffScope[] => role.scopes))];

export function authScopesOf(viewer: Pick<Viewer, 'role'> | null): AuthScopes {
  const granted: readonly StaffScope[] = viewer ? ROLES[viewer.role].scopes : [];
  return { developer: viewer !== null, ...Object.fromEntries(STAFF_SCOPES.map((scope) => [scope, granted.includes(scope)])) } as AuthScopes;
}

/** Who holds a scope, for the ForbiddenError message ("Only portal support staff may do this."). */
export function holdersOf(scope: string): string | null {
  const holders = Object.values(ROLES).filter((role) => (role.scopes as readonly string[]).includes(scope));
  return holders.length ? holders.map((role) => role.who).join(' or ') : null;
}

export function hasScope(viewer: Pick<Viewer, 'role'> | null, scope: StaffScope): boolean {
  return authScopesOf(viewer)[scope];
}

/** Every role but DEVELOPER: portal staff, created only by `npm run create-staff`. */
export const STAFF_ROLES = Object.values(DeveloperRole).filter((role) => role !== DeveloperRole.DEVELOPER);

export function isStaffRole(role: string): role is DeveloperRole {
  return (STAFF_ROLES as string[]).includes(role);
}
