import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CommonJS (main) and ESM (module). Node loads yoga's copy through main while
// Vite would give our sources the ESM one: two GraphQLError classes, and yoga would mask ours.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

// Three suites: pure units; the API against a real PostgreSQL (through yoga.fetch and over
// real HTTP); the console in a real Chromium against the built server.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
          exclude: ['packages/db/test/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts', 'test/http/**/*.test.ts', 'test/security/**/*.test.ts', 'packages/db/test/**/*.test.ts'],
          globalSetup: ['test/setup/database.ts'],
          setupFiles: ['test/setup/env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/setup/database.ts', 'test/setup/server.ts'],
          setupFiles: ['test/setup/env.ts'],
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
