/**
 * The embedded PostgreSQL's passwords: random, generated once into DATA_DIR (mode 0600, like
 * secrets.key beside it) and reused by every later start on that data. Whoever can read
 * DATA_DIR can read the data files anyway; nobody else can log in.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface EmbeddedCredentials {
  /** The superuser's (`postgres`): creating the app's role and database, nothing else. */
  admin: string;
  /** The app's role, which owns the app's database and nothing more. */
  app: string;
}

export const CREDENTIALS_FILE = 'postgres-credentials.json';

const generatePassword = () => randomBytes(32).toString('hex');

export const newCredentials = (): EmbeddedCredentials => ({ admin: generatePassword(), app: generatePassword() });

/** The credentials in `file`, or null when there is no such file. */
export function loadCredentials(file: string): EmbeddedCredentials | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<EmbeddedCredentials>;
  if (typeof parsed.admin !== 'string' || !parsed.admin || typeof parsed.app !== 'string' || !parsed.app) {
    throw new Error(`${file} must hold {"admin": "<password>", "app": "<password>"}; delete it only together with the database under postgres/.`);
  }
  return { admin: parsed.admin, app: parsed.app };
}

/**
 * Writes new credentials to `file` unless it exists (wx: two processes starting on one fresh
 * DATA_DIR must not each write their own), and returns the file's.
 */
export function createCredentials(file: string): EmbeddedCredentials {
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${JSON.stringify(newCredentials(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return loadCredentials(file)!;
}

/**
 * A password in the form PostgreSQL stores (SCRAM-SHA-256 with a random salt), so that SQL
 * setting it (CREATE/ALTER ROLE, initdb's password file) never carries the password itself
 * to a log or a temporary file. The passwords here are ASCII, which SASLprep leaves as is.
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
