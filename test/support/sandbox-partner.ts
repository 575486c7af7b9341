/**
 * A partner backend as a developer would write it from Ring's pages, on loopback HTTPS (its
 * self-signed certificate trusted through EXTRA_CA_FILE): its Token Exchange URL exchanges the
 * code at the sandbox Ring API with fetch, fetches the account and keeps the tokens unclaimed;
 * its Account Link URL signs the user in, matches the nonce among the unclaimed tokens and
 * creates and completes the app integration. `mode` makes it misbehave on purpose.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createNonce } from '@ring/webhooks';
import { selfSignedCertificate } from './tls.ts';

export interface PartnerSettings {
  sandboxBaseUrl: string;
  clientId: string;
  clientSecret: string;
  hmacKey: string;
  /** How the token request's body is encoded. */
  bodyFormat: 'json' | 'form';
  /** exchange: as it should; keep: accept the code and never exchange it; fail: answer HTTP 500. */
  mode: 'exchange' | 'keep' | 'fail';
}

interface Unclaimed {
  accountId: string;
  accessToken: string;
  refreshToken: string;
}

export interface TestPartner {
  baseUrl: string;
  certFile: string;
  settings: PartnerSettings;
  codes: string[];
  unclaimed: Unclaimed[];
  /** What the sandbox answered, per call, for assertions. */
  answers: Array<{ call: string; status: number; body: unknown }>;
  urls(): { authorizationUrl: string; appHomepageUrl: string; tokenExchangeUrl: string; webhookUrl: string };
  exchange(code: string): Promise<{ status: number; body: Record<string, unknown> }>;
  link(time: string, nonce: string): Promise<{ ok: boolean; message: string }>;
  close(): Promise<void>;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startTestPartner(settings: PartnerSettings): Promise<TestPartner> {
  const { keyFile, certFile } = selfSignedCertificate('ring-partner');
  const codes: string[] = [];
  const unclaimed: Unclaimed[] = [];
  const answers: TestPartner['answers'] = [];

  const call = async (name: string, path: string, init: RequestInit) => {
    const response = await fetch(`${settings.sandboxBaseUrl}${path}`, init);
    const body = (await response.json().catch(() => null)) as Record<string, unknown>;
    answers.push({ call: name, status: response.status, body });
    return { status: response.status, body };
  };

  async function exchange(code: string) {
    const fields = { grant_type: 'authorization_code', code, client_id: settings.clientId, client_secret: settings.clientSecret };
    const init: RequestInit =
      settings.bodyFormat === 'json'
        ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }
        : { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
    const tokens = await call('token', '/sandbox/oauth/token', init);
    if (tokens.status !== 200) return tokens;
    const accessToken = String(tokens.body.access_token);
    const me = await call('users/me', '/sandbox/v1/users/me', { headers: { authorization: `Bearer ${accessToken}` } });
    if (me.status === 200) unclaimed.push({ accountId: String(me.body.account_id), accessToken, refreshToken: String(tokens.body.refresh_token) });
    return tokens;
  }

  async function link(time: string, nonce: string) {
    // Ring: match the nonce among the UNCLAIMED tokens only.
    const match = unclaimed.find((entry) => createNonce(time, entry.accountId, settings.hmacKey) === nonce);
    if (!match) return { ok: false, message: 'No unclaimed Ring account matches this nonce.' };
    const headers = { authorization: `Bearer ${match.accessToken}`, 'content-type': 'application/json' };
    const posted = await call('integration POST', '/sandbox/v1/accounts/me/app-integrations', {
      method: 'POST',
      headers,
      body: JSON.stringify({ nonce, time }),
    });
    if (posted.status >= 300) return { ok: false, message: `POST answered ${posted.status}` };
    const patched = await call('integration PATCH', '/sandbox/v1/accounts/me/app-integrations', {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ status: 'completed' }),
    });
    if (patched.status >= 300) return { ok: false, message: `PATCH answered ${patched.status}` };
    unclaimed.splice(unclaimed.indexOf(match), 1);
    return { ok: true, message: 'Your Ring account is linked.' };
  }

  const server: Server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'https://partner');
      const body = await readBody(request);
      const html = (status: number, text: string) => response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(text);
      if (request.method === 'POST' && url.pathname === '/token') {
        const code = new URLSearchParams(body).get('code');
        if (!code) return response.writeHead(400).end('code missing');
        codes.push(code);
        if (settings.mode === 'fail') return response.writeHead(500).end('broken');
        if (settings.mode === 'keep') return response.writeHead(200).end('ok');
        const result = await exchange(code);
        return response.writeHead(result.status === 200 ? 200 : 502).end(result.status === 200 ? 'ok' : 'exchange failed');
      }
      if (request.method === 'GET' && url.pathname === '/link') {
        const time = url.searchParams.get('time') ?? '';
        const nonce = url.searchParams.get('nonce') ?? '';
        return html(
          200,
          `<!doctype html><title>Partner sign-in</title><h1>Sign in to Partner</h1><form method="post" action="/link">` +
            `<input type="hidden" name="time" value="${escapeHtml(time)}"><input type="hidden" name="nonce" value="${escapeHtml(nonce)}">` +
            `<label>Username <input name="username"></label><button>Sign in</button></form>`,
        );
      }
      if (request.method === 'POST' && url.pathname === '/link') {
        const form = new URLSearchParams(body);
        const outcome = await link(form.get('time') ?? '', form.get('nonce') ?? '');
        return html(outcome.ok ? 200 : 400, `<!doctype html><title>Partner</title><h1>${escapeHtml(outcome.message)}</h1>`);
      }
      if (url.pathname === '/home' || url.pathname === '/webhook') return response.writeHead(200).end('ok');
      response.writeHead(404).end('not found');
    })().catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    certFile,
    settings,
    codes,
    unclaimed,
    answers,
    urls: () => ({
      authorizationUrl: `${baseUrl}/link`,
      appHomepageUrl: `${baseUrl}/home`,
      tokenExchangeUrl: `${baseUrl}/token`,
      webhookUrl: `${baseUrl}/webhook`,
    }),
    exchange,
    link,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The sandbox Ring API on a real HTTP server of its own, for the API tests (the http tests use the compiled console). */
export async function startSandboxServer(handle: (request: Request) => Promise<Response>): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: HttpServer = createHttpServer((req, res) => {
    void (async () => {
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const answer = await handle(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body }));
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
