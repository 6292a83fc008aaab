import { type RefObject, useLayoutEffect, useRef } from 'react';

const reduceMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Animates cards that changed place without a local drag (another person's move): FLIP with
 * the Web Animations API, from the position recorded after the previous layout. Cards that
 * appear for the first time fade in.
 */
export function useFlip(
  root: RefObject<HTMLElement | null>,
  layoutKey: unknown,
  paused: boolean,
  /** performance.now() before which nothing animates (our own drop: dnd-kit animates that). */
  quietUntil?: RefObject<number>,
): void {
  const prev = useRef(new Map<string, { left: number; top: number }>());
  // biome-ignore lint/correctness/useExhaustiveDependencies: layoutKey is the trigger: run after each new layout
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const next = new Map<string, { left: number; top: number }>();
    const cards = el.querySelectorAll<HTMLElement>('[data-testid="measure-card"]');
    const quiet = (quietUntil?.current ?? 0) > performance.now();
    const animate =
      !paused &&
      !quiet &&
      !reduceMotion() &&
      prev.current.size > 0 &&
      typeof Element.prototype.animate === 'function';
    // Read every position first, then start animations: interleaving the two would force a
    // layout per card (measured: over a second for 200 cards on a 2,000-measure board).
    const scrollLeft = el.scrollLeft;
    const placed: [HTMLElement, string, { left: number; top: number }][] = [];
    for (const card of cards) {
      const id = card.dataset.measureId;
      if (!id) continue;
      // Positions in scroll-independent coordinates, so scrolling a column is not a "move".
      const rect = card.getBoundingClientRect();
      const r = {
        left: rect.left + scrollLeft,
        top: rect.top + (card.parentElement?.scrollTop ?? 0),
      };
      next.set(id, r);
      placed.push([card, id, r]);
    }
    if (animate) {
      for (const [card, id, r] of placed) {
        const old = prev.current.get(id);
        if (!old) {
          card.animate(
            [
              { opacity: 0, transform: 'scale(0.97)' },
              { opacity: 1, transform: 'none' },
            ],
            { duration: 220, easing: 'ease-out' },
          );
          continue;
        }
        const dx = old.left - r.left;
        const dy = old.top - r.top;
        if (Math.abs(dx) < 1 && Math.abs(dy) < 1) continue;
        card.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'none' }], {
          duration: 260,
          easing: 'cubic-bezier(0.2, 0, 0, 1)',
        });
      }
    }
    prev.current = next;
  }, [layoutKey, paused, root]);
}
