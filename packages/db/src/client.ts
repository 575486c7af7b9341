import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from './generated/prisma/client.ts';

/** One SQL statement Prisma ran: its text, its parameters (as JSON), how long it took. */
export type QueryEvent = Prisma.QueryEvent;
export type QueryListener = (event: QueryEvent) => void;

export interface PrismaClientOptions {
  /**
   * Called for every statement the client runs (queries and raw SQL; not the BEGIN/COMMIT of
   * a transaction). Turns on Prisma's query events, so only when asked: each statement then
   * also serialises its parameters to JSON for the event, measured at 1 µs (1 parameter) to
   * 7 µs (50) per statement, against ~300 µs of client CPU for the statement itself.
   */
  onQuery?: QueryListener;
}

const MAX_NAMED_STATEMENTS = 1000;
const statementNames = new Map<string, string>();

/**
 * A name per distinct SQL text, so that pg prepares each statement once per connection and
 * then only binds and executes it: unnamed, PostgreSQL parsed and planned every statement each
 * time. Prisma's texts are few (one per query shape and IN-list length); past
 * MAX_NAMED_STATEMENTS distinct texts, new ones go unnamed so a connection's prepared
 * statements stay bounded.
 */
function statementName(query: { sql: string }): string | undefined {
  let name = statementNames.get(query.sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `prisma_${createHash('sha1').update(query.sql).digest('base64url')}`;
    statementNames.set(query.sql, name);
  }
  return name;
}

export function createPrismaClient(connectionString: string, options: PrismaClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) },
    {
      // Typed as always answering a name; pg takes an undefined name as an unnamed statement.
      statementNameGenerator: statementName as (query: { sql: string }) => string,
    },
  );
  if (!options.onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', options.onQuery);
  return client;
}

/** `DATABASE_QUERY_EVENTS=1` lets `onQuery` observe the shared client (tests set it). */
const queryEventsWanted = () => process.env.DATABASE_QUERY_EVENTS === '1';
const queryListeners = new Set<QueryListener>();
const dispatchQuery: QueryListener = (event) => {
  for (const listener of queryListeners) listener(event);
};

let shared: PrismaClient | undefined;
let sharedEmitsQueries = false;

function sharedClient(): PrismaClient {
  if (!shared) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the database before using it.');
    sharedEmitsQueries = queryEventsWanted();
    shared = createPrismaClient(url, sharedEmitsQueries ? { onQuery: dispatchQuery } : {});
  }
  return shared;
}

/**
 * Calls `listener` with every statement the shared client runs from now on, until the
 * returned function is called. Needs `DATABASE_QUERY_EVENTS=1` before the client's first use
 * (it throws otherwise, rather than silently seeing nothing).
 *
 *   const statements: string[] = [];
 *   const stop = onQuery((event) => statements.push(event.query));
 *   try { await work(); } finally { stop(); }
 */
export function onQuery(listener: QueryListener): () => void {
  if (shared ? !sharedEmitsQueries : !queryEventsWanted()) {
    throw new Error('onQuery needs DATABASE_QUERY_EVENTS=1 set before the database client is first used.');
  }
  queryListeners.add(listener);
  return () => {
    queryListeners.delete(listener);
  };
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
