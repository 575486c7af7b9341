/**
 * Staff accounts: created or promoted by `npm run create-staff` (scripts/create-staff.ts), with a
 * generated password shown once. Only the demo reviewer is seeded, where demo data is, and a
 * production server refuses to start while a staff account has its published password.
 */
import { randomBytes } from 'node:crypto';
import { prisma } from '@ring/db';
import { developerNameSchema, emailSchema } from '@ring/domain';
import { hashPassword, verifyPassword } from './passwords.ts';
import { isStaffRole, STAFF_ROLES } from './roles.ts';
import { recordAudit } from '../audit/audit.service.ts';

/**
 * Passwords that were published with the demo seed (README, start-up banner; the demo
 * reviewer's is seeded where demo data is). Any staff account still holding one of them is as
 * good as public.
 */
export const KNOWN_DEMO_PASSWORDS = ['support-password-123', 'demo-password-123', 'reviewer-password-123'] as const;

export interface StaffAccount {
  email: string;
  role: string;
  created: boolean;
  /** Shown once to whoever ran the command; stored only as a scrypt hash. */
  password: string;
}

export class StaffInputError extends Error {}

export async function createStaffAccount(input: { email: string; role: string; name?: string }): Promise<StaffAccount> {
  const email = emailSchema.safeParse(input.email);
  if (!email.success) throw new StaffInputError(`--email: ${email.error.issues[0]!.message}`);
  if (!isStaffRole(input.role)) throw new StaffInputError(`--role must be one of ${STAFF_ROLES.join(', ')}, not "${input.role}".`);
  const name = developerNameSchema.safeParse(input.name ?? 'Portal staff');
  if (!name.success) throw new StaffInputError(`--name: ${name.error.issues[0]!.message}`);
  // 24 random bytes: 32 characters of base64url, well inside the password rule.
  const password = randomBytes(24).toString('base64url');
  const passwordHash = await hashPassword(password);
  const existing = await prisma.developer.findUnique({ where: { email: email.data }, select: { id: true } });
  await prisma.$transaction(async (tx) => {
    const developer = await tx.developer.upsert({
      where: { email: email.data },
      create: { email: email.data, name: name.data, role: input.role as never, passwordHash },
      update: { role: input.role as never, passwordHash, ...(input.name === undefined ? {} : { name: name.data }) },
    });
    // A new password ends every session signed in with the old one.
    await tx.session.updateMany({ where: { developerId: developer.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actorId: null, action: existing ? 'staff.promoted' : 'staff.created', detail: { developerId: developer.id, role: input.role } });
  });
  return { email: email.data, role: input.role, created: !existing, password };
}

/** Staff accounts (emails) whose password is one of the published demo passwords. */
export async function staffWithDemoPasswords(): Promise<string[]> {
  const staff = await prisma.developer.findMany({ where: { role: { in: STAFF_ROLES } }, select: { email: true, passwordHash: true } });
  const exposed: string[] = [];
  for (const account of staff) {
    for (const password of KNOWN_DEMO_PASSWORDS) {
      if (await verifyPassword(password, account.passwordHash)) {
        exposed.push(account.email);
        break;
      }
    }
  }
  return exposed;
}
