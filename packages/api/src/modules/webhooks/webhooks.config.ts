/**
 * The one test-only escape from the delivery rules: WEBHOOK_ALLOW_LOOPBACK_FOR_TESTS=1 lets
 * test events reach a receiver on this machine's loopback address (and trusts the PEM in
 * WEBHOOK_TEST_CA_FILE for its self-signed certificate). Private, link-local and metadata
 * addresses stay refused even then. A production process refuses to start with it: this
 * module is imported by the schema, so the server fails at start, not at the first delivery.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

export const LOOPBACK_FOR_TESTS_VARIABLE = 'WEBHOOK_ALLOW_LOOPBACK_FOR_TESTS';
export const TEST_CA_FILE_VARIABLE = 'WEBHOOK_TEST_CA_FILE';

export function assertWebhookConfig(env: NodeJS.ProcessEnv = process.env): void {
  if (env[LOOPBACK_FOR_TESTS_VARIABLE] && env[LOOPBACK_FOR_TESTS_VARIABLE] !== '0' && env.NODE_ENV === 'production') {
    throw new Error(`${LOOPBACK_FOR_TESTS_VARIABLE} is a test-only setting and must not be set when NODE_ENV=production.`);
  }
}

assertWebhookConfig();

/** Read per delivery, so a test can turn it on around the one case that needs it. */
export function loopbackAllowedForTests(): boolean {
  const value = process.env[LOOPBACK_FOR_TESTS_VARIABLE];
  // Checked again here: a process whose NODE_ENV changed after start still never relaxes the rules.
  return Boolean(value) && value !== '0' && process.env.NODE_ENV !== 'production';
}

/** The CA list for outgoing deliveries: the system roots, plus the test CA when the test-only setting is on. */
export function trustedCertificates(): string[] | undefined {
  const file = process.env[TEST_CA_FILE_VARIABLE];
  if (!file || !loopbackAllowedForTests()) return undefined;
  return [...rootCertificates, readFileSync(file, 'utf8')];
}

export const WEBHOOK_TIMEOUT_MS = 5_000;
export const RESPONSE_EXCERPT_BYTES = 1_024;

/** Test events per developer per minute, across all their apps (read per send, like the loopback setting). */
export function testEventsPerDeveloperPerMinute(): number {
  const raw = process.env.WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE;
  if (raw === undefined || raw === '') return 30;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE must be a whole number of at least 1, not "${raw}".`);
  return value;
}
testEventsPerDeveloperPerMinute();
