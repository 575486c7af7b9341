import { log } from '@ring/api';
import { prisma } from '@ring/db';
import type { RequestHandler } from './$types';

// A probe must answer quickly even when the database hangs rather than refuses.
const CHECK_TIMEOUT_MS = 2_000;

/** For load balancers and orchestrators: 200 when the database answers, 503 when it does not. */
export const GET: RequestHandler = async () => {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      prisma.$queryRaw`SELECT 1`,
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`database did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    // The reason stays in the server log; the probe's caller only needs "not ready".
    log('warn', 'health check failed', { cause: error instanceof Error ? error.message : String(error) });
    return Response.json({ status: 'unavailable' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  } finally {
    clearTimeout(timer);
  }
};
