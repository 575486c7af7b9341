/** Where a signed-in person starts: support staff at the support search, developers at their apps. */
export function landingPath(viewer: { role: string } | null | undefined): string {
  return viewer?.role === 'SUPPORT' ? '/support' : '/apps';
}
