// What the tests of the Excel export share, the unit tests here and the browser test in
// test/e2e/excelExport.test.ts (through the `@tavla/web/export/testing` door in package.json):
// a reader for the files and their bokmål headers. Nothing in the app imports it.

/**
 * The records of `;`-separated RFC 4180 text (CRLF between records, `"` quoting, `""` for a
 * quote), after one leading byte order mark; reads back what `csvText` writes.
 * Throws when the last record does not end with CRLF.
 *
 * @example readCsv('\uFEFFa;"b;c"\r\n') // [['a', 'b;c']]
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0 || quoted) {
    throw new Error(`the text does not end with CRLF: ${JSON.stringify(s.slice(-40))}`);
  }
  return rows;
}

/** The header of the measures file in bokmål, column by column. */
export const MEASURE_HEADER_NB = [
  'Innsatsområde',
  'Delmål',
  'Strategi',
  'Tiltak',
  'Beskrivelse',
  'Part',
  'Ansvarlige',
  'Kolonne',
  'Status',
  'Startdato',
  'Frist',
  'Forsinket',
  'Sjekkliste',
  'Milepæler',
  'Siste statusoppdatering',
  'Sist endret',
];

/** The header of the milestones file in bokmål. */
export const MILESTONE_HEADER_NB = [
  'Innsatsområde',
  'Milepæl',
  'Dato',
  'Tilstand',
  'Fullført',
  'Antall tiltak',
  'Tiltak',
];
