/**
 * The built console as a real process (startServer, like `npm start`): GraphQL over HTTP
 * conformance with our plugins on, CSRF prevention, cookies, browser security headers,
 * request ids, structured request logs and /healthz.
 */
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../support/api.ts';
import { jsonLogLines } from '../support/logs.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const CSRF = { 'x-graphql-yoga-csrf': '1' };
let server: RunningServer;
let graphql: string;

beforeAll(async () => {
  server = await startServer({ DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: mkdtempSync(join(tmpdir(), 'ring-http-sec-')) });
  graphql = `${server.baseUrl}/graphql`;
});
afterAll(async () => {
  await server?.stop();
});

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  it('passes every audit with no errors and no warnings', async () => {
    const audits = serverAudits({
      url: () => graphql,
      // Yoga's CSRF prevention wants its header on GET requests; a real client sends it.
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('x-graphql-yoga-csrf', '1');
        return fetch(input, { ...init, headers });
      },
    });
    const problems: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status !== 'ok') problems.push(`${result.status}: ${audit.name}: ${'reason' in result ? result.reason : ''}`);
    }
    expect(problems).toEqual([]);
    // graphql-http 1.23 has 61 audits; fewer would mean the list was not run whole.
    expect(audits.length).toBeGreaterThanOrEqual(61);
  });
});

