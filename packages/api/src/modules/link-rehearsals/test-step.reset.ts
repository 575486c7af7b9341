import type { Prisma } from '@ring/db';
import { clearStepConfirmed } from '../apps/apps.access.ts';

/**
 * Changing a linking URL after Test completed sends Test back (to IN_PROGRESS: the rehearsals
 * that exist keep it started). Called by account linking's save, in its transaction, when a URL
 * changed. Its own file, importing nothing of the lifecycle, so account linking can call it
 * without an import cycle.
 */
export async function linkingUrlsChanged(tx: Prisma.TransactionClient, appId: string): Promise<void> {
  await clearStepConfirmed(tx, appId, 'testCompletedAt');
}
