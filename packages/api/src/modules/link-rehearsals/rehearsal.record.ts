/**
 * The one way a link rehearsal changes: a step appended, and with it perhaps a new status and
 * fields. Every change, from the console (start) or the sandbox Ring API (exchange, fetch,
 * POST, PATCH) or the sweep (expiry), comes through `advanceRehearsal`, so whatever must
 * follow a change (live updates) is one line here.
 *
 * The row is locked for the change, so two concurrent requests of the partner append both of
 * their steps. A finished rehearsal (COMPLETED or FAILED) keeps its status; later steps are
 * still recorded, since what a partner did afterwards helps explain what went wrong.
 */
import { prisma, type Prisma } from '@ring/db';
import { rehearsalFinished, storableText, type LinkRehearsalStatus, type LinkRehearsalStep, type LinkRehearsalStepKind } from '@ring/domain';
import { notifyAppEvent } from '../live/notify.ts';

export type RehearsalRow = NonNullable<Awaited<ReturnType<typeof prisma.linkRehearsal.findUnique>>>;

export interface RehearsalChange {
  kind: LinkRehearsalStepKind;
  ok: boolean;
  message: string;
  /** The status this step moves the rehearsal to (ignored once it is finished). */
  status?: LinkRehearsalStatus;
  /** Only from these statuses (e.g. CODE_EXCHANGED only from CODE_SENT): otherwise the step is recorded and the status kept. */
  onlyFrom?: LinkRehearsalStatus[];
  data?: Pick<Prisma.LinkRehearsalUpdateInput, 'accountLinkUrl' | 'linkTime' | 'completedAt'>;
  /** Skip the whole change (no step) unless this holds of the locked row: for the sweep, which must not expire a code exchanged meanwhile. */
  when?: (row: RehearsalRow) => boolean;
}

export function stepsOf(row: Pick<RehearsalRow, 'steps'>): LinkRehearsalStep[] {
  return Array.isArray(row.steps) ? (row.steps as unknown as LinkRehearsalStep[]) : [];
}

/** Applies `change` to the rehearsal in `tx` (or its own transaction); null when the rehearsal is gone or `when` said no. */
export async function advanceRehearsal(id: string, change: RehearsalChange, tx?: Prisma.TransactionClient): Promise<RehearsalRow | null> {
  if (!tx) return prisma.$transaction((own) => advanceRehearsal(id, change, own));
  const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "LinkRehearsal" WHERE id = ${id}::uuid FOR UPDATE`;
  if (locked.length === 0) return null;
  const row = await tx.linkRehearsal.findUniqueOrThrow({ where: { id } });
  if (change.when && !change.when(row)) return null;
  const step: LinkRehearsalStep = { at: new Date().toISOString(), kind: change.kind, ok: change.ok, message: storableText(change.message) };
  const moves = change.status !== undefined && !rehearsalFinished(row.status) && (!change.onlyFrom || change.onlyFrom.includes(row.status));
  const updated = await tx.linkRehearsal.update({
    where: { id },
    data: {
      steps: [...stepsOf(row), step] as unknown as Prisma.InputJsonArray,
      ...(moves ? { status: change.status, ...change.data } : {}),
    },
  });
  // Sent when the transaction commits: an open Test page shows the step at once (live updates).
  await notifyAppEvent(tx, { appId: updated.appId, kind: 'LINK_REHEARSAL', id: updated.id });
  return updated;
}
