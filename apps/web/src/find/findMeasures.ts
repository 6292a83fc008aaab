import type { MeasureView } from '@tavla/domain';

/** A measure found, with where the search words were found in its title (to mark them). */
export interface FoundMeasure {
  measure: MeasureView;
  /** Ranges of the title to mark, in order and not overlapping. */
  marks: readonly (readonly [start: number, end: number])[];
  /** Some words are only in the description. */
  inDescription: boolean;
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('nb');

/** The search words: split on white space, each folded; duplicates and empty ones dropped. */
export function searchWords(query: string): string[] {
  return [...new Set(fold(query).split(/\s+/).filter(Boolean))];
}

/** Where the words are in `title` (first occurrence of each), merged into ranges. */
function marksIn(title: string, words: readonly string[]): [number, number][] {
  // Folding keeps lengths for what Norwegian text holds (NFC, lower case), so indexes map back.
  const folded = fold(title);
  const ranges: [number, number][] = [];
  for (const w of words) {
    const at = folded.indexOf(w);
    if (at >= 0) ranges.push([at, at + w.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return folded.length === title.length ? merged : [];
}

const collator = new Intl.Collator('nb');

/**
 * The measures of an agreement that have every search word in their title or description, best
 * first: archived ones last; all words in the title before some only in the description; a
 * title starting with the first word before others; then by title. At most `limit`.
 * An empty query finds nothing (see recentMeasures).
 *
 * @example findMeasures(measures, 'lade distrikt') // "Ladeinfrastruktur … i distriktene"
 */
export function findMeasures(
  measures: readonly MeasureView[],
  query: string,
  limit = 20,
): FoundMeasure[] {
  const words = searchWords(query);
  if (words.length === 0) return [];
  const hits: { found: FoundMeasure; rank: number[] }[] = [];
  for (const m of measures) {
    const title = fold(m.title);
    const description = fold(m.description);
    let inTitle = 0;
    let ok = true;
    for (const w of words) {
      if (title.includes(w)) inTitle++;
      else if (!description.includes(w)) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const inDescription = inTitle < words.length;
    hits.push({
      found: { measure: m, marks: marksIn(m.title, words), inDescription },
      rank: [
        m.archived ? 1 : 0,
        inDescription ? 1 : 0,
        title.startsWith(words[0] as string) ? 0 : 1,
      ],
    });
  }
  hits.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) {
      const d = (a.rank[i] as number) - (b.rank[i] as number);
      if (d !== 0) return d;
    }
    return collator.compare(a.found.measure.title, b.found.measure.title);
  });
  return hits.slice(0, limit).map((h) => h.found);
}

/** The measures changed last (not archived), newest first: what the search offers before a word. */
export function recentMeasures(measures: readonly MeasureView[], limit = 8): FoundMeasure[] {
  return measures
    .filter((m) => !m.archived)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
    .slice(0, limit)
    .map((measure) => ({ measure, marks: [], inDescription: false }));
}
