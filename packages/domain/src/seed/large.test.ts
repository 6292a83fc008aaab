import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateLargeAgreement, listMeasures, listMilestones, moveMeasure } from '../index.js';

describe('generateLargeAgreement', () => {
  it('generates the requested number of measures deterministically', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    generateLargeAgreement(a, { measures: 500 });
    generateLargeAgreement(b, { measures: 500 });
    expect(listMeasures(a)).toHaveLength(500);
    expect(listMeasures(a)).toEqual(listMeasures(b));
    expect(listMilestones(a)).toHaveLength(10);
  });

  it('keeps operations fast on 5,000 measures', () => {
    const doc = new Y.Doc();
    const t0 = performance.now();
    generateLargeAgreement(doc, { measures: 5000 });
    const t1 = performance.now();
    for (let i = 1; i <= 20; i++) {
      moveMeasure(doc, `gen-m-${String(i).padStart(5, '0')}`, { columnId: 'col-doing', index: 0 });
    }
    const t2 = performance.now();
    expect(listMeasures(doc)).toHaveLength(5000);
    // Generous bounds: this guards against accidental quadratic work, not a benchmark.
    expect(t1 - t0).toBeLessThan(5000);
    expect((t2 - t1) / 20).toBeLessThan(100);
  });
});
