const BASE = 'http://console.invalid';

/**
 * Where to go after signing in: a path on this site, or the fallback. Browsers read "\" as "/", so
 * "/\evil" would be "//evil", another host; control characters are dropped by the URL parser
 * and could hide the same trick. Only a value that stays on this origin as a path is kept.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/apps'): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
  if (!next?.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return url.pathname + url.search + url.hash;
}
