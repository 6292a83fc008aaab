import {
  listColumns,
  listMeasures,
  listMilestones,
  listObjectives,
  moveMeasure,
  setMeasureText,
  updateMeasure,
} from '@tavla/domain';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { computeLayout, sameLayout } from '../board/layout';
import { EMPTY_FILTERS } from '../filters/filters';
import { seededSession } from '../test/harness';
import { useDerivedMeasures, useMeasure, useMeasureFields } from './react';
import { sameValue } from './sameValue';

const REMOTE = { source: 'connection', userId: 'u-ola' } as const;

describe('subscription hooks', () => {
  it('re-renders a card only for changes to its own measure', () => {
    const session = seededSession();
    const [a, b] = listMeasures(session.doc, { focusAreaId: 'fa-1' });
    let rendersA = 0;
    let rendersB = 0;
    renderHook(() => {
      rendersA++;
      return useMeasure(session, a!.id);
    });
    const hb = renderHook(() => {
      rendersB++;
      return useMeasure(session, b!.id);
    });
    const [ra, rb] = [rendersA, rendersB];
    act(() => setMeasureText(session.doc, a!.id, 'title', 'Ny tittel fra Ola', REMOTE));
    expect(rendersA).toBe(ra + 1);
    expect(rendersB).toBe(rb);
    expect(hb.result.current!.title).toBe(b!.title);
  });

  it('keeps the board layout (and does not re-render the board) when only card text changes', () => {
    const session = seededSession();
    const doc = session.doc;
    const derive = (all: Parameters<typeof computeLayout>[0]) =>
      computeLayout(all, {
        focusAreaId: 'fa-1',
        filters: EMPTY_FILTERS,
        columns: listColumns(doc),
        objectives: listObjectives(doc),
        milestones: listMilestones(doc),
        todayISO: '2026-11-27',
        ownerName: (id) => id,
      });
    let renders = 0;
    const h = renderHook(() => {
      renders++;
      return useDerivedMeasures(session, derive, sameLayout);
    });
    const first = h.result.current;
    const before = renders;
    const m = listMeasures(doc, { focusAreaId: 'fa-1' })[0]!;
    act(() => setMeasureText(doc, m.id, 'title', 'Bare teksten endres', REMOTE));
    expect(h.result.current).toBe(first);
    expect(renders).toBe(before);
    act(() => moveMeasure(doc, m.id, { columnId: 'col-done', index: 0 }, REMOTE));
    expect(h.result.current).not.toBe(first);
    expect(renders).toBe(before + 1);
  });

  it('keeps the fields a component reads while other fields of the measure change', () => {
    const session = seededSession();
    const doc = session.doc;
    const fields = ['owners', 'checklist'] as const;
    let renders = 0;
    const h = renderHook(() => {
      renders++;
      return useMeasureFields(session, 'm-1-1', fields);
    });
    const first = h.result.current!;
    const before = renders;
    act(() => setMeasureText(doc, 'm-1-1', 'title', 'Bare tittelen endres', REMOTE));
    act(() => updateMeasure(doc, 'm-1-1', { party: 'joint' }, REMOTE));
    expect(h.result.current).toBe(first);
    expect(renders).toBe(before);
    act(() => updateMeasure(doc, 'm-1-1', { owners: ['u-ola'] }, REMOTE));
    expect(h.result.current!.owners).toEqual(['u-ola']);
    expect(h.result.current!.checklist).toBe(first.checklist);
    expect(renders).toBe(before + 1);
  });
});

describe('sameValue', () => {
  it('compares plain data by value', () => {
    expect(sameValue({ a: [1, { b: 'x' }], c: null }, { a: [1, { b: 'x' }], c: null })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});
