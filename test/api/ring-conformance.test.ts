/**
 * Our test events and nonces against a partner implementation we did not write: a Python
 * receiver (test/fixtures/ring-receiver.py) written from Ring's public description. It runs
 * over HTTPS on loopback with a self-signed certificate, reached through the test-only
 * loopback setting and test CA file, like the receiver of webhooks.test.ts.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestPage_SendTestWebhookDocument } from '@ring/client';
import { WEBHOOK_EVENT_TYPES } from '@ring/domain';
import { createNonce } from '@ring/webhooks';
import { execute } from '../support/api.ts';
import { insertAppWithWebhook } from '../support/apps.ts';
import { selfSignedCertificate, allowLocalEndpoints } from '../support/tls.ts';

const receiverScript = join(import.meta.dirname, '../fixtures/ring-receiver.py');
const { keyFile, certFile } = selfSignedCertificate('ring-conformance');

// Ring keys are plain strings used as UTF-8: a non-ASCII character proves both sides agree on that.
const hmacKey = `ring-ключ-${randomBytes(24).toString('base64url')}`;

interface Logged {
  status: number;
  reason: string;
  type: string | null;
  body_b64: string;
  signature: string | null;
}

let receiver: ChildProcess;
let port: number;
const logged: Logged[] = [];

beforeAll(async () => {
  receiver = spawn('python3', [receiverScript, 'serve', certFile, keyFile], {
    env: { ...process.env, RING_HMAC_KEY: hmacKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: receiver.stdout! });
  port = await new Promise<number>((resolve, reject) => {
    receiver.once('exit', (code) => reject(new Error(`the Python receiver exited with ${code}`)));
    lines.on('line', (line) => {
      const listening = /^listening (\d+)$/.exec(line);
      if (listening) resolve(Number(listening[1]));
      else logged.push(JSON.parse(line) as Logged);
    });
  });
  allowLocalEndpoints(certFile);
});

afterAll(() => {
  allowLocalEndpoints(null);
  receiver?.kill();
});

/** POSTs bytes straight to the Python receiver, as a forger would. */
function post(body: Buffer, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        ca: readFileSync(certFile, 'utf8'),
        headers: { 'Content-Type': 'application/json', 'X-Signature': signature },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const nonceVerifiesInPython = (time: string, accountId: string, nonce: string) =>
  spawnSync('python3', [receiverScript, 'nonce', time, accountId, nonce], { env: { ...process.env, RING_HMAC_KEY: hmacKey } }).status === 0;

describe('Ring conformance, checked by a Python receiver written from Ring’s description', () => {
  it('accepts our test events of all ten types, sent through sendTestWebhook, and refuses a body with one changed byte', async () => {
    const { developer, app } = await insertAppWithWebhook('conformance', `https://127.0.0.1:${port}/ring/webhook`, hmacKey);
    for (const eventType of WEBHOOK_EVENT_TYPES) {
      const result = await execute(
        TestPage_SendTestWebhookDocument,
        { input: { appId: app.globalId, environment: 'STAGING', eventType } },
        { cookie: developer.cookie },
      );
      expect(result.data?.sendTestWebhook, eventType).toMatchObject({ delivery: { eventType, statusCode: 200, succeeded: true, error: null } });
    }
    // The receiver logs after it has answered, so its last line may still be on its way.
    await vi.waitFor(() =>
      expect(logged.map(({ status, reason, type }) => ({ status, reason, type }))).toEqual(
        WEBHOOK_EVENT_TYPES.map((type) => ({ status: 200, reason: 'ok', type: type.toLowerCase() })),
      ),
    );

    const sent = logged[0]!;
    const body = Buffer.from(sent.body_b64, 'base64');
    // The same bytes again are accepted, so the refusal below is the changed byte's doing.
    expect(await post(body, sent.signature!)).toBe(200);
    const changed = Buffer.from(body);
    const at = changed.indexOf('"timestamp":') + '"timestamp":'.length;
    changed[at] = changed[at] === 0x31 ? 0x32 : 0x31;
    expect(await post(changed, sent.signature!)).toBe(401);
    await vi.waitFor(() => expect(logged.at(-1)).toMatchObject({ status: 401, reason: 'bad signature' }));
  });

  it('verifies our nonces in Python, and refuses a changed nonce, time or account', () => {
    const time = String(Date.now());
    const accountId = `ava1.ring.account.${randomBytes(8).toString('hex')}`;
    const nonce = createNonce(time, accountId, hmacKey);
    expect(nonceVerifiesInPython(time, accountId, nonce)).toBe(true);
    const changed = `${nonce.slice(0, 5)}${nonce[5] === 'a' ? 'b' : 'a'}${nonce.slice(6)}`;
    expect(nonceVerifiesInPython(time, accountId, changed)).toBe(false);
    expect(nonceVerifiesInPython(String(Number(time) + 1), accountId, nonce)).toBe(false);
    expect(nonceVerifiesInPython(time, `${accountId}0`, nonce)).toBe(false);
  });
});
