import { builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import { unauthenticated } from '../../errors.ts';
import { asUuid } from '../../ids.ts';
import { DeveloperRef } from '../identity/identity.type.ts';

function viewerIdOrThrow(context: Context): string {
  if (context.viewer) return context.viewer.id;
  if (context.auth.status === 'invalid') throw unauthenticated(context.auth.reason);
  throw unauthenticated('Sign in, or send an API token as "Authorization: Bearer <token>".');
}

export const AppRef = builder.prismaNode('App', {
  description: 'An app in the Ring Appstore, as its developer configures it.',
  id: { field: 'id' },
  // node(id) and every lookup find only the viewer's own apps. Without a valid developer it is
  // UNAUTHENTICATED, as for any other field that needs one: a revoked or expired credential must
  // not look like "no such app".
  findUnique: (id, context) => ({ id: asUuid(id), developerId: viewerIdOrThrow(context) }),
  // Someone else's app is a plain null from node(id), not a (masked, logged) error.
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Internal name, never shown in the Appstore.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the app was created.' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: 'When the app was published, or null. A published app can no longer be renamed or deleted.' }),
    publicName: t.string({
      nullable: true,
      description: 'The Appstore name saved in App information (General tab), or null until one is saved.',
      select: { generalInfo: { select: { publicName: true } } },
      resolve: (app) => app.generalInfo?.publicName ?? null,
    }),
  }),
});

builder.prismaObjectField(DeveloperRef, 'apps', (t) =>
  t.relatedConnection('apps', {
    description: 'Your apps, newest first.',
    cursor: 'id',
    query: () => ({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    totalCount: true,
  }, {
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many apps you have in all.',
        extensions: { pothosPrismaTotalCount: true },
        resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
      }),
    }),
  }),
);
