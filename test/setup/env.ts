import { inject } from 'vitest';

// Before any test file imports @ring/db, whose client reads this on first use.
process.env.DATABASE_URL = inject('databaseUrl');

// Every run encrypts under a key of its own.
process.env.SECRETS_KEY = inject('secretsKey');

// Lets a test observe the statements the shared Prisma client runs (`onQuery` from @ring/db).
process.env.DATABASE_QUERY_EVENTS = '1';

// Every test signs its developers up from one address; the limit itself is tested on its own
// (test/api/sign-up-limit.test.ts sets a small one).
process.env.SIGN_UP_LIMIT_PER_ADDRESS ??= '100000';
