/** Writes app-definition.schema.json from the definition's zod schema (run after changing it; a test checks it is current). */
import { writeFileSync } from 'node:fs';
import { APP_DEFINITION_SCHEMA_FILE, appDefinitionJsonSchema } from '../src/app-definition.ts';

export const printedAppDefinitionSchema = () => `${JSON.stringify(appDefinitionJsonSchema(), null, 2)}\n`;
export const APP_DEFINITION_SCHEMA_PATH = new URL(`../${APP_DEFINITION_SCHEMA_FILE}`, import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) writeFileSync(APP_DEFINITION_SCHEMA_PATH, printedAppDefinitionSchema());
