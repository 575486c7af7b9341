/**
 * The process's one GraphQL API, media handler and links, as server.ts registered them in
 * @ring/api (see packages/api/src/in-process.ts). Imported at run time by name, so that Vite
 * leaves it to Node instead of bundling a second copy of the API into the SvelteKit build.
 */
import type { InProcess } from '@ring/api/in-process';

export async function inProcess(): Promise<InProcess> {
  const specifier = '@ring/api/in-process';
  const registry = (await import(/* @vite-ignore */ specifier)) as typeof import('@ring/api/in-process');
  return registry.inProcess();
}
