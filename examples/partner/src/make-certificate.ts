/**
 * `pnpm certificate [directory]`: a self-signed certificate and key made once, before anything
 * else runs, so the console can be started trusting it (EXTRA_CA_FILE) before the app, and so the
 * partner's credentials, exist; the partner then serves it (PARTNER_TLS_CERT / PARTNER_TLS_KEY).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CERTIFICATE_FILE } from './config.ts';
import { selfSignedCertificate, writeCertificate } from './tls.ts';

const directory = resolve(process.argv[2] ?? join(DEFAULT_CERTIFICATE_FILE, '..'));
const certFile = join(directory, 'certificate.pem');
const keyFile = join(directory, 'key.pem');
const { cert, key } = await selfSignedCertificate();
writeCertificate(certFile, cert);
// The key is a secret: readable by its owner only.
writeFileSync(keyFile, key, { mode: 0o600 });
console.log(
  [
    `Certificate for 127.0.0.1, ::1 and localhost (valid 30 days): ${certFile}`,
    `Key: ${keyFile}`,
    '',
    `Console:  ALLOW_LOCAL_ENDPOINTS=1 EXTRA_CA_FILE=${certFile} npm start`,
    `Partner:  PARTNER_TLS_CERT=${certFile} PARTNER_TLS_KEY=${keyFile} …`,
  ].join('\n'),
);
