/**
 * CSV that Excel with Norwegian settings opens correctly with a double click, without the import
 * wizard:
 *
 * - UTF-8 with a byte order mark: without it Excel reads the file as Windows-1252 and shows
 *   "Ã¦Ã¸Ã¥" for "æøå".
 * - `;` between fields: Norwegian Excel takes its list separator from the region (`;`, since the
 *   comma is the decimal sign). A `sep=;` first line would say so too, but then Excel ignores
 *   the byte order mark, so there is none.
 * - CRLF after every record, fields quoted as RFC 4180 says: a field holding `;`, `"`, CR or LF
 *   is put in double quotes, a `"` inside it doubled.
 * - No formulas (OWASP "CSV injection"): a field that begins with `=`, `+`, `-`, `@`, a tab or
 *   a CR would be run as a formula by Excel; it gets a leading apostrophe, so it is shown as the
 *   text it is. Titles and descriptions are typed by many people.
 *
 * Pure; see csv.test.ts.
 */

export const BOM = '\uFEFF';
export const SEPARATOR = ';';
export const NEWLINE = '\r\n';

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]/;

/** `value` as a cell that Excel shows as text and never runs as a formula. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One field, guarded and quoted as needed; null and undefined are an empty field. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = guardFormula(String(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: byte order mark, then every row (the header first) ending in CRLF. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  let out = BOM;
  for (const row of rows) out += row.map(csvField).join(SEPARATOR) + NEWLINE;
  return out;
}

/**
 * A calendar date (`YYYY-MM-DD`, or a timestamp's date part) as `dd.mm.åååå`, which
 * Norwegian Excel reads as a date (so the column sorts and filters by date); '' for none.
 *
 * @example excelDate('2026-11-28') // '28.11.2026'
 */
export function excelDate(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}
