/**
 * The Build page's code samples, run as a partner would paste them (Node and python3), against
 * what we send: signatures from @ring/webhooks' sign and nonces from its createNonce. A sample
 * that drifted from Ring's formats would mislead every partner who copies it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createNonce, sign } from '@ring/webhooks';
import { codeSamples } from '../../apps/console/src/routes/apps/[id]/build-step/samples.ts';

const samples = codeSamples('https://console.example.com/sandbox');
const sample = (id: string) => samples.find((entry) => entry.id === id)!;
const key = 'ring_hmac_Zm9vYmFyYmF6cXV4';
const body = Buffer.from('{"meta":{"version":"1.1"},"data":{"type":"motion_detected"}}', 'utf8');
const time = '1765530000123';
const accountId = 'ava1.ring.account.0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'ring-build-samples-'));

describe('Build page code samples', () => {
  it('the Node samples accept our signature and nonce and refuse a changed byte', async () => {
    const file = join(dir, 'samples.mjs');
    writeFileSync(file, `${sample('signature').node}\n${sample('nonce').node}\n`);
    const { verifyRingSignature, nonceMatches } = await import(pathToFileURL(file).href);
    expect(verifyRingSignature(body, sign(body, key), key)).toBe(true);
    expect(verifyRingSignature(Buffer.from(body.toString().replace('motion', 'motiom')), sign(body, key), key)).toBe(false);
    expect(nonceMatches(createNonce(time, accountId, key), time, accountId, key)).toBe(true);
    expect(nonceMatches(createNonce(time, accountId, key), '1765530000124', accountId, key)).toBe(false);
  });

  it('the Python samples accept our signature and nonce and refuse a changed byte', () => {
    const file = join(dir, 'samples.py');
    const driver = `
import sys
body = sys.stdin.buffer.read()
print(verify_ring_signature(body, ${JSON.stringify(sign(body, key))}, ${JSON.stringify(key)}))
print(verify_ring_signature(body + b" ", ${JSON.stringify(sign(body, key))}, ${JSON.stringify(key)}))
print(nonce_matches(${JSON.stringify(createNonce(time, accountId, key))}, ${JSON.stringify(time)}, ${JSON.stringify(accountId)}, ${JSON.stringify(key)}))
print(nonce_matches(${JSON.stringify(createNonce(time, accountId, key))}, "1765530000124", ${JSON.stringify(accountId)}, ${JSON.stringify(key)}))
`;
    writeFileSync(file, `${sample('signature').python}\n\n${sample('nonce').python}\n\n${sample('exchange').python}\n${driver}`);
    const result = spawnSync('python3', [file], { input: body, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toEqual(['True', 'False', 'True', 'False']);
  });

  it('the code exchange samples post to the sandbox base URL shown on the page', () => {
    for (const language of ['node', 'python'] as const) expect(sample('exchange')[language]).toContain('https://console.example.com/sandbox/oauth/token');
  });
});
