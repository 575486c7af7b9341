import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway self-signed certificate for 127.0.0.1 and localhost, made with openssl, for the
 * HTTPS receivers the webhook tests run on loopback (trusted through EXTRA_CA_FILE).
 */
export function selfSignedCertificate(prefix: string): { keyFile: string; certFile: string } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-tls-`));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '1', '-keyout', keyFile, '-out', certFile, ...subject], {
    stdio: 'ignore',
  });
  return { keyFile, certFile };
}

/**
 * Lets this process's outgoing partner requests reach loopback and trust `certFile`
 * (ALLOW_LOCAL_ENDPOINTS and EXTRA_CA_FILE, read at each use), or, with null, refuses them again.
 */
export function allowLocalEndpoints(certFile: string | null): void {
  if (certFile) {
    process.env.ALLOW_LOCAL_ENDPOINTS = '1';
    process.env.EXTRA_CA_FILE = certFile;
  } else {
    delete process.env.ALLOW_LOCAL_ENDPOINTS;
    delete process.env.EXTRA_CA_FILE;
  }
}
