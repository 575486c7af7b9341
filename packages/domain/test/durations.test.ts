import { describe, expect, it } from 'vitest';
import { minutesInWords } from '../src/durations.ts';

describe('minutesInWords', () => {
  it('says "1 minute" for up to 60 seconds and "2 minutes" just past it', () => {
    expect(minutesInWords(1)).toBe('1 minute');
    expect(minutesInWords(60)).toBe('1 minute');
    expect(minutesInWords(61)).toBe('2 minutes');
    expect(minutesInWords(15 * 60)).toBe('15 minutes');
  });
});
