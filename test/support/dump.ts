/** Every row of every table of the current database as text, for "nothing changed" and "no plaintext anywhere" checks. */
import { prisma } from '@ring/db';

export async function dumpDatabase(): Promise<Record<string, string[]>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`;
  const dump: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${name.replace(/"/g, '""')}" t`);
    dump[name] = rows.map((row) => row.row).sort();
  }
  return dump;
}
