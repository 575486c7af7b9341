/**
 * App.activity: the app's audit trail, newest first, for its owner and (through supportApp)
 * for support staff. Who did it is looked up for the whole page at once, so a page costs the
 * same two statements whatever its size.
 */
import { prisma, type AuditEvent } from '@ring/db';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, activitySummary, type ActivityKind } from '@ring/domain';
import { builder } from '../../builder.ts';
import { pageOf, planPage } from '../../connections.ts';
import { AppRef } from '../apps/apps.type.ts';
import { accountSummaries } from '../identity/identity.service.ts';

export const ActivityKindEnum = builder.enumType('ActivityKind', {
  description: 'What part of the app an activity event concerns: the Activity page’s filter.',
  values: Object.fromEntries(ACTIVITY_KINDS.map((kind) => [kind, { description: `${ACTIVITY_KIND_LABELS[kind]} events.` }])) as Record<
    ActivityKind,
    { description: string }
  >,
});

interface Actor {
  name: string;
  role: string;
}
type ActivityRow = AuditEvent & { actor: Actor | null };

const ActivityActorRef = builder.simpleObject('ActivityActor', {
  description: 'Who did something: a developer or a member of Ring’s staff.',
  fields: (t) => ({
    name: t.string({ description: 'Their display name.' }),
    role: t.string({ description: 'DEVELOPER, or their staff role (SUPPORT, REVIEWER).' }),
  }),
});

const ActivityEventRef = builder.objectRef<ActivityRow>('ActivityEvent').implement({
  description: 'One recorded action on an app: who, when, what.',
  fields: (t) => ({
    id: t.id({ description: 'The event’s id.', resolve: (row) => row.id }),
    at: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (row) => row.createdAt }),
    kind: t.field({ type: ActivityKindEnum, description: 'Which part of the app it concerns.', resolve: (row) => row.kind as ActivityKind }),
    action: t.string({ description: 'The action’s stable name, e.g. `configure.tab-saved`.', resolve: (row) => row.action }),
    summary: t.string({ description: 'The event in a sentence.', resolve: (row) => activitySummary(row.action, row.detail) }),
    actor: t.field({
      type: ActivityActorRef,
      nullable: true,
      description: 'Who did it; null for an operator’s command or an account that no longer exists.',
      resolve: (row) => row.actor,
    }),
    versionNumber: t.int({
      nullable: true,
      description: 'The app version it concerns (v1, v2, …), when it concerns one.',
      resolve: (row) => {
        const detail = row.detail as Record<string, unknown> | null;
        const number = detail?.versionNumber ?? detail?.version;
        return typeof number === 'number' ? number : null;
      },
    }),
  }),
});

/** The actors of a page of events, in one statement. */
async function withActors(rows: AuditEvent[]): Promise<ActivityRow[]> {
  const ids = [...new Set(rows.map((row) => row.actorId).filter((id): id is string => id !== null))];
  const byId = await accountSummaries(ids);
  return rows.map((row) => {
    const actor = row.actorId ? byId.get(row.actorId) : undefined;
    return { ...row, actor: actor ? { name: actor.name, role: actor.role } : null };
  });
}

builder.prismaObjectField(AppRef, 'activity', (t) =>
  t.connection(
    {
      type: ActivityEventRef,
      // Nullable so that bad arguments (a BAD_USER_INPUT error here) leave the app in place.
      nullable: true,
      description: 'Everything done to this app, newest first: Configure saves, credentials, checks, test events, rehearsals, submissions, reviews, rollouts.',
      args: { kind: t.arg({ type: ActivityKindEnum, required: false, description: 'Only events of this kind.' }) },
      select: { id: true },
      resolve: async (app, args) => {
        const plan = planPage(args);
        const rows = await prisma.auditEvent.findMany({
          where: { AND: [{ appId: app.id, ...(args.kind ? { kind: args.kind } : {}) }, ...plan.where] },
          orderBy: plan.orderBy,
          take: plan.take,
        });
        const page = pageOf(plan, rows);
        const named = await withActors(page.edges.map((edge) => edge.node));
        return { ...page, edges: page.edges.map((edge, index) => ({ ...edge, node: named[index]! })) };
      },
    },
    { name: 'AppActivityConnection' },
    { name: 'AppActivityConnectionEdge' },
  ),
);
