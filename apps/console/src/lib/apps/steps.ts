/** How the console names the lifecycle steps. */
export const STEP_LABELS: Record<string, string> = {
  CONFIGURE: 'Configure',
  BUILD: 'Build',
  TEST: 'Test',
  CERTIFY: 'Certify',
  PUBLISH: 'Publish',
};

/** e.g. "Home Guardian" -> "home-guardian-credentials.csv" */
export function credentialsFileName(appName: string): string {
  const slug = appName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'app'}-credentials.csv`;
}
