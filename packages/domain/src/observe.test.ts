import fc from 'fast-check';
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
  textBefore,
  textChanged,
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

describe('textChanged and textBefore', () => {
  /** One edit of a text: insert, delete, or replace a range (with the same or other characters). */
  type Op =
    | { kind: 'insert'; at: number; s: string }
    | { kind: 'delete'; at: number; n: number }
    | { kind: 'replace'; at: number; n: number; s: string | null };
  const chars = fc.string({ maxLength: 4, unit: fc.constantFrom('a', 'b', 'æ', ' ', '😀') });
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: chars }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.nat(4) }),
    // s null: the range is replaced by exactly what it held (same length, same characters).
    fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      n: fc.nat(4),
      s: fc.option(chars),
    }),
  );
  /** `i`, moved off the middle of a surrogate pair: editors edit whole characters (Yjs turns a
   * split pair into two U+FFFD, and what the text read before is then lost). */
  const whole = (s: string, i: number) => (/[\uDC00-\uDFFF]/.test(s[i] ?? '') ? i + 1 : i);
  function apply(t: Y.Text, o: Op): void {
    const str = t.toString();
    const at = whole(str, o.at % (t.length + 1));
    if (o.kind === 'insert') {
      t.insert(at, o.s);
      return;
    }
    const n = whole(str, Math.min(at + o.n, t.length)) - at;
    if (o.kind === 'delete') {
      t.delete(at, n);
      return;
    }
    const s = o.s ?? t.toString().slice(at, at + n);
    t.delete(at, n);
    t.insert(at, s);
  }
  /** What textChanged/textBefore said for `text` in every transaction, with the truth. */
  function watch(doc: Y.Doc, text: () => Y.Text) {
    const seen: Array<{ changed: boolean; before: string | null; truth: [string, string] }> = [];
    let was = '';
    doc.on('beforeTransaction', () => {
      was = text().toString();
    });
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      const t = text();
      seen.push({
        changed: textChanged(tr, t),
        before: textBefore(tr, t),
        truth: [was, t.toString()],
      });
    });
    return seen;
  }
  const check = (seen: ReturnType<typeof watch>) => {
    for (const s of seen) {
      expect(s.changed).toBe(s.truth[0] !== s.truth[1]);
      expect(s.before).toBe(s.truth[0]);
    }
  };

  it('agree with comparing the whole text, for local and remote transactions and merges', () => {
    fc.assert(
      fc.property(
        chars,
        fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
        fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
        (initial, local, concurrent) => {
          const a = new Y.Doc();
          a.getText('t').insert(0, initial);
          const b = new Y.Doc();
          Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
          const seenA = watch(a, () => a.getText('t'));
          const seenB = watch(b, () => b.getText('t'));
          const sv = Y.encodeStateVector(a);
          for (const tx of local)
            a.transact(() => {
              for (const o of tx) apply(a.getText('t'), o);
            });
          // b edits concurrently, then receives a's transactions as one remote update.
          for (const tx of concurrent)
            b.transact(() => {
              for (const o of tx) apply(b.getText('t'), o);
            });
          Y.applyUpdate(b, Y.encodeStateAsUpdate(a, sv));
          check(seenA);
          check(seenB);
          expect(b.getText('t').toString()).toBe(
            (() => {
              Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
              return a.getText('t').toString();
            })(),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('say nothing changed in a text the transaction did not touch, and null for a new text', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<Y.Text>('m');
    map.set('x', new Y.Text('abc'));
    map.set('y', new Y.Text('def'));
    const results: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      results.push([textChanged(tr, map.get('x')!), textBefore(tr, map.get('x')!)]);
    });
    map.get('y')!.insert(0, 'z');
    map.set('x', new Y.Text('abc'));
    expect(results).toEqual([
      [false, 'abc'],
      [true, null],
    ]);
  });
});
