import { queryFromInfo } from '@pothos/plugin-prisma';
import { prisma, type Prisma } from '@ring/db';
import { builder, requireScopes } from '../../builder.ts';
import { pageOf, planPage } from '../../connections.ts';
import { asUuid } from '../../ids.ts';
import { DeveloperRef } from '../identity/identity.type.ts';

type AppRow = Prisma.AppGetPayload<object>;

export const AppRef = builder.prismaNode('App', {
  description: 'An app in the Ring Appstore, as its developer configures it.',
  id: { field: 'id' },
  // node(id) and every lookup find only the viewer's own apps. Without a valid developer it is
  // UNAUTHENTICATED, as for any other field that needs one: a revoked or expired credential must
  // not look like "no such app".
  findUnique: (id, context) => {
    requireScopes(context, { developer: true });
    return { id: asUuid(id), developerId: context.viewer.id };
  },
  // Someone else's app is a plain null from node(id), not a (masked, logged) error.
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Internal name, never shown in the Appstore.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the app was created.' }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the app was published, or null. A published app can no longer be renamed or deleted.',
    }),
    publicName: t.string({
      nullable: true,
      description: 'The Appstore name saved in App information (General tab), or null until one is saved.',
      select: { generalInfo: { select: { publicName: true } } },
      resolve: (app) => app.generalInfo?.publicName ?? null,
    }),
  }),
});

builder.prismaObjectField(DeveloperRef, 'apps', (t) =>
  t.connection(
    {
      type: AppRef,
      // Nullable so that bad arguments (a BAD_USER_INPUT error here) leave `viewer` in place.
      nullable: true,
      description: 'Your apps, newest first. Cursors are positions in the list: one stays valid after its app is deleted.',
      resolve: async (developer, args, context, info) => {
        const plan = planPage(args);
        const query = queryFromInfo({ context, info, path: ['edges', 'node'], typeName: 'App' }) as {
          select?: Record<string, unknown>;
          include?: Record<string, unknown>;
        };
        const owned = { developerId: developer.id };
        // The nodes' nested fields come from `query` (one statement for the page, no N+1);
        // the cursor needs id and createdAt whatever the client selected.
        const findArgs = {
          ...(query.select ? { select: { ...query.select, id: true, createdAt: true } } : { include: query.include }),
          where: { AND: [owned, ...plan.where] },
          orderBy: plan.orderBy,
          take: plan.take,
        } as Prisma.AppFindManyArgs;
        const [rows, totalCount] = await Promise.all([prisma.app.findMany(findArgs) as Promise<AppRow[]>, prisma.app.count({ where: owned })]);
        return { ...pageOf(plan, rows), totalCount };
      },
    },
    {
      name: 'DeveloperAppsConnection',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many apps you have in all.',
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
      }),
    },
    { name: 'DeveloperAppsConnectionEdge' },
  ),
);
