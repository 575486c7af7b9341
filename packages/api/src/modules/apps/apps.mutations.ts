import { COMPLIANCE_AGREEMENT, createAppSchema, renameAppSchema } from '@ring/domain';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { AppPublishedError, NotFoundError, RateLimitedError } from '../../errors.ts';
import { IssuedCredentialsRef } from '../credentials/credentials.type.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { AppRef } from './apps.type.ts';
import * as apps from './apps.service.ts';

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

developerMutation('createApp', {
  type: CreateAppSuccess,
  input: CreateAppInput,
  description:
    'Creates an app, records your acceptance of the compliance agreement and issues its credentials (returned only here). ' +
    'Refused with a ValidationError coded QUOTA_EXCEEDED once you have APP_QUOTA_PER_DEVELOPER apps (100 by default), and with RateLimitedError after APPS_CREATED_PER_HOUR creations in an hour (20 by default).',
  errors: [RateLimitedError],
  resolve: (input, context) => apps.createApp(context.viewer, { name: input.name }),
});

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

developerMutation('renameApp', {
  type: RenameAppSuccess,
  input: RenameAppInput,
  description: 'Changes the internal name. Refused with AppPublishedError once the app is published.',
  errors: [NotFoundError, AppPublishedError],
  resolve: async (input, context, info) => {
    // The app's fields are read in the rename's transaction: a delete right after the commit
    // must not turn the success into errors on every field of `app`.
    const query = queryFromInfo({ context, info, typeName: 'App', path: [{ type: 'RenameAppSuccess', name: 'app' }] });
    return { app: await apps.renameApp(context.viewer, String(input.appId), input.name, query) };
  },
});

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

developerMutation('deleteApp', {
  type: DeleteAppSuccess,
  input: DeleteAppInput,
  description: 'Permanently deletes an app with its credentials, tabs, linking and media. Refused with AppPublishedError once published.',
  errors: [NotFoundError, AppPublishedError],
  resolve: async (input, context) => {
    const { app } = await apps.deleteApp(context.viewer, String(input.appId));
    return { deletedAppId: String(input.appId), name: app.name };
  },
});
