/**
 * URL rules shared by the App Information tab (public links shown in the Appstore) and
 * Account linking (endpoints Ring calls). One parser, two strictness levels.
 */
import { z } from 'zod';

export const URL_MAX_LENGTH = 2048;

export type UrlProblem = 'EMPTY' | 'TOO_LONG' | 'NOT_A_URL' | 'NOT_HTTPS' | 'HAS_CREDENTIALS' | 'HAS_FRAGMENT' | 'LOCAL_HOST' | 'PRIVATE_ADDRESS';

const messages: Record<UrlProblem, string> = {
  EMPTY: 'Enter a URL.',
  TOO_LONG: `URL must be at most ${URL_MAX_LENGTH} characters.`,
  NOT_A_URL: 'Enter an absolute URL, like https://example.com/page.',
  NOT_HTTPS: 'URL must use https://.',
  HAS_CREDENTIALS: 'URL must not contain a user name or password.',
  HAS_FRAGMENT: 'URL must not contain a #fragment.',
  LOCAL_HOST: 'URL must point to a public host, not localhost.',
  PRIVATE_ADDRESS: 'URL must point to a public host, not a private, loopback or link-local address.',
};

export function urlProblemMessage(problem: UrlProblem): string {
  return messages[problem];
}

/** IPv4 literal in a private, loopback, link-local, unspecified, CGNAT or metadata range. */
export function isNonPublicIPv4(address: string): boolean {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return false;
  const [a, b] = parts as [number, number, number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

/** IPv6 literal that is loopback, unspecified, unique-local, link-local or an IPv4-mapped non-public address. */
export function isNonPublicIPv6(address: string): boolean {
  const value = address.toLowerCase().replace(/^\[|\]$/g, '');
  if (value === '::1' || value === '::') return true;
  if (/^f[cd][0-9a-f]{2}:/.test(value)) return true;
  if (/^fe[89ab][0-9a-f]:/.test(value)) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped) return isNonPublicIPv4(mapped[1]!);
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(value);
  if (mappedHex) {
    const high = parseInt(mappedHex[1]!, 16);
    const low = parseInt(mappedHex[2]!, 16);
    return isNonPublicIPv4(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  return false;
}

export function isNonPublicAddress(address: string): boolean {
  return address.includes(':') ? isNonPublicIPv6(address) : isNonPublicIPv4(address);
}

export interface UrlRuleOptions {
  /** Account linking endpoints: no fragment, no localhost, no private or local IP literal. */
  publicEndpoint?: boolean;
}

/** The first problem with a URL, or null when it is allowed. */
export function urlProblem(input: string, options: UrlRuleOptions = {}): UrlProblem | null {
  const value = input.trim();
  if (value === '') return 'EMPTY';
  if (value.length > URL_MAX_LENGTH) return 'TOO_LONG';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'NOT_A_URL';
  }
  if (url.protocol !== 'https:') return url.protocol === 'http:' ? 'NOT_HTTPS' : 'NOT_A_URL';
  if (!url.hostname) return 'NOT_A_URL';
  if (url.username || url.password) return 'HAS_CREDENTIALS';
  if (options.publicEndpoint) {
    if (url.hash || value.includes('#')) return 'HAS_FRAGMENT';
    const host = url.hostname.replace(/\.$/, '').toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost')) return 'LOCAL_HOST';
    if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[')) {
      if (isNonPublicAddress(host)) return 'PRIVATE_ADDRESS';
    }
  }
  return null;
}

function urlSchema(options: UrlRuleOptions) {
  return z
    .string()
    .trim()
    .superRefine((value, context) => {
      const problem = urlProblem(value, options);
      if (problem) context.addIssue({ code: 'custom', message: messages[problem], params: { problem } });
    });
}

/** Public links (website, support, privacy policy, terms): absolute https, no credentials, at most 2,048 characters. */
export const httpsUrlSchema = urlSchema({});

/** Account linking endpoints: as httpsUrlSchema, and no fragment, localhost or non-public IP literal. */
export const endpointUrlSchema = urlSchema({ publicEndpoint: true });
