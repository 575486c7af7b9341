/**
 * CSV for files people open in spreadsheets (RFC 4180: CRLF line ends). Every field is quoted,
 * so a separator other than the comma (many locales split on ";") cannot cut a field in two and
 * start a new cell with "=". A field starting with = + - @, a tab or a CR would still run as a
 * formula, so it gets a leading ' inside the quotes, which spreadsheets show as plain text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
