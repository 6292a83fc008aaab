import { describe, expect, it } from 'vitest';
import { csvField, csvText, excelDate, guardFormula } from './csv';
import { readCsv } from './testing';

/** The bytes a browser writes for the file (a Blob of the text is UTF-8). */
const bytes = (text: string) => [...new TextEncoder().encode(text)];

describe('CSV for Norwegian Excel', () => {
  it('starts with the UTF-8 byte order mark, separates with ; and ends every record with CRLF', () => {
    const text = csvText([
      ['Tiltak', 'Frist'],
      ['Ungdomspanel', '30.06.2026'],
    ]);
    expect(bytes(text).slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toBe('\uFEFFTiltak;Frist\r\nUngdomspanel;30.06.2026\r\n');
    // No bare LF anywhere outside a quoted field.
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('writes æ, ø and å as UTF-8', () => {
    const text = csvText([['Innsatsområde', 'Tromsø', 'Fjellstuer på Lyngsalpene', 'Ærlig']]);
    expect(text).toBe('\uFEFFInnsatsområde;Tromsø;Fjellstuer på Lyngsalpene;Ærlig\r\n');
    // å = C3 A5, ø = C3 B8, Æ = C3 86
    const b = bytes(text);
    const has = (seq: number[]) => b.some((_, i) => seq.every((x, k) => b[i + k] === x));
    expect(has([0xc3, 0xa5])).toBe(true);
    expect(has([0xc3, 0xb8])).toBe(true);
    expect(has([0xc3, 0x86])).toBe(true);
  });

  it('quotes a field holding ; " CR or LF, doubling the quotes (RFC 4180)', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('Sa "hei"')).toBe('"Sa ""hei"""');
    expect(csvField('to\nlinjer')).toBe('"to\nlinjer"');
    expect(csvField('to\r\nlinjer')).toBe('"to\r\nlinjer"');
    expect(csvField('slutt\r')).toBe('"slutt\r"');
    // Commas are not the separator here: no quotes needed.
    expect(csvField('Kari Nordmann, Ola Hansen')).toBe('Kari Nordmann, Ola Hansen');
  });

  it('keeps a title with ; and " and a newline in one cell of one row', () => {
    const title = 'Kartlegging; fase 1 – «bredbånd» og "fiber"\nfor Karlsøy';
    const text = csvText([
      ['Tiltak', 'Part'],
      [title, 'IPR'],
    ]);
    expect(text).toBe(
      '\uFEFFTiltak;Part\r\n"Kartlegging; fase 1 – «bredbånd» og ""fiber""\nfor Karlsøy";IPR\r\n',
    );
    expect(readCsv(text)).toEqual([
      ['Tiltak', 'Part'],
      [title, 'IPR'],
    ]);
  });

  it('writes empty values as empty fields', () => {
    expect(csvText([['', null, undefined, 'x', '']])).toBe('\uFEFF;;;x;\r\n');
    expect(csvText([])).toBe('\uFEFF');
    expect(csvField(0)).toBe('0');
  });

  it('never lets Excel run a cell as a formula: = + - @ tab and CR get an apostrophe', () => {
    expect(guardFormula('=HYPERLINK("http://x","klikk")')).toBe('\'=HYPERLINK("http://x","klikk")');
    expect(guardFormula('+47 123')).toBe("'+47 123");
    expect(guardFormula('-2+3')).toBe("'-2+3");
    expect(guardFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardFormula('\t=1')).toBe("'\t=1");
    expect(guardFormula('\r=1')).toBe("'\r=1");
    // Only at the start; the rest is left as typed.
    expect(guardFormula('Tiltak = mål + plan')).toBe('Tiltak = mål + plan');
    expect(guardFormula("'sitat")).toBe("'sitat");
    // Guarded first, then quoted: the apostrophe is inside the quotes.
    expect(csvField('=1+1;2')).toBe('"\'=1+1;2"');
    expect(csvField('=cmd|"/c calc"!A1')).toBe('"\'=cmd|""/c calc""!A1"');
    expect(csvField('\r\n=1')).toBe('"\'\r\n=1"');
    expect(csvText([['-', '=', '+', '@']])).toBe("\uFEFF'-;'=;'+;'@\r\n");
  });

  it('writes dates as dd.mm.åååå', () => {
    expect(excelDate('2026-11-28')).toBe('28.11.2026');
    expect(excelDate('2025-01-05T10:00:00.000Z')).toBe('05.01.2025');
    expect(excelDate(null)).toBe('');
    expect(excelDate('')).toBe('');
    expect(excelDate('not a date')).toBe('');
  });
});
