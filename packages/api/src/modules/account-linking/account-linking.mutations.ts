import { queryFromInfo } from '@pothos/plugin-prisma';
import { accountLinkingInputSchemaWith } from '@ring/domain';
import { builder } from '../../builder.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { localEndpointsAllowed } from '../../outbound/local-endpoints.ts';
import { findOwnedApp } from '../apps/apps.access.ts';
import { AppRef } from '../apps/apps.type.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { saveAccountLinking } from './account-linking.service.ts';
import { AccountLinkingSettingsRef, EnvironmentEnum } from './account-linking.type.ts';

const SaveAccountLinkingInput = builder
  .inputType('SaveAccountLinkingInput', {
    description: 'One environment’s four URLs. All four are required and must be public https:// URLs.',
    fields: (t) => ({
      appId: t.id({ description: 'The app’s id.' }),
      environment: t.field({ type: EnvironmentEnum, description: 'Which environment to save.' }),
      expectedVersion: t.int({
        required: false,
        description: 'The version you loaded; when another save came first you get ConflictError and nothing changes. Omit to overwrite.',
      }),
      // Optional in the schema so a missing URL is a ValidationError naming it, like any other wrong value.
      authorizationUrl: t.string({ required: false, description: 'Required. Your sign-in page, where Ring sends users to start account linking.' }),
      appHomepageUrl: t.string({ required: false, description: 'Required. Where Ring sends users once the integration is complete.' }),
      tokenExchangeUrl: t.string({ required: false, description: 'Required. Your backend endpoint that receives the OAuth authorization code.' }),
      webhookUrl: t.string({ required: false, description: 'Required. Your endpoint for Ring event notifications.' }),
    }),
  })
  .validate(accountLinkingInputSchemaWith(() => ({ allowLocalEndpoints: localEndpointsAllowed() })));

const SaveAccountLinkingSuccess = builder.simpleObject('SaveAccountLinkingSuccess', {
  description: 'The environment’s settings are saved.',
  fields: (t) => ({
    settings: t.field({ type: AccountLinkingSettingsRef, description: 'The saved settings, with their new version.' }),
    app: t.field({ type: AppRef, description: 'The app, for the overall account linking status.' }),
  }),
});

developerMutation('saveAccountLinking', {
  type: SaveAccountLinkingSuccess,
  input: SaveAccountLinkingInput,
  description: 'Saves one environment’s account linking URLs. Each environment is saved on its own, with its own version.',
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context, info) => {
    const app = await findOwnedApp(context.viewer, String(input.appId));
    // The app's fields are read in the save's transaction: a delete right after the commit must
    // not turn the success into errors on every field of `app`.
    const appQuery = queryFromInfo({ context, info, typeName: 'App', path: [{ type: 'SaveAccountLinkingSuccess', name: 'app' }] });
    const { settings, app: saved } = await saveAccountLinking(
      context.viewer.id,
      app.id,
      {
        environment: input.environment,
        expectedVersion: input.expectedVersion,
        // The validation plugin has already refused a missing or wrong URL.
        authorizationUrl: input.authorizationUrl!,
        appHomepageUrl: input.appHomepageUrl!,
        tokenExchangeUrl: input.tokenExchangeUrl!,
        webhookUrl: input.webhookUrl!,
      },
      appQuery,
    );
    return { settings, app: saved };
  },
});
