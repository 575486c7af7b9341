/**
 * The demo accounts for `npm start` on the embedded database (or with SEED_DEMO=true; the
 * configuration's `seedDemo` decides, packages/api/src/config.ts): a developer to sign in with
 * at once, and a certification reviewer to try the review console with. The reviewer's
 * password is published, so it is listed in KNOWN_DEMO_PASSWORDS: in production the server
 * refuses to start while any staff account still has it. Real staff are made by
 * `npm run create-staff`, with a generated password. SUPPORT is never seeded.
 * The demo developer also gets three apps in telling states (demo-apps.ts), once: when they
 * have never created an app (the audit trail outlives deleted apps, so deleting the demo apps
 * does not bring them back at the next start).
 * Idempotent; the everyday case (the accounts and apps exist) is one query and no password hashing.
 */
import { prisma } from '@ring/db';
import { hashPassword } from '@ring/api';
import { seedDemoApps } from './demo-apps.ts';

export const DEMO_DEVELOPER = { email: 'demo@example.com', name: 'Demo Developer', password: 'demo-password-123' } as const;
export const DEMO_REVIEWER = { email: 'reviewer@example.com', name: 'Demo Reviewer', password: 'reviewer-password-123' } as const;

export async function seedDemo(): Promise<void> {
  // Raw SQL: Prisma compiles each query shape on first use (~100 ms for a findUnique at start),
  // and this one is only ever asked here.
  const existing = await prisma.$queryRaw<Array<{ id: string; email: string; hasApps: boolean }>>`
    SELECT d.id, d.email, EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."actorId" = d.id AND a.action = 'app.created') AS "hasApps"
    FROM "Developer" d WHERE d.email IN (${DEMO_DEVELOPER.email}, ${DEMO_REVIEWER.email})`;
  const byEmail = new Map(existing.map((row) => [row.email, row]));
  const developer =
    byEmail.get(DEMO_DEVELOPER.email) ??
    (await prisma.developer.create({
      data: { email: DEMO_DEVELOPER.email, name: DEMO_DEVELOPER.name, role: 'DEVELOPER', passwordHash: await hashPassword(DEMO_DEVELOPER.password) },
      select: { id: true, email: true },
    }));
  const reviewer =
    byEmail.get(DEMO_REVIEWER.email) ??
    (await prisma.developer.create({
      data: { email: DEMO_REVIEWER.email, name: DEMO_REVIEWER.name, role: 'REVIEWER', passwordHash: await hashPassword(DEMO_REVIEWER.password) },
      select: { id: true, email: true },
    }));
  if (byEmail.get(DEMO_DEVELOPER.email)?.hasApps) return;
  await seedDemoApps({ id: developer.id, email: developer.email, role: 'DEVELOPER' }, { id: reviewer.id, email: reviewer.email, role: 'REVIEWER' });
}
