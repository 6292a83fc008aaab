import { useEffect, useSyncExternalStore } from 'react';
import type { AgreementSession } from '../sync/session';

interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

const cache = new WeakMap<AgreementSession, UndoState>();

function read(session: AgreementSession): UndoState {
  const next = { canUndo: session.undo.canUndo(), canRedo: session.undo.canRedo() };
  const prev = cache.get(session);
  if (prev && prev.canUndo === next.canUndo && prev.canRedo === next.canRedo) return prev;
  cache.set(session, next);
  return next;
}

/** Whether this person has something of their own to undo or redo. */
export function useUndoState(session: AgreementSession): UndoState {
  return useSyncExternalStore(
    (l) => {
      const um = session.undo;
      um.on('stack-item-added', l);
      um.on('stack-item-popped', l);
      um.on('stack-cleared', l);
      return () => {
        um.off('stack-item-added', l);
        um.off('stack-item-popped', l);
        um.off('stack-cleared', l);
      };
    },
    () => read(session),
  );
}

/** True when typing in a field: there the field's own (Y.Text) undo applies, not the board's. */
export function isTextTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(el.type);
  }
  return el instanceof HTMLSelectElement;
}

/**
 * Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z (and Ctrl+Y) redoes this person's own changes only, while
 * `enabled` (the agreement can be edited: an undo writes into the document like any edit).
 */
export function useUndoShortcuts(session: AgreementSession, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (isTextTarget(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        session.undo.undo();
      } else if ((k === 'z' && e.shiftKey) || (k === 'y' && !e.metaKey)) {
        e.preventDefault();
        session.undo.redo();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [session, enabled]);
}
