const pluralRules = new Intl.PluralRules('en');

const unit = (count: number, singular: string) => `${count} ${pluralRules.select(count) === 'one' ? singular : `${singular}s`}`;

/** "1 second", "30 seconds", "15 minutes": a wait as people say it, minutes rounded up, with the right plural. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return unit(Math.max(1, Math.ceil(seconds)), 'second');
  return unit(Math.ceil(seconds / 60), 'minute');
}
