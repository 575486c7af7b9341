// Importing a module registers its types and fields on the builder; order does not matter.
import { builder } from '../builder.ts';
import './shared/errors.type.ts';
import './identity/identity.type.ts';
import './identity/identity.queries.ts';
import './identity/identity.mutations.ts';
import './identity/password-reset.mutations.ts';
import './apps/apps.type.ts';
import './apps/apps.queries.ts';
import './apps/apps.mutations.ts';
import './credentials/credentials.type.ts';
import './credentials/credentials.queries.ts';
import './lifecycle/lifecycle.type.ts';
import './account-linking/account-linking.type.ts';
import './account-linking/account-linking.mutations.ts';
import './webhooks/webhooks.config.ts';
import './webhooks/webhooks.type.ts';
import './webhooks/webhooks.mutations.ts';
import './media/media.type.ts';
import './app-info/app-info.type.ts';
import './app-info/app-info.queries.ts';
import './app-info/app-info.mutations.ts';
import './certification/certification.type.ts';
import './certification/certification.queries.ts';
import './certification/certification.mutations.ts';
import './rollouts/rollouts.type.ts';
import './rollouts/rollouts.mutations.ts';

export const schema = builder.toSchema({ sortSchema: true });
