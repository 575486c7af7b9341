import type { RequestHandler } from './$types';

/**
 * For load balancers and orchestrators: 200 when the database answers, 503 when it does not.
 * The check lives in @ring/api, loaded at run time like the API itself (src/lib/server/api.ts):
 * the SvelteKit build must not bundle Prisma.
 */
export const GET: RequestHandler = async () => {
  const specifier = '@ring/api';
  const { databaseIsHealthy } = (await import(/* @vite-ignore */ specifier)) as typeof import('@ring/api');
  const healthy = await databaseIsHealthy();
  return Response.json({ status: healthy ? 'ok' : 'unavailable' }, { status: healthy ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
