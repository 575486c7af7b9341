/**
 * The listing (`Listing` in @ring/domain) a version froze, from its fields as the API serves
 * them (VersionListingFields): the same object listingFromInfo makes of the draft, so
 * ListingPreview shows either. Its media are the version's own copies (/media/<id> of the
 * version's files), served from the bytes frozen with it.
 */
import type { VersionListingFieldsFragment } from '@ring/client';
import type { Listing } from '@ring/domain';
import { listingFromTabs } from './listing-from-info';

export function listingFromVersion(listing: VersionListingFieldsFragment): Listing {
  return listingFromTabs(listing, { STAGING: urls(listing.staging), PRODUCTION: urls(listing.production) });
}

const urls = (environment: VersionListingFieldsFragment['staging']): Listing['accountLinking']['STAGING'] => ({
  authorizationUrl: environment.authorizationUrl ?? null,
  appHomepageUrl: environment.appHomepageUrl ?? null,
  tokenExchangeUrl: environment.tokenExchangeUrl ?? null,
  webhookUrl: environment.webhookUrl ?? null,
});
