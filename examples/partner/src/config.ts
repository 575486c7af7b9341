/** The example's settings, from environment variables; a wrong one stops the start with its name. */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_USER, DEFAULT_RING_API_BASE_URL, type PartnerOptions } from './server.ts';

export class ConfigError extends Error {}

export const DEFAULT_PORT = 8443;
export const DEFAULT_CERTIFICATE_FILE = join(tmpdir(), 'ring-example-partner', 'certificate.pem');

function required(env: NodeJS.ProcessEnv, name: string, what: string) {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is required: ${what}.`);
  return value;
}

function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback: string) {
  const value = env[name]?.trim() || fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL such as ${DEFAULT_RING_API_BASE_URL}; got "${value}".`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(`${name} must start with https:// or http://; got "${value}".`);
  return value.replace(/\/+$/, '');
}

function file(env: NodeJS.ProcessEnv, name: string) {
  const path = env[name]?.trim();
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

export function configFromEnv(env: NodeJS.ProcessEnv): PartnerOptions & { port: number; certificateFile: string } {
  const portText = env.PARTNER_PORT?.trim() || String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) throw new ConfigError(`PARTNER_PORT must be a whole number from 0 to 65535; got "${portText}".`);

  const cert = file(env, 'PARTNER_TLS_CERT');
  const key = file(env, 'PARTNER_TLS_KEY');
  if (Boolean(cert) !== Boolean(key))
    throw new ConfigError('PARTNER_TLS_CERT and PARTNER_TLS_KEY go together: give both files, or neither for a self-signed certificate.');

  const apiBaseUrl = httpUrl(env, 'RING_API_BASE_URL', DEFAULT_RING_API_BASE_URL);
  const ringCaPem = file(env, 'RING_CA_FILE');
  return {
    port,
    host: env.PARTNER_HOST?.trim() || '127.0.0.1',
    clientId: required(env, 'RING_CLIENT_ID', "the app's Client ID from the console"),
    clientSecret: required(env, 'RING_CLIENT_SECRET', "the app's Client Secret, shown once when the app was created"),
    // Used as is: Ring keys the HMAC with the key's characters, never decoding them.
    hmacKey: required(env, 'RING_HMAC_KEY', "the app's HMAC Signature Key, shown once when the app was created"),
    ringApiBaseUrl: apiBaseUrl,
    ringOAuthBaseUrl: httpUrl(env, 'RING_OAUTH_BASE_URL', apiBaseUrl),
    ...(ringCaPem ? { ringCaPem } : {}),
    demoUser: {
      email: env.PARTNER_DEMO_EMAIL?.trim() || DEFAULT_DEMO_USER.email,
      password: env.PARTNER_DEMO_PASSWORD || DEFAULT_DEMO_USER.password,
    },
    ...(cert && key ? { tls: { cert, key } } : {}),
    certificateFile: env.PARTNER_CERT_OUT?.trim() || DEFAULT_CERTIFICATE_FILE,
  };
}
