import { describe, expect, it } from 'vitest';
import { snugWidth } from './snugTitles';

/** Every character 10 px wide, the ellipsis 8 px. */
const mono = (k: number) => k * 10;

describe('snugWidth', () => {
  it('is the widest prefix that fits the box together with the ellipsis, not the box', () => {
    // 'Administrativt samarbeids' (25 characters, 250 px) and '…' fit 263 px; an 'm' more does not.
    expect(snugWidth('Administrativt samarbeidsmøte', 263, 8, mono)).toBe(258);
  });

  it('leaves out the spaces before the ellipsis, as the browser would draw "Administrativt …"', () => {
    // 15 characters ('Administrativt ') and '…' fit 160 px: drawn as 'Administrativt…'.
    expect(snugWidth('Administrativt samarbeidsmøte', 160, 8, mono)).toBe(148);
  });

  it('follows the widths it is given, character by character', () => {
    const widths = [0, 4, 16, 20, 33, 37];
    expect(snugWidth('ilmimi', 30, 6, (k) => widths[k]!)).toBe(26);
    expect(snugWidth('ilmimi', 43, 6, (k) => widths[k]!)).toBe(43);
  });

  it('is the ellipsis alone when not one character fits beside it', () => {
    expect(snugWidth('Møte', 12, 8, mono)).toBe(8);
  });
});
