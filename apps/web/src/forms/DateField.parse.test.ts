import { describe, expect, it } from 'vitest';
import {
  daysInMonth,
  formatNorwegianDate,
  isLeapYear,
  parseNorwegianDate,
} from './DateField.parse';

const date = (iso: string) => ({ kind: 'date', iso });

describe('parseNorwegianDate', () => {
  it('reads every common way of typing 5 March 2026', () => {
    for (const text of [
      '05.03.2026',
      '5.3.2026',
      '5.03.2026',
      '05.3.2026',
      '5.3.26',
      '05.03.26',
      '05032026',
      '050326',
      '5/3/2026',
      '05/03/26',
      '5-3-2026',
      '05-03-26',
      '5,3,2026',
      '5. 3. 2026',
      '05 03 2026',
      '2026-03-05', // pasted ISO
      '2026-3-5',
      '2026/03/05',
      '2026.03.05',
      '20260305',
    ]) {
      expect({ text, parsed: parseNorwegianDate(text) }).toEqual({
        text,
        parsed: date('2026-03-05'),
      });
    }
  });

  it('ignores whitespace around the date and its separators', () => {
    expect(parseNorwegianDate('  5.3.2026 ')).toEqual(date('2026-03-05'));
    expect(parseNorwegianDate('\t05 . 03 . 2026\n')).toEqual(date('2026-03-05'));
    expect(parseNorwegianDate('\u00a02026-03-05\u00a0')).toEqual(date('2026-03-05'));
  });

  it('reads two-digit years as 20xx', () => {
    expect(parseNorwegianDate('1.1.00')).toEqual(date('2000-01-01'));
    expect(parseNorwegianDate('31.12.99')).toEqual(date('2099-12-31'));
    expect(parseNorwegianDate('010128')).toEqual(date('2028-01-01'));
  });

  it('is empty for nothing or only whitespace', () => {
    expect(parseNorwegianDate('')).toEqual({ kind: 'empty' });
    expect(parseNorwegianDate('   ')).toEqual({ kind: 'empty' });
  });

  it('knows leap years: 29 February only in them', () => {
    expect(parseNorwegianDate('29.02.2028')).toEqual(date('2028-02-29'));
    expect(parseNorwegianDate('29.2.24')).toEqual(date('2024-02-29'));
    expect(parseNorwegianDate('29.02.2000')).toEqual(date('2000-02-29')); // divisible by 400
    for (const text of ['29.02.2026', '29.02.2100', '29022027', '2026-02-29']) {
      expect({ text, parsed: parseNorwegianDate(text) }).toMatchObject({
        text,
        parsed: { kind: 'invalid', problem: 'day', month: 2 },
      });
    }
  });

  it('refuses days a month does not have, with the month and year to say so', () => {
    expect(parseNorwegianDate('31.02.2026')).toEqual({
      kind: 'invalid',
      problem: 'day',
      year: 2026,
      month: 2,
    });
    expect(parseNorwegianDate('31.04.2026')).toMatchObject({ problem: 'day', month: 4 });
    expect(parseNorwegianDate('32.01.2026')).toMatchObject({ problem: 'day', month: 1 });
    expect(parseNorwegianDate('0.1.2026')).toMatchObject({ problem: 'day' });
    expect(parseNorwegianDate('00.01.2026')).toMatchObject({ problem: 'day' });
    expect(parseNorwegianDate('31.12.2026')).toEqual(date('2026-12-31'));
    expect(parseNorwegianDate('30.04.2026')).toEqual(date('2026-04-30'));
  });

  it('refuses months outside 1-12', () => {
    expect(parseNorwegianDate('05.13.2026')).toMatchObject({ kind: 'invalid', problem: 'month' });
    expect(parseNorwegianDate('05.00.2026')).toMatchObject({ kind: 'invalid', problem: 'month' });
    expect(parseNorwegianDate('2026-13-05')).toMatchObject({ kind: 'invalid', problem: 'month' });
    // American order (month first) is not guessed: 3/25/2026 is the 3rd of month 25
    expect(parseNorwegianDate('3/25/2026')).toMatchObject({ kind: 'invalid', problem: 'month' });
  });

  it('refuses years that are surely typos', () => {
    expect(parseNorwegianDate('5.3.0026')).toMatchObject({ kind: 'invalid', problem: 'year' });
    expect(parseNorwegianDate('5.3.1899')).toMatchObject({ kind: 'invalid', problem: 'year' });
    expect(parseNorwegianDate('5.3.2200')).toMatchObject({ kind: 'invalid', problem: 'year' });
    expect(parseNorwegianDate('1.1.1900')).toEqual(date('1900-01-01'));
    expect(parseNorwegianDate('31.12.2199')).toEqual(date('2199-12-31'));
  });

  it('refuses what is not a date', () => {
    for (const text of [
      'abc',
      '5.3',
      '5.3.',
      '5.3.2026.',
      '5.3.202',
      '5.3.20266',
      '5.3.2026 kl 10',
      '123.4.2026',
      '5..3.2026',
      '5032026',
      '1234567890',
      '26-03-05-01',
      '2026-03-05T10:00',
      '5.mars 2026',
      '½.3.2026',
    ]) {
      expect({ text, parsed: parseNorwegianDate(text) }).toEqual({
        text,
        parsed: { kind: 'invalid', problem: 'format' },
      });
    }
  });
});

describe('formatNorwegianDate', () => {
  it('writes an ISO date as dd.mm.åååå, and nothing for none', () => {
    expect(formatNorwegianDate('2026-03-05')).toBe('05.03.2026');
    expect(formatNorwegianDate('2026-12-31')).toBe('31.12.2026');
    expect(formatNorwegianDate(null)).toBe('');
    expect(formatNorwegianDate('')).toBe('');
  });

  it('reads back what it writes', () => {
    for (const iso of ['2026-03-05', '2028-02-29', '2025-01-01', '2099-12-31'])
      expect(parseNorwegianDate(formatNorwegianDate(iso))).toEqual(date(iso));
  });
});

describe('calendar', () => {
  it('has leap years every 4 years, except centuries not divisible by 400', () => {
    expect([2024, 2026, 2028, 1900, 2000, 2100].map(isLeapYear)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2028, 2)).toBe(29);
  });
});
