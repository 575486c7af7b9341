/**
 * How many apps one developer may have, and create in an hour. Read at each creation (a
 * cheap lookup) so a test can narrow them around one case; the README lists both.
 */
function limit(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not "${raw}".`);
  return value;
}

export const appQuotaPerDeveloper = () => limit('APP_QUOTA_PER_DEVELOPER', 100);
export const appsCreatedPerHour = () => limit('APPS_CREATED_PER_HOUR', 20);

// Checked once at start as well, so a typo fails the server at start rather than at the first creation.
appQuotaPerDeveloper();
appsCreatedPerHour();
