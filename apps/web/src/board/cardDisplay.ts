import { create } from 'zustand';

const COMPACT_KEY = 'tavla.board.compactCards';

function readCompact(): boolean {
  try {
    return globalThis.localStorage?.getItem(COMPACT_KEY) === '1';
  } catch {
    return false; // storage blocked: the default, for this page
  }
}

interface CardDisplay {
  /**
   * Compact cards: the title, its tags, health, due date and owners only; the latest status,
   * milestones and checklist stay in the measure's panel. For a low laptop window, where full
   * cards leave room for one or two per column.
   */
  compact: boolean;
  setCompact: (compact: boolean) => void;
}

/**
 * How this person likes the cards of every board, in this browser (localStorage): a preference
 * of theirs, not a filter, so not in the address that others are sent.
 */
export const useCardDisplay = create<CardDisplay>((set) => ({
  compact: readCompact(),
  setCompact: (compact) => {
    try {
      if (compact) globalThis.localStorage?.setItem(COMPACT_KEY, '1');
      else globalThis.localStorage?.removeItem(COMPACT_KEY);
    } catch {
      // storage blocked: kept for this page only
    }
    set({ compact });
  },
}));

// Another tab of this browser changed it: every open board follows.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === COMPACT_KEY || e.key === null)
      useCardDisplay.setState({ compact: readCompact() });
  });
}

/** The stored preference again, as a page that starts now would read it (tests). */
export function rereadCardDisplay(): void {
  useCardDisplay.setState({ compact: readCompact() });
}
