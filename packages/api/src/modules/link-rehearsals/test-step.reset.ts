import type { Prisma } from '@ring/db';

/**
 * Changing a linking URL after Test completed sends Test back (to IN_PROGRESS: the rehearsals
 * that exist keep it started). Called by account linking's save, in its transaction, when a URL
 * changed. Its own file, importing nothing of the modules, so account linking can call it
 * without an import cycle through the lifecycle.
 */
export async function linkingUrlsChanged(tx: Pick<Prisma.TransactionClient, 'app'>, appId: string): Promise<void> {
  await tx.app.updateMany({ where: { id: appId, testCompletedAt: { not: null } }, data: { testCompletedAt: null } });
}
