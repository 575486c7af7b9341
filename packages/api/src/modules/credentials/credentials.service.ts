/**
 * App credentials. The plaintext exists only in the response that issues it: the client
 * secret is only ever verified, so only its SHA-256 is kept; the HMAC key must be used again
 * to sign webhooks, so it is encrypted under SECRETS_KEY, bound to the app id.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { prisma } from '@ring/db';
import { toCsv } from '@ring/domain';
import { decryptSecret, encryptSecret } from '../../crypto/secret-box.ts';
import { findAnyApp } from '../apps/apps.access.ts';
import { recordAudit } from '../audit/audit.service.ts';

// Recognisable so that a leaked value can be spotted by secret scanners and people alike.
// Distinct from the session (rcs_) and API token (rat_) prefixes.
export const CLIENT_ID_PREFIX = 'ring_cid_';
export const CLIENT_SECRET_PREFIX = 'ring_csec_';
export const HMAC_KEY_PREFIX = 'ring_hmac_';

export interface PlainCredentials {
  clientId: string;
  clientSecret: string;
  hmacSignatureKey: string;
}

export interface IssuedCredentials extends PlainCredentials {
  csv: string;
}

type Tx = Pick<typeof prisma, 'credential'>;

const random256 = () => randomBytes(32).toString('base64url');

export function newClientId(): string {
  return CLIENT_ID_PREFIX + randomBytes(16).toString('hex');
}

export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The last 4 characters: enough to tell credentials apart, useless to an attacker. */
export function clientIdHint(clientId: string): string {
  return clientId.slice(-4);
}

/**
 * A header row and one record. The app name is chosen by its developer and the file is opened
 * in spreadsheets, also by support staff after a reissue: toCsv quotes and defuses formulas.
 */
export function credentialsCsv(appName: string, credentials: PlainCredentials): string {
  const rows = [
    ['App name', 'Client ID', 'Client Secret', 'HMAC Signature Key'],
    [appName, credentials.clientId, credentials.clientSecret, credentials.hmacSignatureKey],
  ];
  return toCsv(rows);
}

/** Creates the app's first credentials inside the caller's transaction. */
export async function issueCredentials(tx: Tx, appId: string, appName: string): Promise<IssuedCredentials> {
  const plain = { clientId: newClientId(), clientSecret: CLIENT_SECRET_PREFIX + random256(), hmacSignatureKey: HMAC_KEY_PREFIX + random256() };
  await tx.credential.create({
    data: {
      appId,
      clientId: plain.clientId,
      clientSecretHash: hashClientSecret(plain.clientSecret),
      hmacKeyEncrypted: encryptSecret(plain.hmacSignatureKey, appId),
    },
  });
  return { ...plain, csv: credentialsCsv(appName, plain) };
}

/**
 * New secret and HMAC key; the client ID stays, so the developer's configuration keeps
 * identifying the app. The old secret stops verifying with this update.
 */
export async function rotateCredentials(tx: Tx, appId: string, appName: string): Promise<IssuedCredentials> {
  const clientSecret = CLIENT_SECRET_PREFIX + random256();
  const hmacSignatureKey = HMAC_KEY_PREFIX + random256();
  const data = { clientSecretHash: hashClientSecret(clientSecret), hmacKeyEncrypted: encryptSecret(hmacSignatureKey, appId), issuedAt: new Date() };
  const existing = await tx.credential.findUnique({ where: { appId }, select: { clientId: true } });
  const clientId = existing?.clientId ?? newClientId();
  await tx.credential.upsert({ where: { appId }, update: data, create: { appId, clientId, ...data } });
  const plain = { clientId, clientSecret, hmacSignatureKey };
  return { ...plain, csv: credentialsCsv(appName, plain) };
}

/** Whether `secret` is the current client secret of the app with `clientId`. */
export async function verifyClientSecret(clientId: string, secret: string): Promise<boolean> {
  const credential = await prisma.credential.findUnique({ where: { clientId }, select: { clientSecretHash: true } });
  const presented = Buffer.from(hashClientSecret(secret), 'hex');
  // Compare against something even for an unknown client ID, so timing tells nothing.
  const stored = Buffer.from(credential?.clientSecretHash ?? hashClientSecret(`${clientId}:none`), 'hex');
  return stored.length === presented.length && timingSafeEqual(stored, presented) && credential !== null;
}

/** The plaintext HMAC signature key of an app, for signing webhooks (null when it has none). Never log it. */
export async function hmacKeyForApp(appId: string): Promise<string | null> {
  const credential = await prisma.credential.findUnique({ where: { appId }, select: { hmacKeyEncrypted: true } });
  return credential ? decryptSecret(credential.hmacKeyEncrypted, appId) : null;
}

/** Support's reissue of any developer's app credentials, recorded in the audit trail with the reason. */
export async function reissueCredentials(actorId: string, appId: string, input: { reason: string; ticket?: string | null }) {
  return prisma.$transaction(async (tx) => {
    const app = await findAnyApp(tx, appId);
    const credentials = await rotateCredentials(tx, app.id, app.name);
    await recordAudit(tx, {
      actorId,
      appId: app.id,
      action: 'credentials.reissued',
      detail: { ownerId: app.developerId, clientId: credentials.clientId, reason: input.reason, ticket: input.ticket ?? null },
    });
    return { app, credentials };
  });
}

/** The app a Client ID belongs to, with its owner (for the sandbox's allowance), or null. */
export async function appOfClientId(clientId: string): Promise<{ appId: string; developerId: string } | null> {
  const credential = await prisma.credential.findUnique({ where: { clientId }, select: { appId: true, app: { select: { developerId: true } } } });
  return credential ? { appId: credential.appId, developerId: credential.app.developerId } : null;
}

/** Whether the app has credentials at all. */
export async function hasCredentials(appId: string): Promise<boolean> {
  return (await prisma.credential.count({ where: { appId } })) > 0;
}
