/**
 * The audit trail: who did what, for support and security review. This module owns the
 * AuditEvent table; other modules record and count events through these functions, inside
 * their own transaction so that an action and its record commit together.
 */
import type { Prisma } from '@ring/db';

/** Every action the trail records. */
export type AuditAction =
  | 'app.created'
  | 'app.renamed'
  | 'app.deleted'
  | 'certification.submitted'
  | 'certification.prechecked'
  | 'certification.claimed'
  | 'certification.approved'
  | 'certification.changes-requested'
  | 'certification.withdrawn'
  | 'compliance.accepted'
  | 'credentials.reissued'
  | 'password-reset.link-created'
  | 'rollout.started'
  | 'rollout.raised'
  | 'rollout.paused'
  | 'rollout.resumed'
  | 'rollout.completed'
  | 'rollout.rolled-back'
  | 'rollout.superseded'
  | 'rollout.promoted'
  | 'rollout.beta-invite-created'
  | 'rollout.beta-joined'
  | 'staff.created'
  | 'staff.promoted';

export interface AuditRecord {
  /** null: done by an operator's command, not by a signed-in account. */
  actorId: string | null;
  appId?: string;
  action: AuditAction;
  detail: Prisma.InputJsonObject;
}

type Db = Pick<Prisma.TransactionClient, 'auditEvent'>;

/** Records the events (one statement) in `db`, usually the caller's transaction. */
export async function recordAudit(db: Db, ...events: AuditRecord[]): Promise<void> {
  if (events.length === 1) await db.auditEvent.create({ data: events[0]! });
  else await db.auditEvent.createMany({ data: events });
}

/**
 * When `actorId` did `action` after `since`, oldest first, at most `limit` of them. The trail
 * outlives deleted apps, so counting here is not reset by deleting what was created.
 */
export async function actionTimesSince(db: Db, actorId: string, action: AuditAction, since: Date, limit: number): Promise<Date[]> {
  const events = await db.auditEvent.findMany({
    where: { actorId, action, createdAt: { gt: since } },
    select: { createdAt: true },
    orderBy: { createdAt: 'asc' },
    take: limit,
  });
  return events.map((event) => event.createdAt);
}
