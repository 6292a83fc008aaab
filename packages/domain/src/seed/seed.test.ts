import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  listActionPlans,
  listColumns,
  listFocusAreas,
  listMeasures,
  listMilestones,
  listObjectives,
  listOutcomes,
  listParties,
  listStrategies,
  readMeta,
  SCHEMA_VERSION,
  seedTromsvekstavtalen,
  TROMSVEKSTAVTALEN_ID,
} from '../index.js';

function seeded(demoMeasures = true): Y.Doc {
  const doc = new Y.Doc();
  seedTromsvekstavtalen(doc, { agreementId: TROMSVEKSTAVTALEN_ID, demoMeasures });
  return doc;
}

describe('seedTromsvekstavtalen', () => {
  it('writes meta with the current schema version', () => {
    expect(readMeta(seeded())).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      agreementId: 'tromsvekstavtalen',
      title: 'Tromsvekstavtalen for Tromsøregionen',
    });
  });

  it('seeds the two parties, four focus areas, six delmål and the 14 long-term results', () => {
    const doc = seeded(false);
    expect(listParties(doc).map((p) => p.name)).toEqual([
      'Troms fylkeskommune',
      'Tromsøregionens IPR',
    ]);
    expect(listParties(doc)[1]!.members).toEqual([
      'Tromsø',
      'Balsfjord',
      'Karlsøy',
      'Lyngen',
      'Storfjord',
    ]);
    expect(listFocusAreas(doc).map((f) => f.id)).toEqual(['fa-1', 'fa-2', 'fa-3', 'fa-4']);
    expect(listObjectives(doc).map((o) => o.code)).toEqual([
      '1.1',
      '1.2',
      '2.1',
      '2.2',
      '3.1',
      '4',
    ]);
    expect(listStrategies(doc)).toHaveLength(17);
    expect(listOutcomes(doc)).toHaveLength(14);
    expect(listActionPlans(doc).map((a) => a.title)).toEqual([
      'Handlingsplan 2025–2026',
      'Handlingsplan 2027–2028',
    ]);
    expect(listColumns(doc).map((c) => c.title)).toEqual(['Idé', 'Planlagt', 'Pågår', 'Ferdig']);
    expect(listMeasures(doc)).toHaveLength(0);
  });

  it('[S1] seeding twice is a no-op', () => {
    const doc = seeded();
    const before = Y.encodeStateAsUpdate(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    seedTromsvekstavtalen(doc, { agreementId: TROMSVEKSTAVTALEN_ID, demoMeasures: true });
    expect(updates).toBe(0);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('seeds demo measures and milestones in every focus area', () => {
    const doc = seeded();
    for (const fa of listFocusAreas(doc)) {
      expect(listMeasures(doc, { focusAreaId: fa.id }).length).toBeGreaterThanOrEqual(3);
      expect(listMilestones(doc, { focusAreaId: fa.id }).length).toBeGreaterThanOrEqual(2);
    }
  });
});
