import { describe, expect, it } from 'vitest';
import { waitInWords } from '../src/durations.ts';

describe('waitInWords', () => {
  it('says seconds under a minute and whole minutes (rounded up) above, with the right plural', () => {
    expect(waitInWords(1)).toBe('1 second');
    expect(waitInWords(30)).toBe('30 seconds');
    expect(waitInWords(59.2)).toBe('60 seconds');
    expect(waitInWords(60)).toBe('1 minute');
    expect(waitInWords(61)).toBe('2 minutes');
    expect(waitInWords(15 * 60)).toBe('15 minutes');
  });
});
