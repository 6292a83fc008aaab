import { createMeasure, listMeasures, moveMeasure, setMeasureText } from '@tavla/domain';
import { describe, expect, it, vi } from 'vitest';
import { seededSession } from '../test/harness';

describe('DocStore', () => {
  it('notifies only the listeners of the measure a transaction touched', () => {
    const session = seededSession();
    const [a, b] = listMeasures(session.doc, { focusAreaId: 'fa-1' });
    const store = session.store;
    const snapB = store.measure(b!.id);
    const onA = vi.fn();
    const onB = vi.fn();
    store.subscribeMeasure(a!.id, onA);
    store.subscribeMeasure(b!.id, onB);
    setMeasureText(session.doc, a!.id, 'title', 'Endret tittel', {
      source: 'connection',
      userId: 'u-ola',
    });
    expect(onA).toHaveBeenCalledTimes(1);
    expect(onB).not.toHaveBeenCalled();
    expect(store.measure(a!.id)!.title).toBe('Endret tittel');
    expect(store.measure(b!.id)).toBe(snapB); // same snapshot object: React bails out
  });

  it('keeps the structure snapshot when only measures change', () => {
    const session = seededSession();
    const before = session.store.structure();
    const m = listMeasures(session.doc)[0]!;
    moveMeasure(session.doc, m.id, { columnId: 'col-done', index: 0 });
    expect(session.store.structure()).toBe(before);
  });

  it('reports foreign changes with before/after, and not our own', () => {
    const session = seededSession();
    const seen: string[] = [];
    session.store.onForeignChange((changes) => {
      for (const c of changes) seen.push(`${c.id}:${c.before?.columnId}->${c.after?.columnId}`);
    });
    const m = listMeasures(session.doc, { focusAreaId: 'fa-1' })[0]!;
    moveMeasure(session.doc, m.id, { columnId: 'col-done', index: 0 }, session.origin);
    expect(seen).toEqual([]);
    moveMeasure(
      session.doc,
      m.id,
      { columnId: m.columnId, index: 0 },
      { source: 'connection', userId: 'x' },
    );
    expect(seen).toEqual([`${m.id}:col-done->${m.columnId}`]);
  });
});

describe('AgreementSession', () => {
  it('counts local changes made while offline as unsynced', () => {
    const session = seededSession();
    expect(session.connection.get()).toMatchObject({ status: 'offline', unsynced: 0 });
    createMeasure(
      session.doc,
      { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'På toget' },
      session.origin,
    );
    createMeasure(
      session.doc,
      { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'Også på toget' },
      session.origin,
    );
    expect(session.connection.get().unsynced).toBe(2);
    // a change from someone else is not ours to sync
    createMeasure(
      session.doc,
      { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'Fremmed' },
      { source: 'seed' },
    );
    expect(session.connection.get().unsynced).toBe(2);
  });

  it('undoes only its own changes', () => {
    const session = seededSession();
    const [a, b] = listMeasures(session.doc, { focusAreaId: 'fa-1' });
    moveMeasure(session.doc, a!.id, { columnId: 'col-done', index: 0 }, session.origin);
    session.undo.stopCapturing();
    moveMeasure(
      session.doc,
      b!.id,
      { columnId: 'col-done', index: 0 },
      { source: 'connection', userId: 'u-ola' },
    );
    session.undo.undo();
    const after = listMeasures(session.doc, { focusAreaId: 'fa-1' });
    expect(after.find((m) => m.id === a!.id)!.columnId).toBe(a!.columnId);
    expect(after.find((m) => m.id === b!.id)!.columnId).toBe('col-done');
  });
});
