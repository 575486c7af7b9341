import { API_ACCESS, API_ACCESS_NOTE, COMPLIANCE_AGREEMENT } from '@ring/domain';
import { builder } from '../../builder.ts';
import { NotFoundError } from '../../errors.ts';
import { findOwnedApp } from './apps.access.ts';
import { AppRef } from './apps.type.ts';

const ApiAccessGroupRef = builder.simpleObject('ApiAccessGroup', {
  description: 'A group of Ring APIs that every app’s credentials grant.',
  fields: (t) => ({
    id: t.string({ description: 'Stable identifier, e.g. LIVE_VIDEO_AND_MEDIA.' }),
    title: t.string({ description: 'The group’s name, e.g. "Live Video & Media".' }),
    items: t.stringList({ description: 'What the group covers.' }),
  }),
});

builder.queryFields((t) => ({
  apiAccess: t.field({
    type: [ApiAccessGroupRef],
    description:
      'The Ring APIs every app’s credentials grant, by group: the same read-only standard set for every app (custom API scopes are not available yet; `apiAccessNote` says so in the console’s words).',
    resolve: () => API_ACCESS.map((group) => ({ ...group, items: [...group.items] })),
  }),
  apiAccessNote: t.string({
    description: 'The console’s note under its API access summary, the same for every app: that custom API scopes are not available yet.',
    resolve: () => API_ACCESS_NOTE,
  }),
  complianceAgreement: t.field({
    type: builder.simpleObject('ComplianceAgreement', {
      description: 'The agreement a developer accepts when creating an app.',
      fields: (f) => ({
        title: f.string({ description: 'Its title.' }),
        version: f.string({ description: 'The version recorded with each acceptance.' }),
      }),
    }),
    description: 'The agreement createApp’s acceptCompliance refers to.',
    resolve: () => ({ ...COMPLIANCE_AGREEMENT }),
  }),
  app: t.withAuth({ developer: true }).prismaField({
    type: AppRef,
    description: 'One of your apps by id. Another developer’s app is NotFoundError, exactly like an id that does not exist.',
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true, description: 'The app’s global id.' }) },
    resolve: (query, _root, args, context) => findOwnedApp(context.viewer, String(args.id), query),
  }),
}));
