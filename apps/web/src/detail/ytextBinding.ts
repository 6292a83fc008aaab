import { readSchemaVersion, SCHEMA_VERSION } from '@tavla/domain';
import * as Y from 'yjs';

/** One contiguous edit turning `a` into `b`: the smallest replaced range by common prefix/suffix. */
export function diff(
  a: string,
  b: string,
  cursor?: number,
): { index: number; remove: number; insert: string } {
  let start = 0;
  const max = Math.min(a.length, b.length);
  // With a cursor hint (the caret after typing), don't let the prefix run past it: typing "a"
  // after "a" in "aa" must insert at the caret, not at the end.
  const prefixLimit =
    cursor === undefined
      ? max
      : Math.min(max, Math.max(0, cursor - Math.max(0, b.length - a.length)));
  while (start < prefixLimit && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { index: start, remove: endA - start, insert: b.slice(start, endB) };
}

type Delta = { insert?: unknown; delete?: number; retain?: number }[];

/** Where a position in the old text ends up after a remote delta (inserts at the caret push it on). */
export function mapPosition(
  pos: number,
  delta: Delta,
  assoc: 'before' | 'after' = 'after',
): number {
  let oldIndex = 0;
  let shift = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      oldIndex += op.retain;
      if (oldIndex > pos) break;
    } else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (oldIndex < pos || (oldIndex === pos && assoc === 'before')) shift += len;
      else break;
    } else if (op.delete !== undefined) {
      const end = oldIndex + op.delete;
      if (end <= pos) shift -= op.delete;
      else if (oldIndex < pos) shift -= pos - oldIndex;
      oldIndex = end;
      if (oldIndex > pos) break;
    }
  }
  return Math.max(0, pos + shift);
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * Binds a text input or textarea to a Y.Text character by character: local typing becomes the
 * minimal insert/delete (in a transaction with `origin`), a remote edit is applied to the field
 * with the caret and selection mapped through it, so it never jumps or eats what you type.
 * The field gets its own undo history of this person's typing (Ctrl/Cmd+Z inside the field).
 *
 * Writes nothing (the field shows the Y.Text again) while the field is read-only, or while the
 * document is of a newer format than this build ([F1]): a raw Y.Text edit would bypass the
 * domain's check, and `onLocalEdit` would then throw inside the transaction, after the text
 * had already changed.
 */
export function bindText(
  el: Field,
  ytext: Y.Text,
  origin: object,
  opts: {
    maxLength?: number;
    /** Runs inside each local edit's transaction (e.g. `stampTyping` of the measure). */
    onLocalEdit?: () => void;
  } = {},
): () => void {
  const doc = ytext.doc;
  el.value = ytext.toString();
  const undo = new Y.UndoManager(ytext, { trackedOrigins: new Set([origin]), captureTimeout: 600 });
  let composing = false;

  const writable = () => !el.readOnly && !(doc && readSchemaVersion(doc) > SCHEMA_VERSION);

  const onInput = () => {
    if (composing) return;
    if (!writable()) {
      el.value = ytext.toString();
      return;
    }
    const before = ytext.toString();
    let after = el.value;
    if (opts.maxLength !== undefined && after.length > opts.maxLength)
      after = after.slice(0, opts.maxLength);
    if (before === after) return;
    const d = diff(before, after, el.selectionEnd ?? undefined);
    const apply = () => {
      if (d.remove > 0) ytext.delete(d.index, d.remove);
      if (d.insert) ytext.insert(d.index, d.insert);
      opts.onLocalEdit?.();
    };
    if (doc) doc.transact(apply, origin);
    else apply();
  };

  const observer = (event: Y.YTextEvent) => {
    const next = ytext.toString();
    if (el.value === next) return;
    const focused = el.ownerDocument.activeElement === el;
    const selStart = el.selectionStart ?? 0;
    const selEnd = el.selectionEnd ?? 0;
    const dir = el.selectionDirection ?? 'none';
    const delta = event.delta as Delta;
    el.value = next;
    if (focused) {
      const s = mapPosition(selStart, delta, selStart === selEnd ? 'after' : 'after');
      const e = mapPosition(selEnd, delta, 'after');
      el.setSelectionRange(s, Math.max(s, e), dir);
    }
    if (event.transaction.origin !== origin) el.dispatchEvent(new CustomEvent('ytext-remote'));
  };

  const onKeyDown = (ev: Event) => {
    const e = ev as KeyboardEvent;
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const k = e.key.toLowerCase();
    const isUndoKey = k === 'z' || (k === 'y' && !e.metaKey);
    if (isUndoKey && !writable()) {
      // An undo here is an edit too; and the board's own undo must not take the key over.
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (k === 'z') {
      e.preventDefault();
      e.stopPropagation();
      if (e.shiftKey) undo.redo();
      else undo.undo();
    } else if (k === 'y' && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      undo.redo();
    }
  };
  const onCompStart = () => {
    composing = true;
  };
  const onCompEnd = () => {
    composing = false;
    onInput();
  };

  ytext.observe(observer);
  el.addEventListener('input', onInput);
  el.addEventListener('keydown', onKeyDown);
  el.addEventListener('compositionstart', onCompStart);
  el.addEventListener('compositionend', onCompEnd);
  return () => {
    ytext.unobserve(observer);
    el.removeEventListener('input', onInput);
    el.removeEventListener('keydown', onKeyDown);
    el.removeEventListener('compositionstart', onCompStart);
    el.removeEventListener('compositionend', onCompEnd);
    undo.destroy();
  };
}
