/**
 * Where the CLI finds the API and the token. `RING_TOKEN` (and `RING_API_URL`) win, so CI needs no
 * file; otherwise `ring-apps login` stores them in a file only its owner can read, like ssh and
 * the npm and GitHub CLIs do.
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError, EXIT } from './exit-codes.ts';

export const DEFAULT_API_URL = 'http://localhost:3000/graphql';

export interface StoredLogin {
  url: string;
  token: string;
}

/** `RING_CONFIG_DIR`, else `$XDG_CONFIG_HOME/ring-apps`, else `~/.config/ring-apps`. */
export function configDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RING_CONFIG_DIR) return env.RING_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'ring-apps');
}

const credentialsFile = (env: NodeJS.ProcessEnv) => join(configDirectory(env), 'credentials.json');

export async function readStoredLogin(env: NodeJS.ProcessEnv = process.env): Promise<StoredLogin | undefined> {
  let text: string;
  try {
    text = await readFile(credentialsFile(env), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<StoredLogin>;
  return typeof parsed.url === 'string' && typeof parsed.token === 'string' ? { url: parsed.url, token: parsed.token } : undefined;
}

export async function storeLogin(login: StoredLogin, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const file = credentialsFile(env);
  await mkdir(configDirectory(env), { recursive: true, mode: 0o700 });
  // Created 0600 and chmod'ed again: writeFile's mode does not apply to a file that already exists.
  await writeFile(file, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

export async function forgetLogin(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const stored = await readStoredLogin(env);
  await rm(credentialsFile(env), { force: true });
  return stored !== undefined;
}

/** The API address: `--url`, `RING_API_URL`, the stored login's, or the local default. */
export async function resolveApiUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return flag ?? env.RING_API_URL ?? (await readStoredLogin(env))?.url ?? DEFAULT_API_URL;
}

export async function resolveLogin(flagUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<StoredLogin> {
  const url = await resolveApiUrl(flagUrl, env);
  const token = env.RING_TOKEN || (await readStoredLogin(env))?.token;
  if (!token) {
    throw new CliError(EXIT.UNAUTHENTICATED, 'Not signed in: set RING_TOKEN to an API token, or run `ring-apps login`.');
  }
  return { url, token };
}
