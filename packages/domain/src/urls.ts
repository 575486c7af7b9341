/**
 * URL rules shared by the App Information tab (public links shown in the Appstore) and
 * Account linking (endpoints Ring calls). One parser, two strictness levels.
 */
import { z } from 'zod';

export const URL_MAX_LENGTH = 2048;

export type UrlProblem =
  | 'EMPTY'
  | 'TOO_LONG'
  | 'NOT_A_URL'
  | 'HAS_SPACES'
  | 'NOT_HTTPS'
  | 'HAS_CREDENTIALS'
  | 'HAS_FRAGMENT'
  | 'LOCAL_HOST'
  | 'PRIVATE_ADDRESS';

const messages: Record<UrlProblem, string> = {
  EMPTY: 'Enter a URL.',
  TOO_LONG: `URL must be at most ${URL_MAX_LENGTH} characters.`,
  NOT_A_URL: 'Enter an absolute URL, like https://example.com/page.',
  HAS_SPACES: 'URL must not contain spaces (write a space in a path as %20).',
  NOT_HTTPS: 'URL must use https://.',
  HAS_CREDENTIALS: 'URL must not contain a user name or password.',
  HAS_FRAGMENT: 'URL must not contain a #fragment.',
  LOCAL_HOST: 'URL must point to a public host, not localhost.',
  PRIVATE_ADDRESS: 'URL must point to a public host, not a private, loopback or link-local address.',
};

export function urlProblemMessage(problem: UrlProblem): string {
  return messages[problem];
}

/** Parses a dotted-quad IPv4 address into its four octets, or null. */
function ipv4Octets(address: string): [number, number, number, number] | null {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return null;
  return parts.map(Number) as [number, number, number, number];
}

/** IPv4 literal in a private, loopback, link-local, unspecified, CGNAT, IETF-reserved, benchmarking or metadata range. */
export function isNonPublicIPv4(address: string): boolean {
  const octets = ipv4Octets(address);
  if (!octets) return false;
  const [a, b, c] = octets;
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

/**
 * The eight 16-bit groups of an IPv6 address in any textual form (compressed, with a trailing
 * dotted quad, bracketed, with a zone), or null. Parsed rather than pattern-matched, because
 * the same address has many spellings and a check that knows only one is a way around it.
 */
function ipv6Groups(address: string): number[] | null {
  let value = address
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (tail) {
    const octets = ipv4Octets(tail[1]!);
    if (!octets) return null;
    value = `${value.slice(0, -tail[1]!.length)}${((octets[0] << 8) | octets[1]).toString(16)}:${((octets[2] << 8) | octets[3]).toString(16)}`;
  }
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if ([...head, ...rest].some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest].map((group) => parseInt(group, 16));
}

const ipv4From = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/**
 * IPv6 literal that is loopback, unspecified, unique-local, link-local, site-local or multicast,
 * or that carries a non-public IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4). Teredo
 * and local-use NAT64 prefixes are refused outright: their IPv4 target is not checkable here.
 */
export function isNonPublicIPv6(address: string): boolean {
  const g = ipv6Groups(address);
  if (!g) return false;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroPrefix && g5 === 0 && g6 === 0 && (g7 === 0 || g7 === 1)) return true; // :: and ::1
  if (zeroPrefix && (g5 === 0xffff || g5 === 0)) return isNonPublicIPv4(ipv4From(g6, g7)); // ::ffff:a.b.c.d, ::a.b.c.d
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return true; // fe80::/10 link-local, fec0::/10 site-local
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (g0 === 0x64 && g1 === 0xff9b) {
    if (g2 === 1) return true; // 64:ff9b:1::/48, local-use NAT64
    if (g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isNonPublicIPv4(ipv4From(g6, g7));
  }
  if (g0 === 0x2002) return isNonPublicIPv4(ipv4From(g1, g2)); // 6to4
  if (g0 === 0x2001 && g1 === 0) return true; // Teredo
  return false;
}

export function isNonPublicAddress(address: string): boolean {
  return address.includes(':') ? isNonPublicIPv6(address) : isNonPublicIPv4(address);
}

/** Loopback in either family, in any spelling (127.0.0.0/8, ::1, IPv4-mapped 127.x). */
export function isLoopbackAddress(address: string): boolean {
  if (!address.includes(':')) return ipv4Octets(address)?.[0] === 127;
  const g = ipv6Groups(address);
  if (!g || g.slice(0, 5).some((group) => group !== 0)) return false;
  if (g[5] === 0 && g[6] === 0 && g[7] === 1) return true;
  return g[5] === 0xffff && g[6]! >> 8 === 127;
}

export interface UrlRuleOptions {
  /** Account linking endpoints: no fragment, no localhost, no private or local IP literal. */
  publicEndpoint?: boolean;
  /**
   * With publicEndpoint: also allow localhost and loopback literals (127.0.0.0/8, ::1), for a
   * partner backend on the developer's own machine (ALLOW_LOCAL_ENDPOINTS, development only).
   * Private, link-local and metadata addresses stay refused.
   */
  allowLoopback?: boolean;
}

/**
 * A host name as typed: labels of letters (any script, for internationalised names), digits,
 * hyphens and underscores, or a bracketed IPv6 literal. Checked on the text itself because URL parsers differ:
 * Chromium's accepts `https://exa mple.com` (escaping the space), Node's refuses it.
 */
const HOST_PATTERN =
  /^(?:[\p{L}\p{M}\p{N}_](?:[\p{L}\p{M}\p{N}_-]*[\p{L}\p{M}\p{N}_])?\.)*[\p{L}\p{M}\p{N}_](?:[\p{L}\p{M}\p{N}_-]*[\p{L}\p{M}\p{N}_])?\.?$|^\[[0-9A-Fa-f:.]+\]$/u;

/** The host as written between `//` and the port, path, query or fragment. */
function typedHost(value: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(value)?.[1] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
}

/** The first problem with a URL, or null when it is allowed. */
export function urlProblem(input: string, options: UrlRuleOptions = {}): UrlProblem | null {
  const value = input.trim();
  if (value === '') return 'EMPTY';
  if (value.length > URL_MAX_LENGTH) return 'TOO_LONG';
  // "not a url" is not a URL with spaces in it.
  if (/\s/u.test(value)) return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? 'HAS_SPACES' : 'NOT_A_URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'NOT_A_URL';
  }
  if (url.protocol !== 'https:') return url.protocol === 'http:' ? 'NOT_HTTPS' : 'NOT_A_URL';
  if (!url.hostname || !HOST_PATTERN.test(typedHost(value))) return 'NOT_A_URL';
  if (url.username || url.password) return 'HAS_CREDENTIALS';
  if (options.publicEndpoint) {
    if (url.hash || value.includes('#')) return 'HAS_FRAGMENT';
    const host = url.hostname.replace(/\.$/, '').toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost')) return options.allowLoopback ? null : 'LOCAL_HOST';
    if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[')) {
      const literal = host.replace(/^\[|\]$/g, '');
      if (isNonPublicAddress(literal) && !(options.allowLoopback && isLoopbackAddress(literal))) return 'PRIVATE_ADDRESS';
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
