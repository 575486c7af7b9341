/**
 * The partner's certificate. Ring (and the console imitating it) calls the four URLs over HTTPS
 * only, TLS 1.2 or newer. In production that is a certificate from a public CA, given as files.
 * On a developer's machine, without files, a self-signed one for 127.0.0.1 and localhost is made
 * at start and its PEM written to a file, for the console to trust (EXTRA_CA_FILE).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  cert: string;
  key: string;
}

export async function selfSignedCertificate(): Promise<TlsMaterial> {
  const now = Date.now();
  const generated = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 30 * 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: generated.cert, key: generated.private };
}

export function writeCertificate(path: string, pem: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, pem);
}
