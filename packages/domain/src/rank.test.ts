import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRanked, isValidRank, type Ranked, rankBetween, ranksForInsert } from './rank.js';

function apply(siblings: Ranked[], index: number, id: string): Ranked[] {
  const { rank, rerank } = ranksForInsert(siblings, index);
  const re = new Map(rerank.map((r) => [r.id, r.rank]));
  const next = siblings.map((s) => ({ id: s.id, rank: re.get(s.id) ?? s.rank }));
  next.push({ id, rank });
  return next.sort(compareRanked);
}

describe('rankBetween', () => {
  it('generates keys strictly between its neighbours', () => {
    const a = rankBetween(null, null);
    const b = rankBetween(a, null);
    const m = rankBetween(a, b);
    expect(a < m && m < b).toBe(true);
    expect(rankBetween(null, a) < a).toBe(true);
  });

  it('[O3] falls back to a key after a when the neighbours are equal', () => {
    expect(rankBetween('a0', 'a0') > 'a0').toBe(true);
  });
});

describe('ranksForInsert', () => {
  it('[O1] orders equal ranks by id', () => {
    const items = [
      { id: 'b', rank: 'a0' },
      { id: 'a', rank: 'a0' },
    ].sort(compareRanked);
    expect(items.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('[O3] inserts exactly between two siblings with equal ranks by re-ranking the tied run', () => {
    const siblings = [
      { id: 'x', rank: 'a0' },
      { id: 'y', rank: 'a1' },
      { id: 'z', rank: 'a1' },
      { id: 'w', rank: 'a2' },
    ];
    const { rank, rerank } = ranksForInsert(siblings, 2);
    expect(rank > 'a1' && rank < 'a2').toBe(true);
    expect(rerank).toHaveLength(1);
    expect(rerank[0]!.id).toBe('z');
    expect(rerank[0]!.rank > rank && rerank[0]!.rank < 'a2').toBe(true);
    expect(apply(siblings, 2, 'new').map((s) => s.id)).toEqual(['x', 'y', 'new', 'z', 'w']);
  });

  it('[O3] places an item at any index, whatever ties the siblings have', () => {
    const rankArb = fc.constantFrom('a0', 'a1', 'a1V', 'a2', 'Zz');
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ id: fc.string({ minLength: 1, maxLength: 3 }), rank: rankArb }),
          {
            selector: (r) => r.id,
            maxLength: 8,
          },
        ),
        fc.nat(10),
        (raw, index) => {
          const siblings = [...raw].sort(compareRanked);
          const i = Math.min(index, siblings.length);
          const after = apply(siblings, i, '\u{10FFFF}new');
          const ids = after.map((s) => s.id);
          const expected = siblings.map((s) => s.id);
          expected.splice(i, 0, '\u{10FFFF}new');
          expect(ids).toEqual(expected);
        },
      ),
    );
  });
});

describe('corrupt ranks', () => {
  it('[O3] re-ranks the whole column instead of failing when a sibling has an invalid rank', () => {
    const siblings = [
      { id: 'a', rank: '' },
      { id: 'b', rank: 'a0' },
      { id: 'c', rank: 'zzz!' },
    ].sort(compareRanked);
    expect(isValidRank('zzz!')).toBe(false);
    for (let index = 0; index <= siblings.length; index++) {
      const after = apply(siblings, index, 'new');
      const expected = siblings.map((s) => s.id);
      expected.splice(index, 0, 'new');
      expect(after.map((s) => s.id)).toEqual(expected);
      expect(after.every((s) => isValidRank(s.rank))).toBe(true);
    }
  });
});
