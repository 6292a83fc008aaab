/**
 * Norwegian dates as people type them (dd.mm.åååå and its common variants), to and from the
 * document's ISO dates (YYYY-MM-DD). No Date objects and no time zones: a date is three numbers.
 */

/** Years a typed date may name: anything else is a typo (0026, 2206) rather than a plan. */
export const YEAR_RANGE = { min: 1900, max: 2199 } as const;

export type DateProblem =
  /** Not readable as a date at all ("abc", "5.3", "1.2.345"). */
  | 'format'
  /** Month 0 or above 12. */
  | 'month'
  /** A day the month does not have (31.04, 29.02 of a non-leap year, day 0). */
  | 'day'
  /** A year outside YEAR_RANGE. */
  | 'year';

export type ParsedDate =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string }
  | {
      kind: 'invalid';
      problem: DateProblem;
      /** What could be read of it (for 'day': the month and year, to say how many days it has). */
      year?: number;
      month?: number;
    };

// Day and month of one or two digits, a year of two or four; the parts separated by '.', '/',
// '-', ',' or spaces (with spaces around a separator allowed: "5. 3. 2026").
const SEP = String.raw`\s*[./,-]\s*|\s+`;
const DMY = new RegExp(String.raw`^(\d{1,2})(?:${SEP})(\d{1,2})(?:${SEP})(\d{4}|\d{2})$`);
// A pasted ISO date (2026-03-05), also with other separators (2026.03.05, 2026/3/5).
const YMD = new RegExp(String.raw`^(\d{4})(?:${SEP})(\d{1,2})(?:${SEP})(\d{1,2})$`);
// Digits only: ddmmåååå (05032026) or ddmmåå (050326).
const DIGITS = /^(\d{2})(\d{2})(\d{4}|\d{2})$/;
// ISO without separators (20260305). Never also a valid ddmmåååå: its fifth and sixth digits
// would be both a month (01-12) and the start of a year (19-21).
const ISO_DIGITS = /^(\d{4})(\d{2})(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads a date typed the Norwegian way: 5.3.2026, 05.03.2026, 5.3.26, 05032026, 050326, with
 * '/' or '-' as separators too, or a pasted ISO date (2026-03-05, 20260305). Two-digit years
 * are 20xx.
 * Whitespace around it (and around separators) is ignored.
 */
export function parseNorwegianDate(text: string): ParsedDate {
  const s = text.trim();
  if (s === '') return { kind: 'empty' };
  let m = YMD.exec(s);
  if (m) return check(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DMY.exec(s) ?? DIGITS.exec(s);
  if (m) {
    const dmy = check(fullYear(m[3]!), Number(m[2]), Number(m[1]));
    const iso = dmy.kind === 'invalid' ? ISO_DIGITS.exec(s) : null;
    const ymd = iso && check(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return ymd?.kind === 'date' ? ymd : dmy;
  }
  return { kind: 'invalid', problem: 'format' };
}

function fullYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

function check(year: number, month: number, day: number): ParsedDate {
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max)
    return { kind: 'invalid', problem: 'year', year };
  if (month < 1 || month > 12) return { kind: 'invalid', problem: 'month', year, month };
  if (day < 1 || day > daysInMonth(year, month))
    return { kind: 'invalid', problem: 'day', year, month };
  return { kind: 'date', iso: `${year}-${pad(month)}-${pad(day)}` };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An ISO date (YYYY-MM-DD) as dd.mm.åååå; anything else as it is. */
export function formatNorwegianDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}
