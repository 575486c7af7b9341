/**
 * The listing (`Listing` in @ring/domain) from App information as the API serves it: what the
 * preview renders. A frozen version's fields make the same object (listing-from-version.ts),
 * so ListingPreview shows either. The draft's linking URLs are not part of App information:
 * the preview does not show them.
 */
import type { AppInfoPage_InfoFragment } from '@ring/client';
import { EMPTY_LISTING, type Listing, type ListingMedia } from '@ring/domain';

type Asset = { url: string; contentType: string; width?: number | null; height?: number | null; durationMs?: number | null } | null | undefined;

const media = (asset: Asset): ListingMedia | null =>
  asset
    ? {
        key: asset.url,
        url: asset.url,
        contentType: asset.contentType,
        width: asset.width ?? null,
        height: asset.height ?? null,
        durationMs: asset.durationMs ?? null,
      }
    : null;

type Text = string | null | undefined;

/** The four App information tabs as both the draft and a version serve them. */
export interface ServedTabs {
  general: { publicName?: Text; icon?: Asset; shortDescription?: Text; detailedDescription?: Text; categories: string[]; latestRelease?: Text };
  media: { mainImage?: Asset; additionalImages: NonNullable<Asset>[]; video?: Asset; videoThumbnail?: Asset };
  compatibility: { features?: Text; requirements?: Text; customerTypes: string[]; supportedDevices: string[]; cameraTypes: string[] };
  additional: { developerInfo?: Text; websiteUrl?: Text; supportUrl?: Text; privacyPolicyUrl?: Text; termsOfServiceUrl?: Text };
}

/** The listing of served tabs, with the given linking URLs. */
export function listingFromTabs({ general, media: tab, compatibility, additional }: ServedTabs, accountLinking: Listing['accountLinking']): Listing {
  return {
    publicName: general.publicName ?? null,
    icon: media(general.icon),
    shortDescription: general.shortDescription ?? null,
    detailedDescription: general.detailedDescription ?? null,
    categories: general.categories,
    latestRelease: general.latestRelease ?? null,
    mainImage: media(tab.mainImage),
    additionalImages: tab.additionalImages.map((asset) => media(asset)!),
    video: media(tab.video),
    videoThumbnail: media(tab.videoThumbnail),
    features: compatibility.features ?? null,
    requirements: compatibility.requirements ?? null,
    customerTypes: compatibility.customerTypes,
    supportedDevices: compatibility.supportedDevices,
    cameraTypes: compatibility.cameraTypes,
    developerInfo: additional.developerInfo ?? null,
    websiteUrl: additional.websiteUrl ?? null,
    supportUrl: additional.supportUrl ?? null,
    privacyPolicyUrl: additional.privacyPolicyUrl ?? null,
    termsOfServiceUrl: additional.termsOfServiceUrl ?? null,
    accountLinking,
  };
}

export function listingFromInfo(info: AppInfoPage_InfoFragment): Listing {
  return listingFromTabs(info, EMPTY_LISTING.accountLinking);
}
