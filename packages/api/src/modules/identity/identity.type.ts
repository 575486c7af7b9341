import { builder } from '../../builder.ts';
import { asUuid, NIL_UUID } from '../../ids.ts';

export const DeveloperRoleEnum = builder.enumType('DeveloperRole', {
  description: 'What a developer may do. SUPPORT is the portal staff, who may reissue credentials.',
  values: {
    DEVELOPER: { description: 'A third-party developer.' },
    SUPPORT: { description: 'Portal support staff.' },
    REVIEWER: { description: 'A certification reviewer: works the review queue, approves or requests changes.' },
  } as const,
});

export const DeveloperRef = builder.prismaNode('Developer', {
  description: 'A developer account. You can only ever read your own.',
  id: { field: 'id' },
  // node(id) finds only the viewer themself.
  findUnique: (id, context) => ({ id: context.viewer?.id === id ? asUuid(id) : NIL_UUID }),
  fields: (t) => ({
    email: t.exposeString('email', { description: 'Sign-in email, lower-cased.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    role: t.expose('role', { type: DeveloperRoleEnum, description: 'DEVELOPER, or SUPPORT or REVIEWER for portal staff.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the account was created.' }),
    apiTokens: t.relation('apiTokens', {
      description: 'API tokens that still work, newest first. Their secret values are never shown again.',
      query: { where: { revokedAt: null }, orderBy: { createdAt: 'desc' } },
    }),
  }),
});

export const ApiTokenRef = builder.prismaNode('ApiToken', {
  description: 'A token a third-party tool sends as "Authorization: Bearer <token>". Only its first characters are kept readable.',
  id: { field: 'id' },
  findUnique: (id, context) => ({ id: asUuid(id), developerId: context.viewer?.id ?? NIL_UUID }),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What the token is for.' }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the token, to recognise it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'When a request last used it (to the minute), or null if never.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true, description: 'When it was revoked, or null while it works.' }),
  }),
});
