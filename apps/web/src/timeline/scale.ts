/** Pure date arithmetic of the timeline: positions as fractions of the period, axis marks, slots. */

const DAY = 86_400_000;

export function dayNumber(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export interface Period {
  start: string;
  /** Last day of the period (inclusive). */
  end: string;
}

/** Fraction 0..1 of the period where a date sits (start of the day); the end day ends at 1. */
export function position(period: Period, iso: string): number {
  const s = dayNumber(period.start);
  const total = dayNumber(period.end) + 1 - s;
  return (dayNumber(iso) - s) / total;
}

export function inPeriod(period: Period, iso: string): boolean {
  return iso >= period.start && iso <= period.end;
}

export interface MonthMark {
  /** First day of the month, YYYY-MM-DD. */
  iso: string;
  year: number;
  /** 1..12 */
  month: number;
  from: number;
  to: number;
}

export interface QuarterMark {
  iso: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  from: number;
  to: number;
}

export interface YearMark {
  year: number;
  from: number;
  to: number;
}

function monthStart(y: number, m: number): string {
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

function nextMonth(y: number, m: number): [number, number] {
  return m === 12 ? [y + 1, 1] : [y, m + 1];
}

/** Month, quarter and year marks across the period (clipped to it). */
export function axisMarks(period: Period): {
  months: MonthMark[];
  quarters: QuarterMark[];
  years: YearMark[];
} {
  const months: MonthMark[] = [];
  const endNext = isoOfDay(dayNumber(period.end) + 1);
  let [y, m] = period.start.split('-').map(Number) as [number, number];
  while (monthStart(y, m) < endNext) {
    const [ny, nm] = nextMonth(y, m);
    const iso = monthStart(y, m);
    const from = Math.max(0, position(period, iso));
    const to = Math.min(1, position(period, monthStart(ny, nm)));
    months.push({ iso, year: y, month: m, from, to });
    [y, m] = [ny, nm];
  }
  const quarters: QuarterMark[] = [];
  for (const mm of months) {
    const q = (Math.floor((mm.month - 1) / 3) + 1) as 1 | 2 | 3 | 4;
    const last = quarters[quarters.length - 1];
    if (last && last.year === mm.year && last.quarter === q) last.to = mm.to;
    else quarters.push({ iso: mm.iso, year: mm.year, quarter: q, from: mm.from, to: mm.to });
  }
  const years: YearMark[] = [];
  for (const mm of months) {
    const last = years[years.length - 1];
    if (last && last.year === mm.year) last.to = mm.to;
    else years.push({ year: mm.year, from: mm.from, to: mm.to });
  }
  return { months, quarters, years };
}

/** Months in the period (rounded), e.g. 24 for a two-year action plan. */
export function periodMonths(period: Period): number {
  return Math.max(1, axisMarks(period).months.length);
}

/**
 * Zoom levels as how many months fill the visible width: the whole period, a year, half a year,
 * a quarter (only the ones shorter than the period).
 */
export function zoomLevels(period: Period): { months: number; factor: number }[] {
  const total = periodMonths(period);
  const out = [{ months: total, factor: 1 }];
  for (const months of [12, 6, 3]) if (months < total) out.push({ months, factor: total / months });
  return out;
}

export interface Placed<T> {
  item: T;
  /** Fraction 0..1 along the period. */
  x: number;
  /** Vertical slot (0 = top) so that labels do not overlap. */
  slot: number;
  /** Label drawn to the left of the mark (near the right edge). */
  flip: boolean;
  /** The label's width, px: `labelPx`, or less where neither side of the mark has room for it. */
  width: number;
}

/**
 * Stacks labelled marks into as few rows as possible: greedy by date, each label `labelPx` wide
 * to the right of its mark (to the left near the end of the track). On a narrow track (a phone)
 * where neither side has room for it, the label goes to the roomier side, narrowed to the room
 * there: it ran past the end of the track before, cut off by the chart's edge.
 *
 * @example
 * placeLabels([{ item: 'a', x: 0.6 }], 340, 262).placed[0]; // { flip: true, width: 204, ... }
 */
export function placeLabels<T>(
  items: { item: T; x: number }[],
  trackPx: number,
  labelPx: number,
  markPx = 24,
): { placed: Placed<T>[]; slots: number } {
  const sorted = [...items].sort((a, b) => a.x - b.x);
  const ends: number[] = [];
  const placed: Placed<T>[] = [];
  for (const it of sorted) {
    const px = it.x * trackPx;
    // From the date to either end of the track: a little less than the label may take (it
    // begins half a mark before the date), so that it ends inside the track either way.
    const roomRight = trackPx - px;
    const roomLeft = px;
    const fitsRight = px + labelPx <= trackPx;
    const flip = !fitsRight && (px - labelPx >= 0 || roomLeft > roomRight);
    const width = Math.floor(
      fitsRight || px - labelPx >= 0
        ? labelPx
        : Math.max(2 * markPx, Math.min(labelPx, flip ? roomLeft : roomRight)),
    );
    const start = flip ? px - width : px - markPx / 2;
    const end = flip ? px + markPx / 2 : px + width;
    let slot = ends.findIndex((e) => e + 8 <= start);
    if (slot < 0) {
      slot = ends.length;
      ends.push(end);
    } else ends[slot] = end;
    placed.push({ item: it.item, x: it.x, slot, flip, width });
  }
  return { placed, slots: Math.max(1, ends.length) };
}
