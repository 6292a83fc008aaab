import { ROOT } from '@tavla/domain';
import type * as Y from 'yjs';

/**
 * The shared types Y.UndoManager watches: measures, milestones and columns. Names come from the
 * domain (ROOT); used read-only, to scope undo, never to write.
 */
export function undoScope(doc: Y.Doc): Y.Map<unknown>[] {
  return [doc.getMap(ROOT.measures), doc.getMap(ROOT.milestones), doc.getMap(ROOT.columns)];
}
