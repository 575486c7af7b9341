import { queryFromInfo } from '@pothos/plugin-prisma';
import { TEST_ACKNOWLEDGEMENT } from '@ring/domain';
import { builder } from '../../builder.ts';
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '../../errors.ts';
import { EnvironmentEnum } from '../account-linking/account-linking.type.ts';
import { findOwnedApp } from '../apps/apps.access.ts';
import { AppRef } from '../apps/apps.type.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { startLinkRehearsal } from './link-rehearsals.service.ts';
import { LinkRehearsalRef } from './link-rehearsals.type.ts';
import { completeTest, TestIncompleteError } from './test-step.service.ts';

const StartLinkRehearsalInput = builder.inputType('StartLinkRehearsalInput', {
  description: 'Which app and environment to rehearse account linking for.',
  fields: (t) => ({
    appId: t.id({ description: 'The app’s id.' }),
    environment: t.field({ type: EnvironmentEnum, description: 'The environment whose saved linking URLs are rehearsed.' }),
  }),
});

const StartLinkRehearsalSuccess = builder.simpleObject('StartLinkRehearsalSuccess', {
  description: 'The rehearsal started: the code was POSTed (the steps say how the Token Exchange URL answered).',
  fields: (t) => ({ rehearsal: t.field({ type: LinkRehearsalRef, description: 'The new rehearsal.' }) }),
});

developerMutation('startLinkRehearsal', {
  type: StartLinkRehearsalSuccess,
  input: StartLinkRehearsalInput,
  description:
    'Plays Ring’s one-way account linking against the environment’s saved URLs: a new sandbox Ring account, and a fresh code POSTed (form-encoded, `code=…`) to the Token Exchange URL, to be exchanged within 60 s at POST /sandbox/oauth/token. Counts against the sandbox allowance (SANDBOX_REQUESTS_PER_APP_PER_MINUTE, SANDBOX_REQUESTS_PER_DEVELOPER_PER_MINUTE).',
  errors: [NotFoundError, ConflictError, RateLimitedError],
  resolve: async (input, context) => {
    const app = await findOwnedApp(context.viewer, String(input.appId), { select: { id: true, developerId: true } });
    return { rehearsal: await startLinkRehearsal(context.viewer.id, app, input.environment) };
  },
});

const CompleteTestInput = builder.inputType('CompleteTestInput', {
  description: 'Confirms the Test step.',
  fields: (t) => ({
    appId: t.id({ description: 'The app’s id.' }),
    acknowledgeLinkingTested: t.boolean({ description: `Must be true: “${TEST_ACKNOWLEDGEMENT}”.` }),
  }),
});

const CompleteTestSuccess = builder.simpleObject('CompleteTestSuccess', {
  description: 'Test is complete.',
  fields: (t) => ({ app: t.field({ type: AppRef, description: 'The app, with its lifecycle.' }) }),
});

developerMutation('completeTest', {
  type: CompleteTestSuccess,
  input: CompleteTestInput,
  description:
    'Completes Test once its requirements are met: since the linking URLs of each environment last changed, a link rehearsal COMPLETED on STAGING and on PRODUCTION (and the webhook test events). TestIncompleteError names every requirement still missing.',
  errors: [NotFoundError, TestIncompleteError],
  resolve: async (input, context, info) => {
    if (input.acknowledgeLinkingTested !== true) {
      throw ValidationError.field(['acknowledgeLinkingTested'], `Tick “${TEST_ACKNOWLEDGEMENT}” to confirm.`, 'NOT_ALLOWED');
    }
    const app = await findOwnedApp(context.viewer, String(input.appId), { select: { id: true } });
    const appQuery = queryFromInfo({ context, info, typeName: 'App', path: [{ type: 'CompleteTestSuccess', name: 'app' }] });
    return { app: await completeTest(context.viewer.id, app.id, appQuery) };
  },
});
