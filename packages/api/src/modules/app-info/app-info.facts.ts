/**
 * What App Information tells the rest of the API about an app (the lifecycle, the overview):
 * a selection on App, for Pothos `select` so that it loads with the app itself, and pure
 * functions of what it loads.
 */
import { missingAdditional, missingCompatibility, missingGeneral, missingMedia } from '@ring/domain';
import { ADDITIONAL_IMAGES_IN_ORDER } from '../media/assets.ts';

/**
 * The four tab rows with their assets: all that App.info shows. The lifecycle's facts select
 * exactly the same, so that the Prisma plugin merges the two into one load of the app (a
 * narrower selection here would make App.info load the tabs a second time).
 */
export const APP_INFO_FACTS_SELECT = {
  generalInfo: { include: { icon: true } },
  mediaInfo: { include: { mainImage: true, video: true, videoThumbnail: true, additionalImages: ADDITIONAL_IMAGES_IN_ORDER } },
  compatibilityInfo: true,
  additionalInfo: true,
} as const;

interface Saved {
  savedAt: Date | null;
}

/** What APP_INFO_FACTS_SELECT loads, as far as these functions read it. */
export interface AppInfoFacts {
  generalInfo: (Saved & Parameters<typeof missingGeneral>[0] & object) | null;
  mediaInfo: (Saved & { mainImageId: string | null; additionalImages: unknown[] }) | null;
  compatibilityInfo: (Saved & Parameters<typeof missingCompatibility>[0] & object) | null;
  additionalInfo: (Saved & Parameters<typeof missingAdditional>[0] & object) | null;
}

/** Every required field of the four tabs saved. */
export function appInformationComplete(facts: AppInfoFacts): boolean {
  const media = facts.mediaInfo ? { mainImageId: facts.mediaInfo.mainImageId, additionalImageCount: facts.mediaInfo.additionalImages.length } : null;
  return (
    missingGeneral(facts.generalInfo).length === 0 &&
    missingMedia(media).length === 0 &&
    missingCompatibility(facts.compatibilityInfo).length === 0 &&
    missingAdditional(facts.additionalInfo).length === 0
  );
}

/** Some tab saved at least once. */
export function appInformationStarted(facts: AppInfoFacts): boolean {
  return [facts.generalInfo, facts.mediaInfo, facts.compatibilityInfo, facts.additionalInfo].some((tab) => tab?.savedAt != null);
}
