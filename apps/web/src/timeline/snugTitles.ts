import { type RefObject, useLayoutEffect } from 'react';

/**
 * How wide a title cut with an ellipsis is drawn: the widest prefix of it that fits `box`
 * together with the ellipsis, trailing spaces left out (the browser would draw
 * "Administrativt …", we want "Administrativt…"). `prefixPx(k)` is the drawn width of the first
 * `k` characters, growing with `k`. Pure, so the rule is tested without a layout engine.
 *
 * @example snugWidth('Administrativt samarbeidsmøte', 179.2, 9.5, w) // ≈ w(25) + 9.5
 */
export function snugWidth(
  text: string,
  box: number,
  ellipsisPx: number,
  prefixPx: (k: number) => number,
): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (prefixPx(mid) + ellipsisPx <= box) lo = mid;
    else hi = mid - 1;
  }
  let k = lo;
  while (k > 0 && /\s/.test(text.charAt(k - 1))) k--;
  return prefixPx(k) + ellipsisPx;
}

/**
 * Narrows each title marked with `data-snug` (one text node, `text-overflow: ellipsis`) in `root` that the browser cut with an ellipsis to
 * the width of what it draws. The box of a cut title keeps the width the flex layout gave it,
 * and the ellipsis comes after the last character that fits whole, so up to a character's width
 * was left empty between "…" and what follows ("Administrativt samarbeids…  , 10. sep. 2025").
 * CSS has no way to fit a box to its cut text; this measures it. Titles that fit are left as
 * they are, and so is everything where nothing is laid out (a hidden print copy, jsdom).
 *
 * Reads all, then writes all: one layout for the whole row.
 */
export function snugTitles(root: HTMLElement): void {
  const titles = [...root.querySelectorAll<HTMLElement>('[data-snug]')];
  for (const el of titles) el.style.maxWidth = '';
  const cut = titles.filter((el) => el.scrollWidth > el.clientWidth && el.clientWidth > 0);
  const first = cut[0];
  if (!first) return;

  // The ellipsis in the titles' own font (they share one): drawn once in a probe beside the text.
  const probe = document.createElement('span');
  probe.textContent = '…';
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;pointer-events:none';
  first.appendChild(probe);
  const ellipsisPx = probe.getBoundingClientRect().width;
  probe.remove();

  const widths = cut.map((el) => {
    const text = el.firstChild;
    if (!(text instanceof Text)) return null;
    const range = document.createRange();
    const prefixPx = (k: number) => {
      range.setStart(text, 0);
      range.setEnd(text, k);
      return range.getBoundingClientRect().width;
    };
    return snugWidth(text.data, el.getBoundingClientRect().width, ellipsisPx, prefixPx);
  });
  // Half a pixel to spare: the browser places text on a finer grid than our sum of widths, and
  // a box a hair too narrow would cut one character more.
  cut.forEach((el, i) => {
    const w = widths[i];
    if (w != null) el.style.maxWidth = `${Math.ceil(w * 4) / 4 + 0.5}px`;
  });
}

/**
 * Keeps the cut titles in `ref` snug (see `snugTitles`): after each render whose `key` changed
 * (the texts, the language), when a web font has loaded (the widths change), and when the page
 * is printed or back on screen (the print copy is laid out only then, in its own sizes).
 */
export function useSnugTitles(ref: RefObject<HTMLElement | null>, key: string): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for what is drawn
  useLayoutEffect(() => {
    const root = ref.current;
    if (root) snugTitles(root);
  }, [ref, key]);

  useLayoutEffect(() => {
    const again = () => {
      if (ref.current) snugTitles(ref.current);
    };
    const fonts = typeof document !== 'undefined' ? document.fonts : undefined;
    fonts?.addEventListener?.('loadingdone', again);
    const print = typeof matchMedia === 'function' ? matchMedia('print') : null;
    print?.addEventListener?.('change', again);
    return () => {
      fonts?.removeEventListener?.('loadingdone', again);
      print?.removeEventListener?.('change', again);
    };
  }, [ref]);
}
