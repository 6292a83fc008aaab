import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addChecklistItem,
  completeMilestone,
  createMeasure,
  measureText,
  measureTextEdits,
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

describe('measureTextEdits', () => {
  /** What measureTextEdits said about `id` for the one transaction `change` made. */
  function edits(doc: Y.Doc, id: string, change: () => void) {
    let out: unknown = 'not called';
    const handler = (tr: Y.Transaction) => {
      out = measureTextEdits(tr, doc, id);
    };
    doc.on('afterTransaction', handler);
    change();
    doc.off('afterTransaction', handler);
    return out;
  }

  it('names the texts typed into, alone or with updatedAt, also for a remote update', () => {
    const doc = seededDoc(true);
    expect(edits(doc, 'm-1-1', () => measureText(doc, 'm-1-1', 'title').insert(0, 'x'))).toEqual([
      'title',
    ]);
    expect(
      edits(doc, 'm-1-1', () =>
        doc.transact(() => {
          measureText(doc, 'm-1-1', 'description').insert(0, 'y');
          measureText(doc, 'm-1-1', 'title').delete(0, 1);
          (doc.getMap('measures').get('m-1-1') as Y.Map<unknown>).set('updatedAt', 'now');
        }),
      ),
    ).toEqual(['title', 'description']);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(doc);
    measureText(doc, 'm-2-1', 'title').insert(0, 'z');
    const update = Y.encodeStateAsUpdate(doc, before);
    expect(edits(remote, 'm-2-1', () => Y.applyUpdate(remote, update))).toEqual(['title']);
  });

  it('is null for anything else done to the measure, and for other measures', () => {
    const doc = seededDoc(true);
    const typed = () => measureText(doc, 'm-1-1', 'title').insert(0, 'x');
    expect(edits(doc, 'm-1-2', typed)).toBeNull();
    expect(
      edits(doc, 'm-1-1', () => moveMeasure(doc, 'm-1-1', { columnId: 'col-done', index: 0 })),
    ).toBeNull();
    expect(edits(doc, 'm-1-1', () => updateMeasure(doc, 'm-1-1', { health: 'red' }))).toBeNull();
    expect(edits(doc, 'm-1-1', () => addChecklistItem(doc, 'm-1-1', 'punkt'))).toBeNull();
    expect(
      edits(doc, 'm-1-1', () =>
        doc.transact(() => {
          typed();
          updateMeasure(doc, 'm-1-1', { health: 'yellow' });
        }),
      ),
    ).toBeNull();
    // A text replaced as a whole is a new value, not typing.
    expect(
      edits(doc, 'm-1-1', () =>
        (doc.getMap('measures').get('m-1-1') as Y.Map<unknown>).set('title', new Y.Text('ny')),
      ),
    ).toBeNull();
    const id = 'unknown';
    expect(edits(doc, id, typed)).toBeNull();
  });
});
