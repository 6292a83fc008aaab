import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Ordering (rules [O1]–[O4] in docs/document-format.md). Every ordered thing carries a
 * fractional-index `rank`; order is by rank, then by id. Ranks compare as plain JS strings
 * (code-unit order), which is the order fractional-indexing's base-62 digits are designed for.
 */

export interface Ranked {
  id: string;
  rank: string;
}

/** Total order: rank, then id. [O1] */
export function compareRanked(a: Ranked, b: Ranked): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export function sortRanked<T extends Ranked>(items: T[]): T[] {
  return items.sort(compareRanked);
}

/**
 * A rank strictly between `a` and `b` (null = open end).
 * When the neighbours are not strictly ordered (`a >= b`, which happens when two replicas
 * inserted at the same place and got equal ranks) there is no key between them; the result is
 * then a key after `a` (and so also after `b`): callers that need an exact position use
 * `ranksForInsert`, which re-ranks the tied run instead.
 *
 * @example rankBetween(null, null) // 'a0'
 */
export function rankBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) return generateKeyBetween(a, null);
  return generateKeyBetween(a, b);
}

/** True when `rank` is a key fractional-indexing can generate around. */
export function isValidRank(rank: string): boolean {
  try {
    generateKeyBetween(rank, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ranks that place a new item at `index` among `siblings` (already sorted by compareRanked).
 * Returns the new item's rank and, when the place lies inside a run of equal ranks, new ranks
 * for the siblings of that run that must follow it ([O3]). Touching those siblings is the price
 * of a collision; it keeps the insert exact and the order total.
 */
export function ranksForInsert(
  siblings: Ranked[],
  index: number,
): { rank: string; rerank: Array<{ id: string; rank: string }> } {
  const i = Math.max(0, Math.min(index, siblings.length));
  try {
    return insertBetweenNeighbours(siblings, i);
  } catch {
    // A rank that is not a valid fractional-index key (written by a foreign or buggy client)
    // makes key generation throw. Repair instead of failing forever on that column: give all
    // siblings fresh keys in their current order, with the new item at its place.
    const keys = generateNKeysBetween(null, null, siblings.length + 1);
    return {
      rank: keys[i]!,
      rerank: siblings.map((s, k) => ({ id: s.id, rank: keys[k < i ? k : k + 1]! })),
    };
  }
}

function insertBetweenNeighbours(
  siblings: Ranked[],
  i: number,
): { rank: string; rerank: Array<{ id: string; rank: string }> } {
  const prev = i > 0 ? siblings[i - 1]!.rank : null;
  const next = i < siblings.length ? siblings[i]!.rank : null;
  if (prev === null || next === null || prev < next) {
    return { rank: generateKeyBetween(prev, next), rerank: [] };
  }
  // prev >= next: a tie (or out-of-order ranks). Find the run after the insertion point whose
  // ranks are not above prev, and the first rank strictly above prev as the upper bound.
  let j = i;
  while (j < siblings.length && siblings[j]!.rank <= prev) j++;
  const upper = j < siblings.length ? siblings[j]!.rank : null;
  const run = siblings.slice(i, j);
  const keys = generateNKeysBetween(prev, upper, run.length + 1);
  return {
    rank: keys[0]!,
    rerank: run.map((s, k) => ({ id: s.id, rank: keys[k + 1]! })),
  };
}

/** `n` increasing ranks after `last` (null, or an invalid key: start fresh). */
export function ranksAfter(last: string | null, n: number): string[] {
  try {
    return generateNKeysBetween(last, null, n);
  } catch {
    return generateNKeysBetween(null, null, n);
  }
}
