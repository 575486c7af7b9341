/**
 * A bare app row for tests of modules that need an app but not the create-app flow (no
 * credentials, no tab rows): modules must work from what exists.
 */
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { COMPLIANCE_AGREEMENT } from '@ring/domain';

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