describe('CSRF prevention', () => {
  it('refuses a GET query without the header with 403, answers it with the header', async () => {
    const url = `${graphql}?query=${encodeURIComponent('{ __typename }')}`;
    const bare = await fetch(url, { headers: { accept: 'application/graphql-response+json' } });
    expect(bare.status).toBe(403);
    const withHeader = await fetch(url, { headers: { accept: 'application/graphql-response+json', ...CSRF } });
    expect(withHeader.status).toBe(200);
    expect(await withHeader.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a multipart request without the header with 403 (a cross-site form could send one)', async () => {
    const body = new FormData();
    body.set('operations', JSON.stringify({ query: 'mutation { signOut { __typename } }', variables: {} }));
    body.set('map', '{}');
    const response = await fetch(graphql, { method: 'POST', body });
    expect(response.status).toBe(403);
  });

  it('the console client sends the header', async () => {
    const { CSRF_HEADERS } = await import('@ring/client/urql');
    expect(CSRF_HEADERS).toEqual(CSRF);
  });
});

describe('browser safety', () => {
  it('sets the session cookie httpOnly and SameSite=Lax', async () => {
    const response = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: SignUpInput!) { signUp(input: $input) { __typename } }',
        variables: { input: { email: uniqueEmail('cookie'), password: PASSWORD, name: 'Cookie' } },
      }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ring_session=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  });

  it('serves pages with a Content-Security-Policy, frame protection and a strict Referrer-Policy', async () => {
    const response = await fetch(`${server.baseUrl}/sign-in`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/base-uri 'self'/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends frame protection and nosniff on API responses too', async () => {
    const response = await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('hides field suggestions (NODE_ENV=production)', async () => {
    const response = await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ viewr { email } }"}' });
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toMatch(/Cannot query field "viewr"/);
    expect(body.errors[0]!.message).not.toMatch(/Did you mean/);
  });
});

describe('request size', () => {
  // A server of its own with a small BODY_SIZE_LIMIT: yoga's default (25 MB) would refuse a
  // large body too, so only a limit of our own shows that the variable is what holds.
  const LIMIT = 2 * 1024 * 1024;
  let limited: RunningServer;
  beforeAll(async () => {
    limited = await startServer({ DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: mkdtempSync(join(tmpdir(), 'ring-http-size-')), BODY_SIZE_LIMIT: '2M' });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  /**
   * POSTs a JSON body of `size` bytes to /graphql, with its length declared or chunked, over a
   * raw socket, and answers the status the server logged for it. (A refusal closes the
   * connection while the body is still arriving; the kernel then resets it, and the client
   * may never see the status that was sent.)
   */
  async function postJson(size: number, declared: boolean): Promise<number | undefined> {
    const id = `body-size-${size}-${declared ? 'declared' : 'chunked'}-${Date.now()}`;
    await send(size, declared, id);
    let line: { status?: number } | undefined;
    for (let tries = 0; !line && tries < 100; tries++) {
      line = jsonLogLines(limited.output()).find((entry) => entry.msg === 'request' && entry.requestId === id) as { status?: number } | undefined;
      if (!line) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return line?.status;
  }

  function send(size: number, declared: boolean, id: string): Promise<void> {
    const url = new URL(`${limited.baseUrl}/graphql`);
    return new Promise((resolve) => {
      const socket = connect(Number(url.port), url.hostname);
      socket.resume();
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
      const json = Buffer.concat([Buffer.from('{"query":"{ __typename }","extensions":{"padding":"'), Buffer.alloc(size - 54, 0x61), Buffer.from('"}}')]);
      const framing = declared ? `content-length: ${json.length}` : 'transfer-encoding: chunked';
      socket.write(
        `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\nx-request-id: ${id}\r\n${framing}\r\nconnection: close\r\n\r\n`,
      );
      socket.end(declared ? json : Buffer.concat([Buffer.from(`${json.length.toString(16)}\r\n`), json, Buffer.from('\r\n0\r\n\r\n')]));
    });
  }

  it('holds BODY_SIZE_LIMIT on /graphql whether the length is declared or not', async () => {
    // Declared: refused by its length, before it is read. Chunked: counted while it streams.
    expect(await postJson(LIMIT + 1, true)).toBe(413);
    expect(await postJson(LIMIT + 1, false)).toBe(413);
    // Exactly the limit is read and answered, both ways.
    expect(await postJson(LIMIT, true)).toBe(200);
    expect(await postJson(LIMIT, false)).toBe(200);
  });

  it('refuses a declared length over the limit before any of the body is sent, naming the limit', async () => {
    const url = new URL(`${limited.baseUrl}/graphql`);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname);
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (data: string) => (received += data));
      socket.on('close', () => resolve(received));
      // Headers only: the answer must not wait for a body.
      socket.write(`POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\ncontent-length: ${LIMIT + 1}\r\n\r\n`);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.message).toBe(`The request body is larger than the ${LIMIT} bytes allowed (BODY_SIZE_LIMIT).`);
    expect(body.errors[0]!.extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });

  it('closes the connection after refusing a body instead of reading the rest of it', async () => {
    // A 64 MiB body declared and sent as fast as the server takes it: refused by its length at
    // once. Reading on to keep the connection would take all 64 MiB; the client is stopped
    // after what the socket buffers hold.
    const url = new URL(`${limited.baseUrl}/graphql`);
    const total = 64 * 1024 * 1024;
    const written = await new Promise<number>((resolve) => {
      const socket = connect(Number(url.port), url.hostname);
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      let stopped = false;
      const stop = () => {
        if (stopped) return;
        stopped = true;
        socket.destroy();
        resolve(sent);
      };
      socket.on('error', stop);
      socket.on('close', stop);
      socket.resume();
      socket.write(`POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\ncontent-length: ${total}\r\n\r\n`);
      const pump = () => {
        while (!stopped && sent < total) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        stop();
      };
      pump();
    });
    expect(written).toBeLessThan(total / 4);
  });
});

describe('request ids and request logs', () => {
  it('returns a generated request id, keeps a sane incoming one and replaces an insane one', async () => {
    const generated = await fetch(`${server.baseUrl}/healthz`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`${server.baseUrl}/healthz`, { headers: { 'x-request-id': 'proxy-1234abcd' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-1234abcd');
    const replaced = await fetch(`${server.baseUrl}/healthz`, { headers: { 'x-request-id': 'bad id with "quotes" and <tags>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const api = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'api-call-0001' },
      body: '{"query":"{ __typename }"}',
    });
    expect(api.headers.get('x-request-id')).toBe('api-call-0001');
  });

  it('logs one JSON line per request with method, path, status, duration and id, and nothing secret', async () => {
    const id = `log-test-${Date.now()}`;
    const secretVariable = `variable-${Date.now()}`;
    const response = await fetch(`${graphql}?ignored=query-string-secret`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': id,
        authorization: 'Bearer rat_header-secret-value',
        cookie: 'ring_session=cookie-secret-value',
      },
      body: JSON.stringify({ query: 'query Q($v: String) { __typename }', variables: { v: secretVariable } }),
    });
    await response.text();
    let lines: Record<string, unknown>[] = [];
    for (let attempt = 0; attempt < 50 && lines.length === 0; attempt += 1) {
      lines = jsonLogLines(server.output()).filter((entry) => entry.requestId === id && entry.msg === 'request');
      if (lines.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', requestId: id, method: 'POST', path: '/graphql', status: response.status });
    expect(typeof lines[0]!.durationMs).toBe('number');
    expect(typeof lines[0]!.time).toBe('string');
    const output = server.output();
    for (const secret of [secretVariable, 'header-secret-value', 'cookie-secret-value', 'query-string-secret', 'query Q']) {
      expect(output).not.toContain(secret);
    }
  });
});

describe('/healthz', () => {
  it('answers 200 {status: "ok"} while the database answers', async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
