import type * as Y from 'yjs';
import { root } from './doc.js';

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
  cb: (changedMeasureIds: Set<string>, other: boolean) => void,
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
    if (ids.size > 0 || other) cb(ids, other);
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
