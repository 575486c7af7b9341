/**
 * Writes the next migration offline: `pnpm --filter @ring/db migration:new <name>`.
 *
 * Prisma 7's `migrate dev` needs the schema-engine binary, which cannot be downloaded here.
 * Prisma 6.19's WebAssembly engine (`engine: "js"`) can still diff two datamodels, so the
 * migration is the diff from the schema as last committed (HEAD) to the working schema,
 * computed against a scratch database on a throwaway server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, startTestServer } from '../src/testing.ts';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const schemaPath = join(root, 'prisma/schema.prisma');
const migrationsDir = join(root, 'prisma/migrations');

export function diffSql(fromSchema: string | null, toSchemaPath: string, connectionString: string): string {
  const work = mkdtempSync(join(tmpdir(), 'ring-migration-'));
  // Prisma 6 rejects Prisma 7's generator options and wants a url in the datasource;
  // the diff only needs the datamodel.
  const datamodelOnly = (text: string) =>
    text.replace(/generator\s+\w+\s*\{[^}]*\}/g, '').replace(/provider\s*=\s*"postgresql"/, 'provider = "postgresql"\n  url = "postgresql://unused"');
  const toFile = join(work, 'to.prisma');
  writeFileSync(toFile, datamodelOnly(readFileSync(toSchemaPath, 'utf8')));
  const configFile = join(work, 'prisma.config.ts');
  // The js engine diffs through a driver adapter connected to a real (scratch) database.
  const adapterPg = createRequire(import.meta.url).resolve('@prisma/adapter-pg');
  writeFileSync(
    configFile,
    `import { PrismaPg } from ${JSON.stringify(adapterPg)};\n` +
      `export default { engine: 'js', experimental: { adapter: true }, schema: ${JSON.stringify(toFile)}, adapter: async () => new PrismaPg({ connectionString: ${JSON.stringify(connectionString)} }) };\n`,
  );
  const from = ['--from-empty'];
  if (fromSchema !== null) {
    const fromFile = join(work, 'from.prisma');
    writeFileSync(fromFile, datamodelOnly(fromSchema));
    from.splice(0, 1, '--from-schema-datamodel', fromFile);
  }
  const prisma6 = createRequire(import.meta.url).resolve('prisma6/build/index.js');
  const result = spawnSync(process.execPath, [prisma6, 'migrate', 'diff', '--config', configFile, ...from, '--to-schema-datamodel', toFile, '--script'], {
    encoding: 'utf8',
    // The CLI fetches native engines it will not use here unless told where they "are".
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', PRISMA_QUERY_ENGINE_LIBRARY: process.execPath, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath },
  });
  if (result.status !== 0) throw new Error(`prisma migrate diff failed:\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

function committedSchema(): string | null {
  const hasMigrations = readdirSync(migrationsDir).some((entry) => /^\d{14}_/.test(entry));
  if (!hasMigrations) return null;
  return execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: root, encoding: 'utf8' });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  if (!name) {
    console.error('usage: migration:new <name>');
    process.exit(2);
  }
  const server = await startTestServer();
  let sql: string;
  try {
    sql = diffSql(committedSchema(), schemaPath, await createTestDatabase(server.adminUrl, 'migration_diff'));
  } finally {
    await server.stop();
  }
  if (!/\S/.test(sql.replace(/^--.*$/gm, ''))) {
    console.log('The schema matches the last migration: nothing to write.');
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), sql);
  console.log(`Wrote ${dir}/migration.sql`);
}
