import { defineConfig } from 'prisma/config';

// Prisma 7 reads the connection from here, not from the schema. `generate` needs no
// database, so a placeholder keeps the config loadable when DATABASE_URL is unset.
export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});
