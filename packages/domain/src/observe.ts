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
