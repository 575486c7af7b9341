import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }) });
}

let shared: PrismaClient | undefined;

function sharedClient(): PrismaClient {
  if (!shared) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the database before using it.');
    shared = createPrismaClient(url);
  }
  return shared;
}

/**
 * The process's one client. Created on first use, so that start-up code can settle
 * DATABASE_URL (for example by starting the embedded server) before anything connects.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = sharedClient();
    const value = Reflect.get(client, property, client);
    return typeof value === 'function' ? value.bind(client) : value;
  },
  // Pothos's Prisma plugin finds a model's delegate with `name in client` (node(id), select fallbacks).
  has(_target, property) {
    return Reflect.has(sharedClient(), property);
  },
});

export async function disconnectPrisma(): Promise<void> {
  const client = shared;
  shared = undefined;
  await client?.$disconnect();
}
