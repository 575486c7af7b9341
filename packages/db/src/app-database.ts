/**
 * The embedded server's app database and the role the console runs as.
 *
 * The role owns its database (and so, on PostgreSQL 15+, its `public` schema), which is all
 * the migrations need: tables, types, triggers and plpgsql functions. It is not a superuser and
 * cannot create roles or databases, so neither the console nor anything that gets SQL through
 * it can read other databases, run programs (COPY ... TO PROGRAM) or read server files. The
 * migrations run as the same role: they run in the same process at every start, so a separate
 * owner role would sit in the same memory and protect nothing.
 */
import pg from 'pg';
import { scramVerifier } from './embedded-credentials.ts';

export interface AppDatabase {
  /** Database and role name (the same). */
  name: string;
  password: string;
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates (or corrects) the role and its database; returns the app's connection string. */
export async function ensureAppDatabase(adminUrl: string, app: AppDatabase): Promise<string> {
  const role = quoteIdentifier(app.name);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let transferOwnership = false;
  try {
    const { rows: roles } = await admin.query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolcanlogin: boolean; rolbypassrls: boolean }>(
      'SELECT rolsuper, rolcreaterole, rolcreatedb, rolcanlogin, rolbypassrls FROM pg_roles WHERE rolname = $1',
      [app.name],
    );
    const attributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
    const [current] = roles;
    if (!current) {
      // The verifier, not the password: the statement may reach PostgreSQL's log.
      await admin.query(`CREATE ROLE ${role} ${attributes} PASSWORD ${admin.escapeLiteral(scramVerifier(app.password))}`);
    } else if (current.rolsuper || current.rolcreaterole || current.rolcreatedb || !current.rolcanlogin || current.rolbypassrls) {
      await admin.query(`ALTER ROLE ${role} ${attributes}`);
    }
    const { rows: databases } = await admin.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [app.name]);
    const [database] = databases;
    if (!database) {
      await admin.query(`CREATE DATABASE ${role} OWNER ${role}`);
    } else if (database.owner !== app.name) {
      // A data directory from before the app role: its database and tables are the superuser's.
      await admin.query(`ALTER DATABASE ${role} OWNER TO ${role}`);
      transferOwnership = true;
    }
  } finally {
    await admin.end();
  }
  const adminOnDatabase = new URL(adminUrl);
  adminOnDatabase.pathname = `/${app.name}`;
  if (transferOwnership) await giveSchemaTo(adminOnDatabase.toString(), app.name);
  const url = new URL(adminUrl);
  url.username = app.name;
  url.password = app.password;
  url.pathname = `/${app.name}`;
  return url.toString();
}

/**
 * Everything in `public` (tables with their indexes, triggers and owned sequences; the other
 * sequences, views, enum and domain types, functions) becomes the role's, so that later
 * migrations, run as the role, can alter it. REASSIGN OWNED cannot do this: the objects
 * belong to the bootstrap superuser, whose own objects it refuses to move.
 */
async function giveSchemaTo(databaseUrl: string, roleName: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      DO $$
      DECLARE
        target oid := (SELECT oid FROM pg_roles WHERE rolname = ${client.escapeLiteral(roleName)});
        owner_role text := quote_ident(${client.escapeLiteral(roleName)});
        item record;
      BEGIN
        FOR item IN
          SELECT c.oid::regclass AS name FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relowner <> target
        LOOP
          EXECUTE format('ALTER TABLE %s OWNER TO %s', item.name, owner_role);
        END LOOP;
        FOR item IN
          SELECT c.oid::regclass AS name FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND c.relowner <> target
        LOOP
          EXECUTE format('ALTER SEQUENCE %s OWNER TO %s', item.name, owner_role);
        END LOOP;
        FOR item IN
          SELECT t.oid::regtype AS name FROM pg_type t
          WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd') AND t.typowner <> target
        LOOP
          EXECUTE format('ALTER TYPE %s OWNER TO %s', item.name, owner_role);
        END LOOP;
        FOR item IN
          SELECT p.oid::regprocedure AS name FROM pg_proc p
          WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> target
        LOOP
          EXECUTE format('ALTER ROUTINE %s OWNER TO %s', item.name, owner_role);
        END LOOP;
      END $$`);
  } finally {
    await client.end();
  }
}
