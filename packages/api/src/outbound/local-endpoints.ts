/**
 * The development escape from the outbound rules: ALLOW_LOCAL_ENDPOINTS=1 lets endpoint checks,
 * test events and link rehearsals reach a partner backend on this machine's loopback address,
 * and trusts the PEM in EXTRA_CA_FILE for its self-signed certificate. Private, link-local and
 * metadata addresses stay refused even then. A production process refuses to start with it
 * (config.ts), and it is checked against NODE_ENV again at each use.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { live } from '../config.ts';

/** Read per request, so a test can turn it on around the one case that needs it. */
export const localEndpointsAllowed = live.localEndpointsAllowed;

/** The CA list for outgoing requests: the system roots, plus EXTRA_CA_FILE when local endpoints are allowed. */
export function trustedCertificates(): string[] | undefined {
  const file = live.extraCaFile();
  if (!file || !localEndpointsAllowed()) return undefined;
  return [...rootCertificates, readFileSync(file, 'utf8')];
}
