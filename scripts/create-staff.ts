/**
 * `npm run create-staff -- --email <email> --role SUPPORT [--name <name>]`: creates a portal
 * staff account, or gives an existing account that role, with a newly generated password that
 * is printed here once and stored only as a hash. Run it again to replace a lost password.
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (stop `npm start` first: one
 * process at a time owns the embedded server).
 */
import { parseArgs } from 'node:util';
import { startDatabase } from '@ring/db/runtime';

const usage = 'Usage: npm run create-staff -- --email <email> --role <role> [--name <name>]';

let values: { email?: string; role?: string; name?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } }, strict: true }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!values.email || !values.role) {
  console.error(`--email and --role are required.\n${usage}`);
  process.exit(2);
}

const database = await startDatabase();
process.env.DATABASE_URL = database.url;
const { createStaffAccount, StaffInputError } = await import('@ring/api');
const { disconnectPrisma } = await import('@ring/db');
let exitCode = 0;
try {
  const account = await createStaffAccount({ email: values.email, role: values.role.toUpperCase(), name: values.name });
  console.log(`${account.created ? 'Created' : 'Updated'} ${account.role} account ${account.email}.`);
  console.log(`Password (shown only now; the account's other sessions have ended): ${account.password}`);
} catch (error) {
  if (!(error instanceof StaffInputError)) throw error;
  console.error(`${error.message}\n${usage}`);
  exitCode = 2;
} finally {
  await disconnectPrisma();
  await database.stop();
}
process.exit(exitCode);
