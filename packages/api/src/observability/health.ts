import { prisma } from '@ring/db';
import { log } from './logger.ts';

// A probe must answer quickly even when the database hangs rather than refuses.
const CHECK_TIMEOUT_MS = 2_000;

/** True when the database answers a trivial query in time; the reason for false goes to the log. */
export async function databaseIsHealthy(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      prisma.$queryRaw`SELECT 1`,
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the database did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return true;
  } catch (error) {
    log('warn', 'health check failed', { cause: error instanceof Error ? error.message : String(error) });
    return false;
  } finally {
    clearTimeout(timer);
  }
}
