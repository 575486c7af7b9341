/**
 * Announces an app event to every server process. NOTIFY is transactional: called with a
 * transaction client, the event goes out only if and when that transaction commits, so no
 * subscriber is ever told about a row it cannot read yet, or that was rolled back.
 */
import type { Prisma } from '@ring/db';
import { APP_EVENTS_CHANNEL, type AppEvent } from './app-events.ts';

export async function notifyAppEvent(db: Pick<Prisma.TransactionClient, '$executeRaw'>, event: AppEvent): Promise<void> {
  const payload = JSON.stringify({ appId: event.appId, kind: event.kind, id: event.id });
  await db.$executeRaw`SELECT pg_notify(${APP_EVENTS_CHANNEL}, ${payload})`;
}
