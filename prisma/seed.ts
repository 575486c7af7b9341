/**
 * Demo accounts for `npm start`: a developer to sign in with, and a SUPPORT account for the
 * support pages. Idempotent: re-running leaves existing accounts alone.
 */
import { prisma } from '@ring/db';
import { hashPassword } from '@ring/api';

export const DEMO_ACCOUNTS = [
  { email: 'demo@example.com', name: 'Demo Developer', password: 'demo-password-123', role: 'DEVELOPER' },
  { email: 'support@example.com', name: 'Portal Support', password: 'support-password-123', role: 'SUPPORT' },
] as const;

export async function seedDemo(): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    const existing = await prisma.developer.findUnique({ where: { email: account.email } });
    if (existing) continue;
    await prisma.developer.create({
      data: { email: account.email, name: account.name, role: account.role, passwordHash: await hashPassword(account.password) },
    });
  }
}
