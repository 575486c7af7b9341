/**
 * Certified versions for the Publish tests, written straight into the database the way
 * approveCertification leaves them (Certify has its own tests): a numbered AppVersion with a
 * CERTIFIED submission, and the app's certifiedAt.
 */
import { createHash, randomBytes } from 'node:crypto';
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

/**
 * A beta rollout of a certified version of `appId` with an invite token of our own (the
 * console shows a new token only once), written as startRollout leaves a BETA; `testers`
 * already joined, the link expiring at `expiresAt`.
 */
export async function betaWithToken(appId: string, { testers = 0, expiresAt = new Date(Date.now() + 14 * 86_400_000) } = {}) {
  const app = await prisma.app.findUniqueOrThrow({ where: { id: appId }, select: { developerId: true } });
  const version = await versionWith(encodeGlobalID('App', appId));
  const token = `rbt_${randomBytes(32).toString('base64url')}`;
  const rollout = await prisma.rollout.create({
    data: {
      appId,
      versionId: version.id,
      strategy: 'BETA',
      status: testers ? 'IN_PROGRESS' : 'DEPLOYMENT_PENDING',
      percent: 0,
      nationwide: true,
      states: [],
      betaTokenHash: createHash('sha256').update(token).digest('hex'),
      betaExpiresAt: expiresAt,
      startedById: app.developerId,
      betaTesters: { create: Array.from({ length: testers }, (_, index) => ({ state: index % 2 ? 'NY' : 'CA' })) },
    },
  });
  return { token, rollout, version };
}
