import { prisma } from '@ring/db';
import { COMPLIANCE_AGREEMENT } from '@ring/domain';
import { live } from '../../config.ts';
import type { Viewer } from '../../context.ts';
import { RateLimitedError, ValidationError } from '../../errors.ts';
import { describeError, log } from '../../observability/logger.ts';
import { issueCredentials, type IssuedCredentials } from '../credentials/credentials.service.ts';
import { findOwnedApp, publishedOrGone, readAppForResult } from './apps.access.ts';
import { actionTimesSince, recordAudit } from '../audit/audit.service.ts';
import { appStorageKeys } from '../media/assets.ts';

/**
 * Called after an app's rows are gone with the storage keys its media used. Media storage
 * belongs to the media module, which registers the collector here; a key may be shared by
 * identical files of other apps, so the collector must check before removing bytes.
 */
export type MediaCollector = (storageKeys: string[]) => Promise<void>;
const mediaCollectors: MediaCollector[] = [];
export function onAppMediaReleased(collector: MediaCollector): void {
  mediaCollectors.push(collector);
}

const HOUR_MS = 3_600_000;

export async function createApp(viewer: Viewer, input: { name: string }) {
  // One transaction: an app never exists without its credentials and its compliance record.
  return prisma.$transaction(async (tx) => {
    // The developer's row is locked until commit, so concurrent creations (in any server
    // process) count one after another and none can slip past the quota or the rate.
    await tx.$executeRaw`SELECT 1 FROM "Developer" WHERE id = ${viewer.id}::uuid FOR UPDATE`;
    // Read at each creation (a cheap lookup) so a test can narrow them around one case.
    const quota = live.appQuotaPerDeveloper();
    if ((await tx.app.count({ where: { developerId: viewer.id } })) >= quota) {
      const message = `You have ${quota} apps, the most one developer may have. Delete an app you no longer need to create another.`;
      throw new ValidationError([{ path: [], message, code: 'QUOTA_EXCEEDED' }], message);
    }
    // Counted from the audit trail, which outlives deleted apps: create-and-delete does not reset it.
    const perHour = live.appsCreatedPerHour();
    const since = new Date(Date.now() - HOUR_MS);
    const recent = await actionTimesSince(tx, viewer.id, 'app.created', since, perHour);
    if (recent.length >= perHour) {
      const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]!.getTime() + HOUR_MS - Date.now()) / 1000));
      throw new RateLimitedError(`You can create at most ${perHour} apps an hour. Try again later.`, retryAfterSeconds);
    }
    const acceptedAt = new Date();
    const app = await tx.app.create({
      data: {
        developerId: viewer.id,
        name: input.name,
        complianceAgreementVersion: COMPLIANCE_AGREEMENT.version,
        complianceAcceptedAt: acceptedAt,
        complianceAcceptedById: viewer.id,
      },
    });
    const credentials: IssuedCredentials = await issueCredentials(tx, app.id, app.name);
    await recordAudit(
      tx,
      { actorId: viewer.id, appId: app.id, action: 'app.created', detail: { name: app.name } },
      {
        actorId: viewer.id,
        appId: app.id,
        action: 'compliance.accepted',
        detail: { agreement: COMPLIANCE_AGREEMENT.title, version: COMPLIANCE_AGREEMENT.version, acceptedAt: acceptedAt.toISOString() },
      },
    );
    return { app, credentials };
  });
}

/** `query` is the selection the caller will read from the renamed app (from queryFromInfo). */
export async function renameApp(viewer: Viewer, globalId: string, name: string, query: { select?: object; include?: object } = {}) {
  const app = await findOwnedApp(viewer, globalId);
  return prisma.$transaction(async (tx) => {
    // The published check sits in the update's filter, so a publish in between cannot slip by.
    const { count } = await tx.app.updateMany({ where: { id: app.id, publishedAt: null }, data: { name } });
    // No row matched: published in between, or deleted in between (then it is simply gone).
    if (count === 0) throw await publishedOrGone(tx, app.id);
    await recordAudit(tx, { actorId: viewer.id, appId: app.id, action: 'app.renamed', detail: { from: app.name, to: name } });
    return readAppForResult(tx, app.id, query);
  });
}

export async function deleteApp(viewer: Viewer, globalId: string) {
  const app = await findOwnedApp(viewer, globalId);
  const storageKeys = await prisma.$transaction(async (tx) => {
    const keys = await appStorageKeys(tx, app.id);
    // Tab rows, credentials, linking, media rows and deliveries go with the app (ON DELETE CASCADE).
    const { count } = await tx.app.deleteMany({ where: { id: app.id, publishedAt: null } });
    if (count === 0) throw await publishedOrGone(tx, app.id);
    await recordAudit(tx, { actorId: viewer.id, appId: app.id, action: 'app.deleted', detail: { name: app.name } });
    return keys;
  });
  // The rows are gone for good by now, so the mutation has succeeded: a collector that fails leaves
  // bytes behind (reported here, and the collectors check shared keys anyway) but must not turn a
  // completed delete into "Unexpected error." for a client that would then retry a deleted app.
  const outcomes = await Promise.allSettled(mediaCollectors.map((collect) => collect(storageKeys)));
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected')
      log('error', 'deleteApp: releasing media files failed', { appId: app.id, files: storageKeys.length, cause: describeError(outcome.reason) });
  }
  return { app, storageKeys };
}
