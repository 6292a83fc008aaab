import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

function printMedia(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('print')
    : null;
}

/**
 * True while the page is being printed (the print dialog's preview too), for what only paper
 * needs: every card of a long column, say, where the screen renders them as it scrolls. Set
 * synchronously in `beforeprint`, so the printout has it.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => printMedia()?.matches ?? false);
  useEffect(() => {
    const mql = printMedia();
    const set = (on: boolean) => flushSync(() => setPrinting(on));
    const before = () => set(true);
    const after = () => set(mql?.matches ?? false);
    const change = (e: MediaQueryListEvent) => set(e.matches);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    mql?.addEventListener('change', change);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      mql?.removeEventListener('change', change);
    };
  }, []);
  return printing;
}

/**
 * When the page is printed: the time a printout shows, taken again just before each print
 * (a page left open since the morning prints the afternoon's time).
 */
export function usePrintedAt(): string {
  const [at, setAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    const now = () => flushSync(() => setAt(new Date().toISOString()));
    window.addEventListener('beforeprint', now);
    return () => window.removeEventListener('beforeprint', now);
  }, []);
  return at;
}
