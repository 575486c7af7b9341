import { API_ACCESS, API_ACCESS_NOTE, COMPLIANCE_AGREEMENT, createAppSchema, renameAppSchema } from '@ring/domain';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { z } from 'zod';
import { prisma } from '@ring/db';
import { builder } from '../../builder.ts';
import { AppPublishedError, NotFoundError, RateLimitedError } from '../../errors.ts';
import { IssuedCredentialsRef } from '../credentials/credentials.type.ts';
import { APP_NOT_FOUND, ownedAppWhere } from './apps.access.ts';
import { AppRef } from './apps.type.ts';
import * as apps from './apps.service.ts';

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
    description: `The read-only standard set of APIs every app receives. ${API_ACCESS_NOTE}`,
    resolve: () => API_ACCESS.map((group) => ({ ...group, items: [...group.items] })),
  }),
  apiAccessNote: t.string({ description: 'The note shown under the API access summary.', resolve: () => API_ACCESS_NOTE }),
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
  app: t.prismaField({
    type: AppRef,
    authScopes: { developer: true },
    description: 'One of your apps by id. Another developer’s app is NotFoundError, exactly like an id that does not exist.',
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true, description: 'The app’s global id.' }) },
    resolve: async (query, _root, args, context) => {
      const app = await prisma.app.findFirst({ ...query, where: ownedAppWhere(context.viewer!, String(args.id)) });
      if (!app) throw new NotFoundError(APP_NOT_FOUND);
      return app;
    },
  }),
}));

const CreateAppInput = builder
  .inputType('CreateAppInput', {
    description: 'A new app.',
    fields: (t) => ({
      name: t.string({ description: 'Internal name (1-100 characters, trimmed), never shown in the Appstore.' }),
      acceptCompliance: t.boolean({ description: `Must be true: you agree to the ${COMPLIANCE_AGREEMENT.title}.` }),
    }),
  })
  .validate(createAppSchema);

const CreateAppSuccess = builder.simpleObject('CreateAppSuccess', {
  description: 'The app exists. Its credentials are in plain text here and never again.',
  fields: (t) => ({
    app: t.field({ type: AppRef, description: 'The new app.' }),
    credentials: t.field({ type: IssuedCredentialsRef, description: 'The credentials, shown only this once. Store them securely.' }),
  }),
});

builder.mutationField('createApp', (t) =>
  t.field({
    type: CreateAppSuccess,
    authScopes: { developer: true },
    description:
      'Creates an app, records your acceptance of the compliance agreement and issues its credentials (returned only here). ' +
      'Refused with a ValidationError coded QUOTA_EXCEEDED once you have APP_QUOTA_PER_DEVELOPER apps (100 by default), and with RateLimitedError after APPS_CREATED_PER_HOUR creations in an hour (20 by default).',
    errors: { types: [RateLimitedError] },
    args: { input: t.arg({ type: CreateAppInput, required: true, description: 'The mutation’s input.' }) },
    resolve: (_root, { input }, context) => apps.createApp(context.viewer!, { name: input.name }),
  }),
);

const RenameAppInput = builder
  .inputType('RenameAppInput', {
    description: 'A new internal name for an app.',
    fields: (t) => ({
      appId: t.id({ description: 'The app’s global id.' }),
      name: t.string({ description: 'Internal name (1-100 characters, trimmed).' }),
    }),
  })
  .validate(renameAppSchema.extend({ appId: z.string() }));

const RenameAppSuccess = builder.simpleObject('RenameAppSuccess', {
  description: 'The app has its new name.',
  fields: (t) => ({ app: t.field({ type: AppRef, description: 'The renamed app.' }) }),
});

builder.mutationField('renameApp', (t) =>
  t.field({
    type: RenameAppSuccess,
    authScopes: { developer: true },
    description: 'Changes the internal name. Refused with AppPublishedError once the app is published.',
    errors: { types: [NotFoundError, AppPublishedError] },
    args: { input: t.arg({ type: RenameAppInput, required: true, description: 'The mutation’s input.' }) },
    resolve: async (_root, { input }, context, info) => {
      // The app's fields are read in the rename's transaction: a delete right after the commit
      // must not turn the success into errors on every field of `app`.
      const query = queryFromInfo({ context, info, typeName: 'App', path: [{ type: 'RenameAppSuccess', name: 'app' }] });
      return { app: await apps.renameApp(context.viewer!, String(input.appId), input.name, query) };
    },
  }),
);

const DeleteAppInput = builder.inputType('DeleteAppInput', {
  description: 'The app to delete.',
  fields: (t) => ({ appId: t.id({ description: 'The app’s global id.' }) }),
});

const DeleteAppSuccess = builder.simpleObject('DeleteAppSuccess', {
  description: 'The app and everything saved for it are gone.',
  fields: (t) => ({
    deletedAppId: t.id({ description: 'The global id the app had.' }),
    name: t.string({ description: 'The name it had.' }),
  }),
});

builder.mutationField('deleteApp', (t) =>
  t.field({
    type: DeleteAppSuccess,
    authScopes: { developer: true },
    description: 'Permanently deletes an app with its credentials, tabs, linking and media. Refused with AppPublishedError once published.',
    errors: { types: [NotFoundError, AppPublishedError] },
    args: { input: t.arg({ type: DeleteAppInput, required: true, description: 'The mutation’s input.' }) },
    resolve: async (_root, { input }, context) => {
      const { app } = await apps.deleteApp(context.viewer!, String(input.appId));
      return { deletedAppId: String(input.appId), name: app.name };
    },
  }),
);
