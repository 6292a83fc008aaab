import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addChecklistItem,
  completeMilestone,
  createMeasure,
  measureText,
  moveMeasure,
  observeAgreement,
  updateMeasure,
} from './index.js';
import { seededDoc } from './test/helpers.js';

describe('observeAgreement', () => {
  it('reports the ids of the measures each transaction touched', () => {
    const doc = seededDoc(true);
    const calls: Array<[string[], boolean]> = [];
    const stop = observeAgreement(doc, (ids, other) => calls.push([[...ids].sort(), other]));
    const id = createMeasure(doc, { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'Ny' });
    moveMeasure(doc, 'm-1-1', { columnId: 'col-done', index: 0 });
    updateMeasure(doc, 'm-1-2', { health: 'red' });
    measureText(doc, 'm-1-3', 'description').insert(0, 'x');
    addChecklistItem(doc, 'm-2-1', 'punkt');
    completeMilestone(doc, 'ms-3-1');
    stop();
    updateMeasure(doc, 'm-1-2', { health: 'green' });
    expect(calls).toEqual([
      [[id], false],
      [['m-1-1'], false],
      [['m-1-2'], false],
      [['m-1-3'], false],
      [['m-2-1'], false],
      [[], true],
    ]);
  });

  it('reports remote updates too', () => {
    const a = seededDoc(true);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const seen: string[] = [];
    observeAgreement(b, (ids) => seen.push(...ids));
    moveMeasure(a, 'm-4-1', { columnId: 'col-done', index: 0 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    expect(seen).toEqual(['m-4-1']);
  });
});
