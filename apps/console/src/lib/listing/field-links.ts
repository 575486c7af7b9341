import { isListingField, LISTING_FIELD_TABS } from '@ring/domain';

/** The App Information page with the field's tab open and the field focused (the page reads `tab` and the hash). */
export function fieldHref(appId: string, field: string): string {
  const base = `/apps/${encodeURIComponent(appId)}/info`;
  return isListingField(field) ? `${base}?tab=${LISTING_FIELD_TABS[field]}#${field}` : base;
}
