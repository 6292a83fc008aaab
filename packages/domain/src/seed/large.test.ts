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

  // Speed is measured by the benchmarks (test/load), never asserted here.
  it('moves measures correctly in a 5,000-measure agreement', () => {
    const doc = new Y.Doc();
    generateLargeAgreement(doc, { measures: 5000 });
    const moved: string[] = [];
    for (let i = 1; i <= 20; i++) {
      const id = `gen-m-${String(i).padStart(5, '0')}`;
      moveMeasure(doc, id, { columnId: 'col-doing', index: 0 });
      moved.unshift(id);
    }
    const all = listMeasures(doc);
    expect(all).toHaveLength(5000);
    expect(new Set(all.map((m) => m.id)).size).toBe(5000);
    // index 0 is the top of the column on the measure's own board (focus area).
    const last = all.find((m) => m.id === moved[0]);
    const top = listMeasures(doc, { focusAreaId: last?.focusAreaId, columnId: 'col-doing' })[0];
    expect(top?.id).toBe(moved[0]);
  });
});
