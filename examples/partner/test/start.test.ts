/** `pnpm start` as a partner runs it: settings from the environment, the URLs and certificate file printed. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from './support.ts';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGTERM');
});

/** Starts src/main.ts on a free port and resolves with everything it printed once the URLs are out. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: packageDir,
    env: { ...process.env, PARTNER_PORT: '0', RING_CLIENT_ID: 'id', RING_CLIENT_SECRET: 'secret', RING_HMAC_KEY: 'key', ...env },
  });
  running.push(child);
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Webhook URL')) resolve(output);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

const printed = (output: string, label: string) => output.match(new RegExp(`${label}\\s+(\\S+)`))?.[1] ?? '';

// Each test starts Node with tsx and makes a key: seconds on a busy 2-core machine, not the default 5.
describe('pnpm start', { timeout: 30_000 }, () => {
  it('generates a certificate, writes its PEM to the file it prints, and serves the printed URLs with it', async () => {
    const certificateFile = join(mkdtempSync(join(tmpdir(), 'partner-start-')), 'partner.pem');
    const output = await start({ PARTNER_CERT_OUT: certificateFile });
    expect(output).toContain(`EXTRA_CA_FILE=${certificateFile}`);
    const homepage = await call(printed(output, 'App Homepage URL'), readFileSync(certificateFile, 'utf8'));
    expect(homepage.status).toBe(200);
  });

  it('serves the certificate pnpm certificate made, given by PARTNER_TLS_CERT and PARTNER_TLS_KEY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-start-'));
    const made = spawnSync(process.execPath, ['--import', 'tsx', 'src/make-certificate.ts', dir], { cwd: packageDir, encoding: 'utf8' });
    expect(made.stdout).toContain(`EXTRA_CA_FILE=${join(dir, 'certificate.pem')}`);
    expect(statSync(join(dir, 'key.pem')).mode & 0o077).toBe(0);
    const output = await start({ PARTNER_TLS_CERT: join(dir, 'certificate.pem'), PARTNER_TLS_KEY: join(dir, 'key.pem') });
    expect(output).toContain('from PARTNER_TLS_CERT');
    expect((await call(printed(output, 'Authorization URL'), readFileSync(join(dir, 'certificate.pem'), 'utf8'))).status).toBe(200);
  });

  it('stops with the name of a missing setting', async () => {
    await expect(start({ RING_HMAC_KEY: '' })).rejects.toThrow(/exited with 1:\nExample partner not started: RING_HMAC_KEY is required/);
  });
});
