/**
 * The demo developer for `npm start` on the embedded database (or with SEED_DEMO=true; the
 * configuration's `seedDemo` decides, packages/api/src/config.ts): an
 * account to sign in with at once. Never a staff account: staff are made by
 * `npm run create-staff`, with a generated password (a seeded one would be published).
 * Idempotent; the everyday case (the account exists) is one query and no password hashing.
 */
import { prisma } from '@ring/db';
import { hashPassword } from '@ring/api';

export const DEMO_DEVELOPER = { email: 'demo@example.com', name: 'Demo Developer', password: 'demo-password-123' } as const;

export async function seedDemo(): Promise<void> {
  // Raw SQL: Prisma compiles each query shape on first use (~100 ms for a findUnique at start),
  // and this one is only ever asked here.
  const existing = await prisma.$queryRaw<Array<{ email: string }>>`SELECT email FROM "Developer" WHERE email = ${DEMO_DEVELOPER.email}`;
  if (existing.length) return;
  await prisma.developer.create({
    data: { email: DEMO_DEVELOPER.email, name: DEMO_DEVELOPER.name, role: 'DEVELOPER', passwordHash: await hashPassword(DEMO_DEVELOPER.password) },
  });
}
