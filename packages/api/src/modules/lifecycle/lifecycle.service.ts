/**
 * Lifecycle facts from the rows that exist. Tab and AccountLinking rows are written by the
 * Configure modules and may be absent: absent means nothing saved yet.
 */
import {
  lifecycle,
  missingAdditional,
  missingCompatibility,
  missingGeneral,
  missingMedia,
  sectionStatus,
  type LifecycleFacts,
  type LinkingEnvironment,
  type LifecycleStep,
  type SectionStatus,
} from '@ring/domain';
import { isAccountLinkingComplete, type LinkingRow } from '../account-linking/account-linking.service.ts';

/** What the lifecycle needs of an App, as a Prisma select (merged into the field's query). */
export const LIFECYCLE_SELECT = {
  publishedAt: true,
  buildCompletedAt: true,
  testCompletedAt: true,
  certifiedAt: true,
  generalInfo: true,
  mediaInfo: { select: { savedAt: true, mainImageId: true, additionalImages: { select: { position: true } } } },
  compatibilityInfo: true,
  additionalInfo: true,
  accountLinkings: true,
} as const;

interface Saved {
  savedAt: Date | null;
}

export interface LifecycleRows {
  publishedAt: Date | null;
  buildCompletedAt: Date | null;
  testCompletedAt: Date | null;
  certifiedAt: Date | null;
  generalInfo: (Saved & Parameters<typeof missingGeneral>[0] & object) | null;
  mediaInfo: (Saved & { mainImageId: string | null; additionalImages: unknown[] }) | null;
  compatibilityInfo: (Saved & Parameters<typeof missingCompatibility>[0] & object) | null;
  additionalInfo: (Saved & Parameters<typeof missingAdditional>[0] & object) | null;
  accountLinkings: (Saved & Partial<LinkingRow> & { environment: LinkingEnvironment })[];
}

export function appInformationComplete(rows: LifecycleRows): boolean {
  const media = rows.mediaInfo ? { mainImageId: rows.mediaInfo.mainImageId, additionalImageCount: rows.mediaInfo.additionalImages.length } : null;
  return (
    missingGeneral(rows.generalInfo).length === 0 &&
    missingMedia(media).length === 0 &&
    missingCompatibility(rows.compatibilityInfo).length === 0 &&
    missingAdditional(rows.additionalInfo).length === 0
  );
}

// The account-linking module's own rule, so the overview and App.accountLinking.status never disagree.
export function accountLinkingComplete(rows: LifecycleRows): boolean {
  return isAccountLinkingComplete(rows.accountLinkings);
}

export function lifecycleFacts(rows: LifecycleRows): LifecycleFacts {
  const saved = [rows.generalInfo, rows.mediaInfo, rows.compatibilityInfo, rows.additionalInfo, ...rows.accountLinkings];
  return {
    appInformationComplete: appInformationComplete(rows),
    accountLinkingComplete: accountLinkingComplete(rows),
    configureStarted: saved.some((row) => row?.savedAt != null),
    buildComplete: rows.buildCompletedAt !== null,
    testComplete: rows.testCompletedAt !== null,
    certified: rows.certifiedAt !== null,
    published: rows.publishedAt !== null,
  };
}

export function appLifecycle(rows: LifecycleRows): LifecycleStep[] {
  return lifecycle(lifecycleFacts(rows));
}

export function configureOverview(rows: LifecycleRows): { appInformation: SectionStatus; accountLinking: SectionStatus } {
  return { appInformation: sectionStatus(appInformationComplete(rows)), accountLinking: sectionStatus(accountLinkingComplete(rows)) };
}
