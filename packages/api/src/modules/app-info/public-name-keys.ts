/**
 * Stored public-name keys made by an older rule (publicNameKeyRule below PUBLIC_NAME_KEY_RULE)
 * are recomputed: once per process, before its first public-name save and at start-up. Every
 * process does it; it is idempotent. Two existing names that the new rule finds alike both
 * stay: the earlier saved keeps the plain key, the later gets "<key>#<appId>" (unique, so it
 * blocks nothing) and a warning is logged; neither can be taken again by a third lookalike.
 */
import { Prisma, prisma } from '@ring/db';
import { PUBLIC_NAME_KEY_RULE, publicNameKey } from '@ring/domain';
import { log } from '../../observability/logger.ts';

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/** Returns how many keys it recomputed. */
export async function refreshPublicNameKeys(): Promise<number> {
  const stale = await prisma.generalInfo.findMany({
    where: { publicNameKeyRule: { lt: PUBLIC_NAME_KEY_RULE }, publicName: { not: null } },
    select: { appId: true, publicName: true },
    orderBy: [{ savedAt: 'asc' }, { appId: 'asc' }],
  });
  for (const row of stale) {
    const key = publicNameKey(row.publicName!);
    // Only a row still on the old rule: a save in between has written a current key already.
    const current = { appId: row.appId, publicNameKeyRule: { lt: PUBLIC_NAME_KEY_RULE }, publicName: row.publicName };
    try {
      await prisma.generalInfo.updateMany({ where: current, data: { publicNameKey: key, publicNameKeyRule: PUBLIC_NAME_KEY_RULE } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      log('warn', 'public name looks like an earlier app’s under the lookalike rule; both kept', { appId: row.appId, publicName: row.publicName });
      await prisma.generalInfo.updateMany({ where: current, data: { publicNameKey: `${key}#${row.appId}`, publicNameKeyRule: PUBLIC_NAME_KEY_RULE } });
    }
  }
  await prisma.generalInfo.updateMany({
    where: { publicNameKeyRule: { lt: PUBLIC_NAME_KEY_RULE }, publicName: null },
    data: { publicNameKeyRule: PUBLIC_NAME_KEY_RULE },
  });
  return stale.length;
}

let refreshed: Promise<number> | undefined;

/** refreshPublicNameKeys, once per process (again after a failure). */
export function publicNameKeysCurrent(): Promise<number> {
  refreshed ??= refreshPublicNameKeys().catch((error: unknown) => {
    refreshed = undefined;
    throw error;
  });
  return refreshed;
}
