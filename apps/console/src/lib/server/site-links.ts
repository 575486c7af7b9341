/**
 * Where the console sends people for documentation, the developer agreement and support
 * (DOCS_URL, DEVELOPER_AGREEMENT_URL, SUPPORT_EMAIL, parsed with the rest of the configuration
 * in packages/api/src/config.ts). The root layout's load hands them to every page.
 */
import type { SiteLinks } from '@ring/api/config';
import { inProcess } from './in-process';

export type { SiteLinks };

export async function siteLinks(): Promise<Readonly<SiteLinks>> {
  return (await inProcess()).siteLinks;
}

/** Whether this (development) server accepts loopback partner endpoints (ALLOW_LOCAL_ENDPOINTS). */
export async function localEndpointsAllowed(): Promise<boolean> {
  return (await inProcess()).localEndpointsAllowed();
}
