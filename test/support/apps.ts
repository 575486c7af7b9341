/**
 * A bare app row for tests of modules that need an app but not the create-app flow (no
 * credentials, no tab rows): modules must work from what exists.
 */
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { COMPLIANCE_AGREEMENT } from '@ring/domain';
import { randomBytes } from 'node:crypto';
import { encryptSecret } from '../../packages/api/src/crypto/secret-box.ts';
import { newDeveloper } from './api.ts';

export async function insertApp(developerGlobalId: string, name = 'Fixture app') {
  const developerId = Buffer.from(developerGlobalId, 'base64').toString().split(':')[1]!;
  const app = await prisma.app.create({
    data: {
      developerId,
      name,
      complianceAgreementVersion: COMPLIANCE_AGREEMENT.version,
      complianceAcceptedAt: new Date(),
      complianceAcceptedById: developerId,
    },
  });
  return { ...app, globalId: encodeGlobalID('App', app.id) };
}

/** Gives an app (by global id) a public name as App information would save it, straight in the database; returns its row id. */
export async function setPublicName(appGlobalId: string, publicName: string): Promise<string> {
  const appId = decodeGlobalID(appGlobalId).id;
  await prisma.generalInfo.upsert({
    where: { appId },
    create: { appId, publicName, publicNameKey: publicName.toLowerCase() },
    update: { publicName, publicNameKey: publicName.toLowerCase() },
  });
  return appId;
}

/**
 * A new developer's app with an HMAC key and a staging webhook URL written directly (validation
 * would refuse a loopback one), for the tests that send test events to a receiver of their own.
 */
export async function insertAppWithWebhook(developerLabel: string, webhookUrl: string, hmacKey = randomBytes(32).toString('hex')) {
  const developer = await newDeveloper(developerLabel);
  const app = await insertApp(developer.id);
  await prisma.credential.create({
    data: { appId: app.id, clientId: `client-${app.id}`, clientSecretHash: 'unused-in-these-tests', hmacKeyEncrypted: encryptSecret(hmacKey, app.id) },
  });
  await prisma.accountLinking.create({
    data: {
      appId: app.id,
      environment: 'STAGING',
      version: 1,
      savedAt: new Date(),
      authorizationUrl: 'https://auth.example.com/',
      appHomepageUrl: 'https://app.example.com/',
      tokenExchangeUrl: 'https://api.example.com/token',
      webhookUrl,
    },
  });
  return { developer, app, hmacKey };
}

/**
 * A completed Build written straight into the database: a staging endpoint check run that
 * passed against the staging URLs saved now (none if nothing is saved), then the confirmation.
 * Setting buildCompletedAt alone is a Build sent back (no passing run), not a complete one.
 */
export async function markBuildComplete(appId: string) {
  const staging = await prisma.accountLinking.findUnique({ where: { appId_environment: { appId, environment: 'STAGING' } } });
  const urls = {
    authorizationUrl: staging?.authorizationUrl ?? null,
    appHomepageUrl: staging?.appHomepageUrl ?? null,
    tokenExchangeUrl: staging?.tokenExchangeUrl ?? null,
    webhookUrl: staging?.webhookUrl ?? null,
  };
  const checks = [{ endpoint: 'WEBHOOK_URL', check: 'REACHABLE', passed: true, message: 'Answered HTTP 200 in 12 ms.', statusCode: 200, durationMs: 12 }];
  await prisma.endpointCheckRun.create({ data: { appId, environment: 'STAGING', passed: true, checks, urls } });
  await prisma.app.update({ where: { id: appId }, data: { buildCompletedAt: new Date() } });
}
