import {
  listColumns,
  listMeasures,
  listMilestones,
  listObjectives,
  moveMeasure,
  setMeasureText,
} from '@tavla/domain';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { computeLayout, sameLayout } from '../board/layout';
import { EMPTY_FILTERS } from '../filters/filters';
import { seededSession } from '../test/harness';
import { useDerivedMeasures, useMeasure } from './react';

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
});
