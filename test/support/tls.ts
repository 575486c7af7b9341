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
