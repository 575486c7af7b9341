/**
 * The listing (`Listing` in @ring/domain) a version froze, from its fields as the API serves
 * them (VersionListingFields): the same object listingFromInfo makes of the draft, so
 * ListingPreview shows either. Its media are the version's own copies (/media/<id> of the
 * version's files), served from the bytes frozen with it.
 */
import type { VersionListingFieldsFragment, VersionMediaFileFieldsFragment } from '@ring/client';
import type { Listing, ListingMedia } from '@ring/domain';

const media = (file: VersionMediaFileFieldsFragment | null | undefined): ListingMedia | null =>
  file
    ? {
        key: file.url,
        url: file.url,
        contentType: file.contentType,
        width: file.width ?? null,
        height: file.height ?? null,
        durationMs: file.durationMs ?? null,
      }
    : null;

export function listingFromVersion(listing: VersionListingFieldsFragment): Listing {
  const { general, media: tab, compatibility, additional, staging, production } = listing;
  return {
    publicName: general.publicName ?? null,
    icon: media(general.icon),
    shortDescription: general.shortDescription ?? null,
    detailedDescription: general.detailedDescription ?? null,
    categories: general.categories,
    latestRelease: general.latestRelease ?? null,
    mainImage: media(tab.mainImage),
    additionalImages: tab.additionalImages.map((file) => media(file)!),
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
    accountLinking: { STAGING: urls(staging), PRODUCTION: urls(production) },
  };
}

const urls = (environment: VersionListingFieldsFragment['staging']): Listing['accountLinking']['STAGING'] => ({
  authorizationUrl: environment.authorizationUrl ?? null,
  appHomepageUrl: environment.appHomepageUrl ?? null,
  tokenExchangeUrl: environment.tokenExchangeUrl ?? null,
  webhookUrl: environment.webhookUrl ?? null,
});
