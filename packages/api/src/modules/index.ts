// Importing a module registers its types and fields on the builder; order does not matter.
import { builder } from '../builder.ts';
import './shared/errors.type.ts';
import './identity/identity.type.ts';
import './identity/identity.mutations.ts';
import './apps/apps.type.ts';
import './media/media.type.ts';
import './app-info/app-info.type.ts';
import './app-info/app-info.mutations.ts';

export const schema = builder.toSchema({ sortSchema: true });
