import { inject } from 'vitest';

// Before any test file imports @ring/db, whose client reads this on first use.
process.env.DATABASE_URL = inject('databaseUrl');
