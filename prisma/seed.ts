/**
 * Demo accounts for `npm start`: a developer to sign in with, and a SUPPORT account for the
 * support pages. Idempotent: re-running leaves existing accounts alone. It runs on every
 * start, so the everyday case (both accounts exist) is one query and no password hashing.
 */
import { prisma } from '@ring/db';
import { hashPassword } from '@ring/api';

export const DEMO_ACCOUNTS = [
  { email: 'demo@example.com', name: 'Demo Developer', password: 'demo-password-123', role: 'DEVELOPER' },
  { email: 'support@example.com', name: 'Portal Support', password: 'support-password-123', role: 'SUPPORT' },
] as const;

export async function seedDemo(): Promise<void> {
  // Raw SQL: Prisma compiles each query shape on first use (~100 ms for a findMany at start),
  // and this one is only ever asked here.
  const emails = DEMO_ACCOUNTS.map((account) => account.email);
  const existing = await prisma.$queryRaw<Array<{ email: string }>>`SELECT email FROM "Developer" WHERE email = ANY(${emails})`;
  const present = new Set(existing.map((developer) => developer.email));
  const missing = DEMO_ACCOUNTS.filter((account) => !present.has(account.email));
  // scrypt runs on libuv's thread pool: the hashes of a first start are computed side by side.
  const hashes = await Promise.all(missing.map((account) => hashPassword(account.password)));
  for (const [index, account] of missing.entries()) {
    await prisma.developer.create({
      data: { email: account.email, name: account.name, role: account.role, passwordHash: hashes[index]! },
    });
  }
}
