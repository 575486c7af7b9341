/**
 * Where the console sends people for documentation, the developer agreement and support: the
 * one place these settings are read. The root layout's load hands them to every page; without
 * a setting, the console's own pages answer.
 */
import { env } from '$env/dynamic/private';

export interface SiteLinks {
  docsUrl: string;
  agreementUrl: string;
  supportEmail: string;
}

export const SITE_LINK_DEFAULTS: Readonly<SiteLinks> = Object.freeze({
  docsUrl: '/docs',
  agreementUrl: '/agreement',
  supportEmail: 'support@ring-appstore.example',
});

// A path on this site, or an absolute http(s) address: nothing a link could run (javascript:).
function linkSetting(name: string, fallback: string): string {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new Error(`${name} must be an http(s) address or a path starting with "/"; got "${value}".`);
  }
  return url.href;
}

function emailSetting(name: string, fallback: string): string {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/.test(value)) throw new Error(`${name} must be an email address such as support@example.com; got "${value}".`);
  return value;
}

let cached: SiteLinks | null = null;

/** Throws, naming the variable, when a setting is malformed: hooks.server.ts calls it at start. */
export function siteLinks(): SiteLinks {
  cached ??= Object.freeze({
    docsUrl: linkSetting('DOCS_URL', SITE_LINK_DEFAULTS.docsUrl),
    agreementUrl: linkSetting('DEVELOPER_AGREEMENT_URL', SITE_LINK_DEFAULTS.agreementUrl),
    supportEmail: emailSetting('SUPPORT_EMAIL', SITE_LINK_DEFAULTS.supportEmail),
  });
  return cached;
}
