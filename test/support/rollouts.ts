/**
 * Certified versions for the Publish tests, written straight into the database the way
 * approveCertification leaves them (Certify has its own tests): a numbered AppVersion with a
 * CERTIFIED submission, and the app's certifiedAt.
 */
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { prisma, type CertificationStatus } from '@ring/db';
import { readyApp } from './certification.ts';

export async function versionWith(appGlobalId: string, status: CertificationStatus = 'CERTIFIED') {
  const appId = decodeGlobalID(appGlobalId).id;
  const last = await prisma.appVersion.findFirst({ where: { appId }, orderBy: { number: 'desc' }, select: { number: true } });
  const app = await prisma.app.findUniqueOrThrow({ where: { id: appId }, select: { developerId: true } });
  const now = new Date();
  const version = await prisma.appVersion.create({
    data: {
      appId,
      number: (last?.number ?? 0) + 1,
      releaseNotes: 'Release notes for the test.',
      snapshot: {},
      submission: { create: { appId, status, submittedById: app.developerId, decidedAt: status === 'CERTIFIED' ? now : null } },
    },
  });
  if (status === 'CERTIFIED') await prisma.app.updateMany({ where: { id: appId, certifiedAt: null }, data: { certifiedAt: now } });
  return { ...version, globalId: encodeGlobalID('AppVersion', version.id) };
}

/** A developer's app with Configure, Build and Test complete and a certified v1. */
export async function certifiedApp(label = 'publish') {
  const { owner, app } = await readyApp(label);
  const v1 = await versionWith(app.globalId);
  return { owner, app, v1 };
}
