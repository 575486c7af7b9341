/** Apps made through createApp, as a developer would, for tests that need real credentials. */
import { NewAppPage_CreateAppDocument } from '@ring/client';
import { execute } from './api.ts';

export async function createAppVia(caller: { cookie?: string; token?: string }, name = 'Home Guardian') {
  const result = await execute(NewAppPage_CreateAppDocument, { input: { name, acceptCompliance: true } }, caller);
  const created = result.data?.createApp;
  if (created?.__typename !== 'CreateAppSuccess') throw new Error(`createApp failed: ${JSON.stringify(result)}`);
  return created;
}
