const pluralRules = new Intl.PluralRules('en');

/** "1 minute", "15 minutes": a wait in whole minutes (rounded up), with the right plural. */
export function minutesInWords(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} ${pluralRules.select(minutes) === 'one' ? 'minute' : 'minutes'}`;
}
