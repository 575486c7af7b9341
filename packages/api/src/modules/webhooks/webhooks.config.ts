/**
 * The one test-only escape from the delivery rules: WEBHOOK_ALLOW_LOOPBACK_FOR_TESTS=1 lets
 * test events reach a receiver on this machine's loopback address (and trusts the PEM in
 * WEBHOOK_TEST_CA_FILE for its self-signed certificate). Private, link-local and metadata
 * addresses stay refused even then. A production process refuses to start with it (config.ts
 * checks it with the rest of the configuration).
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { live } from '../../config.ts';

/** Read per delivery, so a test can turn it on around the one case that needs it. */
export const loopbackAllowedForTests = live.webhookLoopbackAllowedForTests;

/** The CA list for outgoing deliveries: the system roots, plus the test CA when the test-only setting is on. */
export function trustedCertificates(): string[] | undefined {
  const file = live.webhookTestCaFile();
  if (!file || !loopbackAllowedForTests()) return undefined;
  return [...rootCertificates, readFileSync(file, 'utf8')];
}

export const WEBHOOK_TIMEOUT_MS = 5_000;
export const RESPONSE_EXCERPT_BYTES = 1_024;

/** Test events per developer per minute, across all their apps (read per send, like the loopback setting). */
export const testEventsPerDeveloperPerMinute = live.webhookTestEventsPerDeveloperPerMinute;
