import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../src/csv.ts';

describe('csv', () => {
  it('quotes every field (RFC 4180), doubling quotes, and ends each record with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b c'],
        ['x;=1+1', 'say "hi",\r\nbye'],
      ]),
    ).toBe('"a","b c"\r\n"x;=1+1","say ""hi"",\r\nbye"\r\n');
    expect(csvField('')).toBe('""');
  });

  it('keeps x;=1+1 one quoted field, so a spreadsheet splitting on ";" cannot start a formula cell', () => {
    expect(csvField('x;=1+1')).toBe('"x;=1+1"');
  });

  it("defuses a leading = + - @ tab or CR with a ' inside the quotes, and nothing else", () => {
    for (const value of ['=1+1', '+1', '-2+3', '@SUM(1)', '\t=1', '\r=1']) expect(csvField(value), JSON.stringify(value)).toBe(`"'${value}"`);
    expect(csvField('=HYPERLINK("https://evil.example","x")')).toBe(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    for (const value of ['Home Guardian', 'a=1', 'ring_cid_1', " 'quoted'", '\n=1'])
      expect(csvField(value), JSON.stringify(value)).toBe(`"${value.replaceAll('"', '""')}"`);
  });
});
