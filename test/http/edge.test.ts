/**
 * The HTTP edge of the built server as a real process: CORS as configured (and refusing to
 * start misconfigured), request and header timeouts that cut off a stalled client, and
 * keep-alive connections closed gracefully while draining on SIGTERM.
 */
import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';

const env = (label: string, extra: Record<string, string> = {}) => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  DATA_DIR: mkdtempSync(join(tmpdir(), `ring-edge-${label}-`)),
  ...extra,
});

/** A raw connection: what the server sent, and how the connection ended. */
function rawConnection(baseUrl: string) {
  const url = new URL(baseUrl);
  const socket: Socket = connect(Number(url.port), url.hostname);
  let received = '';
  let error: string | undefined;
  socket.setEncoding('utf8');
  socket.on('data', (data: string) => (received += data));
  socket.on('error', (failure: NodeJS.ErrnoException) => (error = failure.code ?? failure.message));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, connected, ended, received: () => received, error: () => error, host: url.host };
}

const waitFor = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
};

describe('CORS on the running server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(env('cors', { CORS_ORIGINS: 'https://tools.example' }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers a listed origin without credentials and a foreign one with no CORS headers at all', async () => {
    for (const [origin, allowed] of [
      ['https://tools.example', 'https://tools.example'],
      ['https://evil.example', null],
    ] as const) {
      const preflight = await fetch(`${server.baseUrl}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.headers.get('access-control-allow-origin'), origin).toBe(allowed);
      expect(preflight.headers.get('access-control-allow-credentials'), origin).toBeNull();
      const post = await fetch(`${server.baseUrl}/graphql`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect(post.status).toBe(200);
      expect(post.headers.get('access-control-allow-origin'), origin).toBe(allowed);
      expect(post.headers.get('access-control-allow-credentials'), origin).toBeNull();
    }
  });

  it('refuses to start with a malformed CORS_ORIGINS, saying what is wrong', async () => {
    const consoleDir = fileURLToPath(new URL('../../apps/console/', import.meta.url));
    const child = spawn(process.execPath, ['--conditions=ring-compiled', 'build/server.js'], {
      cwd: consoleDir,
      env: {
        ...process.env,
        ...env('cors-bad'),
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        CORS_ORIGINS: 'https://tools.example,https://evil.example/',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).not.toBe(0);
    expect(output).toContain('CORS_ORIGINS must be a comma-separated list of origins');
    expect(output).toContain('"https://evil.example/" is not one');
    expect(output).not.toContain('developer console: http');
  });
});

describe('request and header timeouts', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(env('timeouts', { REQUEST_TIMEOUT_MS: '2000', HEADERS_TIMEOUT_MS: '1000' }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('cuts off a stalled upload at REQUEST_TIMEOUT_MS with 408 and closes its connection', async () => {
    const connection = rawConnection(server.baseUrl);
    await connection.connected;
    const started = Date.now();
    connection.socket.write(`POST /graphql HTTP/1.1\r\nhost: ${connection.host}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"query":"`);
    await connection.ended;
    const elapsed = Date.now() - started;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('keeps a slow but moving upload that ends within REQUEST_TIMEOUT_MS', async () => {
    const connection = rawConnection(server.baseUrl);
    await connection.connected;
    const body = JSON.stringify({ query: '{ __typename }' });
    connection.socket.write(
      `POST /graphql HTTP/1.1\r\nhost: ${connection.host}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`,
    );
    for (const char of body.slice(0, 5)) {
      connection.socket.write(char);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    connection.socket.write(body.slice(5));
    await connection.ended;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('cuts off a client that does not finish its headers within HEADERS_TIMEOUT_MS', async () => {
    const connection = rawConnection(server.baseUrl);
    await connection.connected;
    const started = Date.now();
    connection.socket.write(`GET /healthz HTTP/1.1\r\nhost: ${connection.host}\r\n`);
    await connection.ended;
    const elapsed = Date.now() - started;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(4_000);
  });

  it('refuses to start with HEADERS_TIMEOUT_MS over REQUEST_TIMEOUT_MS', async () => {
    await expect(startServer(env('timeouts-bad', { REQUEST_TIMEOUT_MS: '2000', HEADERS_TIMEOUT_MS: '3000' }))).rejects.toThrow(
      /HEADERS_TIMEOUT_MS \(3000\) must not be more than REQUEST_TIMEOUT_MS \(2000\)/,
    );
  });
});

describe('keep-alive connections on SIGTERM', () => {
  it('closes an idle one without a reset and answers one in flight with Connection: close', async () => {
    const server = await startServer(env('drain'));
    try {
      // An idle keep-alive connection: one request answered, the connection kept.
      const idle = rawConnection(server.baseUrl);
      await idle.connected;
      idle.socket.write(`GET /healthz HTTP/1.1\r\nhost: ${idle.host}\r\n\r\n`);
      expect(await waitFor(() => idle.received().includes('{"status":"ok"}'), 5_000)).toBe(true);
      expect(idle.received()).toMatch(/connection: keep-alive/i);

      // A request in flight: headers and half its body sent.
      const busy = rawConnection(server.baseUrl);
      await busy.connected;
      const body = JSON.stringify({ query: '{ __typename }' });
      busy.socket.write(
        `POST /graphql HTTP/1.1\r\nhost: ${busy.host}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));

      const exited = server.stop('SIGTERM');
      expect(await waitFor(() => server.output().includes('shutting down'), 5_000)).toBe(true);
      // The idle connection is closed by the server, with a FIN, not a reset.
      await idle.ended;
      expect(idle.error()).toBeUndefined();

      busy.socket.write(body.slice(5));
      await busy.ended;
      expect(busy.error()).toBeUndefined();
      const answer = busy.received();
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer).toMatch(/\r\nconnection: close\r\n/i);
      expect(answer).toContain('{"data":{"__typename":"Query"}}');
      expect(await exited).toBe(0);
    } finally {
      await server.stop('SIGKILL');
    }
  });
});
