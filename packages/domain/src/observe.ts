import * as Y from 'yjs';
import { root } from './doc.js';
import type { MeasureTextField } from './measureRead.js';

// biome-ignore lint/suspicious/noExplicitAny: Yjs types its parents as AbstractType<any>
type AnyType = Y.AbstractType<any>;

/**
 * Calls `cb` once per transaction that changed the agreement, with the ids of the measures it
 * touched (created, edited, moved, archived, text or checklist edits...) and whether anything
 * outside measures changed (`other`: columns, milestones, hierarchy, meta). Lets a board
 * re-render only the touched cards. Returns the unsubscribe function.
 *
 * @example const stop = observeAgreement(doc, (ids, other) => { ids.forEach(refreshCard); if (other) refreshBoard() })
 */
export function observeAgreement(
  doc: Y.Doc,
  cb: (changedMeasureIds: Set<string>, other: boolean, tr: Y.Transaction) => void,
): () => void {
  // Compared by identity only; the cast bridges Y.Map's narrower event type.
  const measures = root(doc, 'measures') as unknown as AnyType;
  const handler = (tr: Y.Transaction) => {
    if (tr.changed.size === 0) return;
    const ids = new Set<string>();
    let other = false;
    tr.changed.forEach((keys, type) => {
      if (type === measures) {
        for (const k of keys) if (k !== null) ids.add(k);
        return;
      }
      // Walk up to the child of the measures map: its key is the measure id.
      let cur: AnyType = type;
      for (;;) {
        const item = cur._item;
        if (!item) {
          other = true; // reached a root that is not `measures`
          return;
        }
        const parent = item.parent as AnyType;
        if (parent === measures) {
          if (item.parentSub !== null) ids.add(item.parentSub);
          return;
        }
        cur = parent;
      }
    });
    if (ids.size > 0 || other) cb(ids, other, tr);
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

/** Keys of a measure map a text edit may touch besides its text (the editor stamps them). */
const TEXT_EDIT_STAMPS = new Set(['updatedAt']);

/**
 * The text fields (title, description) of measure `id` that transaction `tr` edited, when
 * editing them (in place, character by character) is ALL it did to that measure; otherwise
 * null (the measure was created, moved, had another field set, a text replaced as a whole...).
 * For observers that want a cheap path for typing, the most frequent change by far.
 *
 * @example observeAgreement(doc, (ids, _o, tr) => ids.forEach((id) => measureTextEdits(tr, doc, id)))
 */
export function measureTextEdits(
  tr: Y.Transaction,
  doc: Y.Doc,
  id: string,
): MeasureTextField[] | null {
  const value = root(doc, 'measures').get(id);
  if (!(value instanceof Y.Map)) return null;
  const measure = value as unknown as AnyType;
  const fields: MeasureTextField[] = [];
  for (const [type, keys] of tr.changed) {
    if (type === measure) {
      for (const k of keys) if (k === null || !TEXT_EDIT_STAMPS.has(k)) return null;
      continue;
    }
    // Find whether `type` lies inside this measure, and through which key of it.
    let cur: AnyType = type;
    let key: string | null = null;
    for (;;) {
      const item = cur._item;
      if (!item) break; // a root: not inside this measure
      if (item.parent === measure) {
        key = item.parentSub;
        break;
      }
      cur = item.parent as AnyType;
    }
    if (key === null) continue;
    // Inside the measure: only the text itself (not something nested deeper) qualifies.
    if (cur !== type || !(type instanceof Y.Text) || (key !== 'title' && key !== 'description')) {
      return null;
    }
    if (!fields.includes(key)) fields.push(key);
  }
  if (fields.length === 0) return null;
  return fields.sort((a, b) => (a === b ? 0 : a === 'title' ? -1 : 1));
}

/** Where `client`'s clock stood when transaction `tr` began. */
function clockBefore(tr: Y.Transaction, client: number): number {
  return tr.beforeState.get(client) ?? 0;
}

/**
 * The string length of `text`'s characters that transaction `tr` inserted (still there at its
 * end) and deleted (there before it), found from the transaction's own structs: the cost is in
 * proportion to what the transaction did, not to the length of the text.
 */
function textDelta(tr: Y.Transaction, text: Y.Text): { inserted: number; deleted: number } {
  const store = tr.doc.store.clients;
  let inserted = 0;
  for (const [client, after] of tr.afterState) {
    const before = clockBefore(tr, client);
    const structs = store.get(client);
    if (after <= before || !structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const s = structs[i]!;
      if (s.id.clock >= after) break;
      if (!(s instanceof Y.Item) || s.parent !== text || s.deleted) continue;
      if (!(s.content instanceof Y.ContentString)) continue;
      inserted += Math.min(s.id.clock + s.length, after) - Math.max(s.id.clock, before);
    }
  }
  let deleted = 0;
  for (const [client, ranges] of tr.deleteSet.clients) {
    const structs = store.get(client);
    if (!structs || structs.length === 0) continue;
    const before = clockBefore(tr, client);
    const last = structs[structs.length - 1]!;
    const end = last.id.clock + last.length;
    for (const r of ranges) {
      // Only what existed before the transaction was there to be deleted.
      const to = Math.min(r.clock + r.len, before, end);
      if (r.clock >= to) continue;
      for (let i = Y.findIndexSS(structs, r.clock); i < structs.length; i++) {
        const s = structs[i]!;
        if (s.id.clock >= to) break;
        if (!(s instanceof Y.Item) || s.parent !== text) continue;
        // Deleted in this transaction, so not yet garbage-collected: the content is still there.
        if (!(s.content instanceof Y.ContentString)) continue;
        deleted += Math.min(s.id.clock + s.length, to) - Math.max(s.id.clock, r.clock);
      }
    }
  }
  return { inserted, deleted };
}

/** Both readings of `text` around transaction `tr`, walking all of it. */
function textAround(tr: Y.Transaction, text: Y.Text): { before: string; after: string } {
  let before = '';
  let after = '';
  for (let n = text._start; n !== null; n = n.right) {
    if (!(n.content instanceof Y.ContentString)) continue;
    const str = n.content.str;
    if (!n.deleted) after += str;
    // The part of the item that existed before the transaction, if it was visible then.
    const old = Math.max(0, Math.min(str.length, clockBefore(tr, n.id.client) - n.id.clock));
    if (old > 0 && (!n.deleted || Y.isDeleted(tr.deleteSet, n.id))) before += str.slice(0, old);
  }
  return { before, after };
}

/**
 * Whether transaction `tr` changed what `text` reads (`toString()`), decided from the
 * transaction's structs in time proportional to the change, not to the text: typing one
 * character into a long, much-edited description costs as little as into a short title.
 * Exact: characters replaced by the same characters are no change (then, and only then, both
 * readings are compared). Call it while the transaction is observed (`afterTransaction` or an
 * observer), before Yjs collects what it deleted.
 *
 * @example doc.on('afterTransaction', (tr) => { if (textChanged(tr, title)) markDirty() })
 */
export function textChanged(tr: Y.Transaction, text: Y.Text): boolean {
  const { inserted, deleted } = textDelta(tr, text);
  if (inserted !== deleted) return true;
  if (inserted === 0) return false;
  const { before, after } = textAround(tr, text);
  return before !== after;
}

/**
 * What `text` read before transaction `tr` (walks the whole text), or null when the text itself
 * was created by `tr`. Same timing rule as `textChanged`.
 */
export function textBefore(tr: Y.Transaction, text: Y.Text): string | null {
  const item = text._item;
  if (item && item.id.clock >= clockBefore(tr, item.id.client)) return null;
  return textAround(tr, text).before;
}
