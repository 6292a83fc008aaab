import { listColumns, listMeasures, listMilestones, listObjectives } from '@tavla/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { computeLayout, dropIndex, NO_GROUP } from '../board/layout';
import { seededSession } from '../test/harness';
import {
  EMPTY_FILTERS,
  type Filters,
  filtersFromSearch,
  filtersToSearch,
  matches,
} from './filters';

describe('filters in the URL', () => {
  it('round-trips through the query string and keeps other parameters', () => {
    const f: Filters = {
      ...EMPTY_FILTERS,
      text: 'ungdom',
      party: 'ipr',
      late: true,
      groupBy: 'owner',
    };
    const search = filtersToSearch(f, '?m=m-1-1');
    expect(search).toContain('m=m-1-1');
    expect(filtersFromSearch(search)).toEqual(f);
  });
  it('ignores unknown values', () => {
    expect(filtersFromSearch('?part=evil&status=blue&grupper=x')).toEqual(EMPTY_FILTERS);
  });
});

describe('matching and layout', () => {
  const session = seededSession(new Y.Doc());
  const doc = session.doc;
  const all = listMeasures(doc, { includeArchived: true });
  const input = (filters: Filters) => ({
    focusAreaId: 'fa-1',
    filters,
    columns: listColumns(doc),
    objectives: listObjectives(doc),
    milestones: listMilestones(doc),
    todayISO: '2026-11-27',
    ownerName: (id: string) => id,
  });

  it('filters by health, late and text', () => {
    const red = all.filter((m) => matches(m, { ...EMPTY_FILTERS, health: 'red' }, '2026-11-27'));
    expect(red.every((m) => m.health === 'red')).toBe(true);
    const late = all.filter((m) =>
      matches(m, { ...EMPTY_FILTERS, late: true }, '2026-11-27', listColumns(doc)),
    );
    expect(late.every((m) => m.dueDate !== null && m.dueDate < '2026-11-27')).toBe(true);
    const first = all.find((m) => !m.archived)!;
    const word = first.title.split(' ')[0]!.toUpperCase();
    expect(all.filter((m) => matches(m, { ...EMPTY_FILTERS, text: word }, '2026-11-27'))).toContain(
      first,
    );
  });

  it("filters by an owner, and by 'none': the measures nobody owns", () => {
    const base = all.find((m) => !m.archived)!;
    const kari = { ...base, id: 'a', owners: ['u-kari'] };
    const both = { ...base, id: 'b', owners: ['u-ola', 'u-kari'] };
    const nobody = { ...base, id: 'c', owners: [] };
    const pick = (owner: string) =>
      [kari, both, nobody]
        .filter((m) => matches(m, { ...EMPTY_FILTERS, owner }, '2026-11-27'))
        .map((m) => m.id);
    expect(pick('u-kari')).toEqual(['a', 'b']);
    expect(pick('u-ola')).toEqual(['b']);
    expect(pick('none')).toEqual(['c']);
    expect(pick('')).toEqual(['a', 'b', 'c']);
    expect(filtersFromSearch(filtersToSearch({ ...EMPTY_FILTERS, owner: 'none' }, ''))).toEqual({
      ...EMPTY_FILTERS,
      owner: 'none',
    });
  });

  it('lays out columns in rank order and groups by party with a lane for none', () => {
    const layout = computeLayout(all, input({ ...EMPTY_FILTERS, groupBy: 'party' }));
    const fa1 = all.filter((m) => m.focusAreaId === 'fa-1' && !m.archived);
    const ids = layout.lanes.flatMap((l) => Object.values(l.columns).flat());
    expect(ids.sort()).toEqual(fa1.map((m) => m.id).sort());
    const keys = layout.lanes.map((l) => l.key);
    for (const k of keys) expect(['county', 'ipr', 'joint', NO_GROUP]).toContain(k);
  });

  it('computes the move index among hidden siblings from the visible drop position', () => {
    // siblings a b c d; only b and d visible; dropped between them -> after b
    expect(dropIndex(['a', 'b', 'c', 'd'], ['b', 'X', 'd'], 'X')).toBe(2);
    expect(dropIndex(['a', 'b'], ['X', 'a'], 'X')).toBe(0);
    expect(dropIndex(['a', 'b'], ['X'], 'X')).toBe(0);
    expect(dropIndex(['a', 'b'], ['b', 'X'], 'X')).toBe(2);
  });
});
