/**
 * What App Information tells the rest of the API about an app (the lifecycle, the overview):
 * a selection on App, for Pothos `select` so that it loads with the app itself, and pure
 * functions of what it loads.
 */
import { missingAdditional, missingCompatibility, missingGeneral, missingMedia } from '@ring/domain';

export const APP_INFO_FACTS_SELECT = {
  generalInfo: true,
  mediaInfo: { select: { savedAt: true, mainImageId: true, additionalImages: { select: { position: true } } } },
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
