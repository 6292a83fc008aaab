import { ROOT, SCHEMA_VERSION } from '@tavla/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindText, diff, mapPosition } from './ytextBinding';

function setup(initial: string) {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, initial);
  const el = document.createElement('input');
  document.body.appendChild(el);
  const origin = { source: 'local' };
  const unbind = bindText(el, text, origin);
  el.focus();
  return { doc, text, el, origin, unbind };
}

function type(el: HTMLInputElement, value: string, caret: number) {
  el.value = value;
  el.setSelectionRange(caret, caret);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('Y.Text binding', () => {
  it("runs onLocalEdit inside each local edit's transaction, never for remote edits", () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    const stamps = doc.getMap('m');
    text.insert(0, 'abc');
    const el = document.createElement('input');
    document.body.appendChild(el);
    const origin = { source: 'local' };
    let calls = 0;
    const unbind = bindText(el, text, origin, {
      onLocalEdit: () => {
        calls++;
        stamps.set('updatedAt', String(calls));
      },
    });
    const transactions: unknown[][] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.changed.size > 0) transactions.push([tr.origin, tr.changed.size]);
    });
    type(el, 'ab', 2); // a deletion only
    doc.transact(() => text.insert(0, 'x'), 'remote');
    expect(calls).toBe(1);
    // One transaction held both the deletion and the stamp (two types changed).
    expect(transactions).toEqual([
      [origin, 2],
      ['remote', 1],
    ]);
    unbind();
  });

  it('keeps the caret in place when someone inserts text before it', () => {
    const { text, el } = setup('Ungdomspanel');
    el.setSelectionRange(4, 4);
    text.doc!.transact(() => text.insert(0, 'Nytt '), 'remote');
    expect(el.value).toBe('Nytt Ungdomspanel');
    expect(el.selectionStart).toBe(9);
    expect(el.selectionEnd).toBe(9);
  });

  it('does not move the caret when someone inserts after it, and keeps a selection', () => {
    const { text, el } = setup('Ungdomspanel');
    el.setSelectionRange(2, 6);
    text.doc!.transact(() => text.insert(12, ' i Tromsø'), 'remote');
    expect(el.value).toBe('Ungdomspanel i Tromsø');
    expect([el.selectionStart, el.selectionEnd]).toEqual([2, 6]);
  });

  it('moves the caret back when text before it is deleted remotely', () => {
    const { text, el } = setup('abcdef');
    el.setSelectionRange(5, 5);
    text.doc!.transact(() => text.delete(1, 2), 'remote');
    expect(el.value).toBe('adef');
    expect(el.selectionStart).toBe(3);
  });

  it('turns local typing into a minimal insert at the caret, in the local origin', () => {
    const { doc, text, el, origin } = setup('aa');
    const origins: unknown[] = [];
    const deltas: unknown[] = [];
    doc.on('afterTransaction', (tr) => {
      if (tr.changed.size > 0) origins.push(tr.origin);
    });
    text.observe((e) => deltas.push(e.delta));
    type(el, 'aaa', 1); // typed "a" after the first "a"
    expect(text.toString()).toBe('aaa');
    expect(deltas).toEqual([[{ insert: 'a' }]]);
    expect(origins).toEqual([origin]);
  });

  it('merges concurrent typing from two people without losing characters', () => {
    const a = setup('Plan');
    const docB = new Y.Doc();
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.doc));
    const textB = docB.getText('t');
    type(a.el, 'Planer', 6);
    textB.insert(0, 'Ny ');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(docB), 'remote');
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.doc));
    expect(a.el.value).toBe('Ny Planer');
    expect(textB.toString()).toBe('Ny Planer');
    expect(a.el.selectionStart).toBe(9);
  });

  it('writes nothing, and never calls onLocalEdit, once the document is of a newer format', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'Plan');
    const el = document.createElement('textarea');
    document.body.appendChild(el);
    const origin = { source: 'local' };
    let calls = 0;
    // The measure's stamp would throw here ([F1]), inside the transaction of the text edit.
    const unbind = bindText(el, text, origin, { onLocalEdit: () => calls++ });
    el.focus();
    type(el as unknown as HTMLInputElement, 'Planer', 6);
    expect(text.toString()).toBe('Planer');
    // A newer Tavla migrates the document while the field is open.
    const newer = new Y.Doc();
    Y.applyUpdate(newer, Y.encodeStateAsUpdate(doc));
    newer.getMap(ROOT.meta).set('schemaVersion', SCHEMA_VERSION + 1);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(newer), 'remote');
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    type(el as unknown as HTMLInputElement, 'Planerx', 7);
    expect(text.toString()).toBe('Planer');
    expect(el.value).toBe('Planer');
    // Nor does the field's undo write (it would take back "er").
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }));
    expect(text.toString()).toBe('Planer');
    expect(updates).toEqual([]);
    expect(calls).toBe(1);
    // Others' edits still show.
    newer.getText('t').insert(0, 'Ny ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(newer), 'remote');
    expect(el.value).toBe('Ny Planer');
    unbind();
  });
});

describe('diff and mapPosition', () => {
  it('finds the replaced range', () => {
    expect(diff('hello world', 'hello brave world')).toEqual({
      index: 6,
      remove: 0,
      insert: 'brave ',
    });
    expect(diff('abc', 'ac')).toEqual({ index: 1, remove: 1, insert: '' });
    expect(diff('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
  });
  it('maps positions through inserts and deletes', () => {
    expect(mapPosition(3, [{ insert: 'xy' }])).toBe(5);
    expect(mapPosition(3, [{ retain: 3 }, { insert: 'xy' }])).toBe(3);
    expect(mapPosition(3, [{ retain: 1 }, { delete: 5 }])).toBe(1);
  });
});
