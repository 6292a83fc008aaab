import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  completeMilestone,
  createMeasure,
  createMilestone,
  linkMeasure,
  listMilestones,
  listMilestonesForMeasure,
  milestoneTitle,
  readMilestone,
  reopenMilestone,
  unlinkMeasure,
  updateMilestone,
} from './index.js';
import { expectDomainError, recordTransactions, seededDoc } from './test/helpers.js';

function withMeasures() {
  const doc = seededDoc();
  const a = createMeasure(doc, { focusAreaId: 'fa-2', columnId: 'col-idea', title: 'A' });
  const b = createMeasure(doc, { focusAreaId: 'fa-2', columnId: 'col-idea', title: 'B' });
  return { doc, a, b };
}

describe('milestones', () => {
  it('creates a milestone with a Y.Text title and linked measures', () => {
    const { doc, a } = withMeasures();
    const id = createMilestone(doc, {
      focusAreaId: 'fa-2',
      title: ' Midtveisevaluering 2026 ',
      dueDate: '2026-12-01',
      measureIds: [a, a],
    });
    expect(readMilestone(doc, id)).toMatchObject({
      title: 'Midtveisevaluering 2026',
      dueDate: '2026-12-01',
      done: false,
      measureIds: [a],
    });
    expect(milestoneTitle(doc, id)).toBeInstanceOf(Y.Text);
  });

  it('validates input and answers not_found for unknown focus areas and measures', () => {
    const { doc } = withMeasures();
    expectDomainError(doc, 'invalid', () =>
      createMilestone(doc, { focusAreaId: 'fa-2', title: '', dueDate: '2026-12-01' }),
    );
    expectDomainError(doc, 'invalid', () =>
      createMilestone(doc, { focusAreaId: 'fa-2', title: 'T', dueDate: '2026-13-01' }),
    );
    expectDomainError(doc, 'not_found', () =>
      createMilestone(doc, { focusAreaId: 'fa-7', title: 'T', dueDate: '2026-12-01' }),
    );
    expectDomainError(doc, 'not_found', () =>
      createMilestone(doc, {
        focusAreaId: 'fa-2',
        title: 'T',
        dueDate: '2026-12-01',
        measureIds: ['m-x'],
      }),
    );
  });

  it('[O4] lists milestones by due date, filtered by focus area', () => {
    const { doc } = withMeasures();
    const late = createMilestone(doc, {
      focusAreaId: 'fa-2',
      title: 'Sent',
      dueDate: '2028-01-01',
    });
    const early = createMilestone(doc, {
      focusAreaId: 'fa-2',
      title: 'Tidlig',
      dueDate: '2026-01-01',
    });
    createMilestone(doc, { focusAreaId: 'fa-3', title: 'Annet', dueDate: '2025-01-01' });
    expect(listMilestones(doc, { focusAreaId: 'fa-2' }).map((m) => m.id)).toEqual([early, late]);
    expect(listMilestones(doc)).toHaveLength(3);
  });

  it('updates the due date, focus area and title', () => {
    const { doc } = withMeasures();
    const id = createMilestone(doc, { focusAreaId: 'fa-2', title: 'T', dueDate: '2026-01-01' });
    updateMilestone(doc, id, { dueDate: '2026-06-01', focusAreaId: 'fa-3', title: 'Ny' });
    expect(readMilestone(doc, id)).toMatchObject({
      dueDate: '2026-06-01',
      focusAreaId: 'fa-3',
      title: 'Ny',
    });
    expectDomainError(doc, 'not_found', () => updateMilestone(doc, id, { focusAreaId: 'fa-x' }));
    expectDomainError(doc, 'not_found', () =>
      updateMilestone(doc, 'ms-x', { dueDate: '2026-06-01' }),
    );
  });

  it('completes and reopens, idempotently', () => {
    const { doc } = withMeasures();
    const id = createMilestone(doc, { focusAreaId: 'fa-2', title: 'T', dueDate: '2026-01-01' });
    completeMilestone(doc, id);
    expect(readMilestone(doc, id)!.done).toBe(true);
    expect(readMilestone(doc, id)!.doneAt).not.toBeNull();
    expect(recordTransactions(doc, () => completeMilestone(doc, id))).toHaveLength(0);
    reopenMilestone(doc, id);
    expect(readMilestone(doc, id)).toMatchObject({ done: false, doneAt: null });
  });

  it('[F6] deduplicates concurrent links on read and unlink removes every occurrence', () => {
    const { doc: a, a: m1, b: m2 } = withMeasures();
    const ms = createMilestone(a, { focusAreaId: 'fa-2', title: 'T', dueDate: '2026-01-01' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    linkMeasure(a, ms, m1);
    linkMeasure(b, ms, m1);
    linkMeasure(b, ms, m2);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readMilestone(a, ms)!.measureIds.sort()).toEqual([m1, m2].sort());
    expect(readMilestone(b, ms)!.measureIds).toEqual(readMilestone(a, ms)!.measureIds);
    expect(listMilestonesForMeasure(a, m1).map((m) => m.id)).toEqual([ms]);
    unlinkMeasure(a, ms, m1);
    expect(readMilestone(a, ms)!.measureIds).toEqual([m2]);
    expect(listMilestonesForMeasure(a, m1)).toEqual([]);
  });

  it('linking twice locally writes once; unknown ids are not_found', () => {
    const { doc, a } = withMeasures();
    const ms = createMilestone(doc, { focusAreaId: 'fa-2', title: 'T', dueDate: '2026-01-01' });
    linkMeasure(doc, ms, a);
    expect(recordTransactions(doc, () => linkMeasure(doc, ms, a))).toHaveLength(0);
    expectDomainError(doc, 'not_found', () => linkMeasure(doc, ms, 'm-x'));
    expectDomainError(doc, 'not_found', () => linkMeasure(doc, 'ms-x', a));
  });
});
