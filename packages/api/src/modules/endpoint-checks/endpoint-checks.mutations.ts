import { queryFromInfo } from '@pothos/plugin-prisma';
import { builder } from '../../builder.ts';
import { ConflictError, NotFoundError, RateLimitedError } from '../../errors.ts';
import { EnvironmentEnum } from '../account-linking/account-linking.type.ts';
import { findOwnedApp } from '../apps/apps.access.ts';
import { AppRef } from '../apps/apps.type.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { completeBuild, runEndpointChecks } from './endpoint-checks.service.ts';
import { EndpointCheckRunRef } from './endpoint-checks.type.ts';

const RunEndpointChecksInput = builder.inputType('RunEndpointChecksInput', {
  description: 'Which app’s endpoints to check, and in which environment.',
  fields: (t) => ({
    appId: t.id({ description: 'The app’s id.' }),
    environment: t.field({ type: EnvironmentEnum, description: 'The environment whose four saved account linking URLs are checked.' }),
  }),
});

const RunEndpointChecksSuccess = builder.simpleObject('RunEndpointChecksSuccess', {
  description: 'The run was made and recorded (a run whose checks failed is still a success of this mutation: look at `run.passed`).',
  fields: (t) => ({ run: t.field({ type: EndpointCheckRunRef, description: 'The recorded run.' }) }),
});

developerMutation('runEndpointChecks', {
  type: RunEndpointChecksSuccess,
  input: RunEndpointChecksInput,
  description:
    'Calls the environment’s four account linking URLs as Ring would and records what each answered: every URL must resolve to a public address, speak TLS 1.2+ with a valid certificate and answer within 5 seconds; the Authorization and App Homepage URLs must answer a GET with 2xx or 3xx; the Token Exchange URL must refuse an unknown code with 4xx; the Webhook URL must accept a correctly signed event (2xx) and refuse a wrongly signed one (4xx). The requests go out at once, so a run takes at most about 5 seconds. ValidationError (LINKING_URLS_MISSING) names the URLs not saved yet. At most ENDPOINT_CHECK_RUNS_PER_APP_PER_MINUTE (5) runs a minute per app and ENDPOINT_CHECK_RUNS_PER_DEVELOPER_PER_MINUTE (15) across a developer’s apps.',
  errors: [NotFoundError, ConflictError, RateLimitedError],
  resolve: async (input, context) => {
    const app = await findOwnedApp(context.viewer, String(input.appId));
    return { run: await runEndpointChecks(context.viewer.id, app.id, input.environment) };
  },
});

const CompleteBuildInput = builder.inputType('CompleteBuildInput', {
  description: 'The app whose Build step to confirm.',
  fields: (t) => ({ appId: t.id({ description: 'The app’s id.' }) }),
});

const CompleteBuildSuccess = builder.simpleObject('CompleteBuildSuccess', {
  description: 'Build is complete.',
  fields: (t) => ({ app: t.field({ type: AppRef, description: 'The app, with its lifecycle.' }) }),
});

developerMutation('completeBuild', {
  type: CompleteBuildSuccess,
  input: CompleteBuildInput,
  description:
    'Confirms the Build step. Allowed only when the latest endpoint check run on STAGING passed every check and checked the staging URLs saved now; otherwise ConflictError says what is missing (App.buildBlocker says the same beforehand). Changing a staging linking URL afterwards sends Build back to IN_PROGRESS, with the reason as the step’s note.',
  errors: [NotFoundError, ConflictError],
  resolve: async (input, context, info) => {
    const app = await findOwnedApp(context.viewer, String(input.appId));
    const appQuery = queryFromInfo({ context, info, typeName: 'App', path: [{ type: 'CompleteBuildSuccess', name: 'app' }] });
    return { app: await completeBuild(context.viewer.id, app.id, appQuery) };
  },
});
