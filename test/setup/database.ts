/**
 * One PostgreSQL per test run: CI's Debian server when TEST_DATABASE_ADMIN_URL is set,
 * otherwise a throwaway embedded one. Each run gets a fresh, migrated database; tests make
 * their own developers and apps in it, so none depends on another's rows.
 */
import type { TestProject } from 'vitest/node';
import { generateSecretsKey } from '@ring/api';
import { createTestDatabase, dropDatabase, startTestServer } from '@ring/db/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    adminUrl: string;
    baseUrl: string;
    secretsKey: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const databaseUrl = await createTestDatabase(server.adminUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('adminUrl', server.adminUrl);
  process.env.DATABASE_URL = databaseUrl;
  process.env.SECRETS_KEY ??= generateSecretsKey();
  project.provide('secretsKey', process.env.SECRETS_KEY);
  return async () => {
    await dropDatabase(server.adminUrl, databaseUrl).catch(() => undefined);
    await server.stop();
  };
}
