import { describe, expect, it } from 'vitest';
import { placeLabels } from './scale';

describe('placeLabels', () => {
  it('keeps the full label width to the right of a mark where it fits', () => {
    const [a] = placeLabels([{ item: 'a', x: 0.1 }], 1000, 262).placed;
    expect(a).toMatchObject({ flip: false, width: 262 });
  });

  it('puts the label left of a mark near the end of the track where it fits there', () => {
    const [a] = placeLabels([{ item: 'a', x: 0.9 }], 1000, 262).placed;
    expect(a).toMatchObject({ flip: true, width: 262 });
  });

  it('narrows a label to the roomier side where neither side has room (a phone)', () => {
    // 340 px track: the mark at 204 px has 136 px to its right and 204 px to its left.
    const [a] = placeLabels([{ item: 'a', x: 0.6 }], 340, 262).placed;
    expect(a).toMatchObject({ flip: true, width: 204 });
    const [b] = placeLabels([{ item: 'b', x: 0.3 }], 340, 262).placed;
    expect(b).toMatchObject({ flip: false, width: 238 });
  });

  it('leaves a narrowed label room for at least its mark and a few letters', () => {
    const [a] = placeLabels([{ item: 'a', x: 0.5 }], 60, 262).placed;
    expect(a?.width).toBe(48);
  });
});
