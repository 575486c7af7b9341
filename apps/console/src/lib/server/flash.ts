import type { Cookies } from '@sveltejs/kit';

/** A one-time message for the next page (after a redirect), e.g. "Deleted Home Guardian". */
const FLASH_COOKIE = 'ring_flash';

export function setFlash(cookies: Cookies, message: string): void {
  cookies.set(FLASH_COOKIE, message, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}

export function takeFlash(cookies: Cookies): string | null {
  const message = cookies.get(FLASH_COOKIE) ?? null;
  if (message !== null) cookies.delete(FLASH_COOKIE, { path: '/' });
  return message;
}
