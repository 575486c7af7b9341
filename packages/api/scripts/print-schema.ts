/** Writes schema.graphql, the API's committed reference (a test fails when it is stale). */
import { writeFileSync } from 'node:fs';
import { printSchema, lexicographicSortSchema } from 'graphql';
import { schema } from '../src/modules/index.ts';

export const SCHEMA_FILE = new URL('../schema.graphql', import.meta.url);
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  console.log('Wrote packages/api/schema.graphql');
}
