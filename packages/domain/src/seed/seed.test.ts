import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  archiveMeasure,
  listActionPlans,
  listColumns,
  listFocusAreas,
  listMeasures,
  listMilestones,
  listObjectives,
  listOutcomes,
  listParties,
  listStrategies,
  readMeasure,
  readMilestone,
  readMeta,
  SCHEMA_VERSION,
  setMeasureOwner,
  setMeasureText,
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

/** The agreement as extracted from the PDF (a copy of shared/seed/tromsvekstavtalen.txt). */
const SOURCE = readFileSync(new URL('./fixtures/tromsvekstavtalen.txt', import.meta.url), 'utf8');

/** The source with PDF line-break hyphenation joined and whitespace collapsed. */
function normalisedSource(): string {
  return SOURCE.replace(/\t/g, ' ')
    .replace(/([a-zæøå])-[ ]*\n\s*(?!og\b)([a-zæøå])/g, '$1$2')
    .replace(/\s+/g, ' ');
}

describe('seed text', () => {
  it('[S3] uses the agreement text word for word, apart from PDF line-break artefacts', () => {
    const doc = seeded(false);
    const text = normalisedSource();
    const strings = [
      ...listFocusAreas(doc).flatMap((f) => [f.title, f.description]),
      ...listObjectives(doc).map((o) => o.title),
      ...listStrategies(doc).flatMap((s) => [
        s.title,
        ...s.description
          .split('\n')
          .filter(Boolean)
          .map((line) => line.replace(/^– /, '')),
      ]),
      ...listOutcomes(doc).map((o) => o.title),
      ...listActionPlans(doc).map((a) => a.evaluation.description),
    ];
    // Compounds the PDF broke over two lines without a hyphen, joined on purpose.
    const joined: Record<string, string> = {
      arealplanarbeid: 'areal planarbeid',
      næringsutvikling: 'nærings utvikling',
      'Tromsøregionen.': 'Tromsø regionen.',
    };
    const missing = strings.filter(
      (s) =>
        !text.includes(s) &&
        !Object.entries(joined).some(([clean, broken]) => text.includes(s.replace(clean, broken))),
    );
    expect(missing).toEqual([]);
    expect(strings.length).toBeGreaterThan(50);
  });

  it("keeps the four sub-points of delmål 4's second strategy", () => {
    const doc = seeded(false);
    const s = listStrategies(doc, 'obj-4')[1]!;
    expect(s.title).toBe('Helhetlig planlegging for bærekraftig besøksforvaltning.');
    expect(s.description.split('\n').filter((l) => l.startsWith('– '))).toHaveLength(4);
  });
});

describe('demo content', () => {
  it('links every demo measure to a strategy of its own focus area, and milestones to existing measures', () => {
    const doc = seeded(true);
    const objectives = new Map(listObjectives(doc).map((o) => [o.id, o]));
    const strategies = new Map(listStrategies(doc).map((s) => [s.id, s]));
    const columns = new Set(listColumns(doc).map((c) => c.id));
    for (const m of listMeasures(doc)) {
      const s = strategies.get(m.strategyId!)!;
      expect(s.objectiveId).toBe(m.objectiveId);
      expect(objectives.get(m.objectiveId!)!.focusAreaId).toBe(m.focusAreaId);
      expect(columns.has(m.columnId)).toBe(true);
      expect(m.title.length).toBeLessThanOrEqual(200);
    }
    for (const ms of listMilestones(doc)) {
      for (const id of ms.measureIds)
        expect(readMeasure(doc, id)?.focusAreaId).toBe(ms.focusAreaId);
    }
    expect(readMilestone(doc, 'ms-1-mid')).toMatchObject({
      title: 'Midtveisevaluering 2026',
      dueDate: '2026-12-01',
    });
    expect(new Set(listMeasures(doc).map((m) => m.health))).toEqual(
      new Set(['green', 'yellow', 'red']),
    );
    expect(new Set(listMeasures(doc).map((m) => m.party))).toEqual(
      new Set(['county', 'ipr', 'joint']),
    );
  });

  it('[S2] gives the demo measures no owners unless it is told who the demo people are', () => {
    expect(listMeasures(seeded(true)).filter((m) => m.owners.length > 0)).toEqual([]);
  });

  it('[S2] makes the demo people owners of their measures, under the user ids it is given', () => {
    const doc = new Y.Doc();
    seedTromsvekstavtalen(doc, {
      demoMeasures: true,
      demoPeople: { kari: 'user-kari-7f3a', ola: 'user-ola-19c2' },
    });
    const measures = listMeasures(doc);
    const ownersOf = (id: string) => measures.find((m) => m.id === id)!.owners;
    expect(ownersOf('m-1-1')).toEqual(['user-ola-19c2']);
    expect(ownersOf('m-1-5')).toEqual(['user-kari-7f3a']);
    expect(ownersOf('m-1-2')).toEqual(['user-kari-7f3a', 'user-ola-19c2']);
    expect(ownersOf('m-1-3')).toEqual([]);
    expect(new Set(measures.flatMap((m) => m.owners))).toEqual(
      new Set(['user-kari-7f3a', 'user-ola-19c2']),
    );
    // Plausible: the IPR's measures are Ola's, the county's Kari's, and every focus area keeps
    // measures with and without an owner, so that owner filter and grouping show both.
    for (const m of measures.filter((x) => x.owners.length === 1)) {
      if (m.party === 'ipr') expect(m.owners).toEqual(['user-ola-19c2']);
      if (m.party === 'county') expect(m.owners).toEqual(['user-kari-7f3a']);
    }
    for (const fa of listFocusAreas(doc)) {
      const inFa = measures.filter((m) => m.focusAreaId === fa.id);
      expect(inFa.some((m) => m.owners.length > 0)).toBe(true);
      expect(inFa.some((m) => m.owners.length === 0)).toBe(true);
    }
  });

  it('[S2] makes the demo people authors of their status updates and comments, under the same ids', () => {
    const doc = new Y.Doc();
    seedTromsvekstavtalen(doc, {
      demoMeasures: true,
      demoPeople: { kari: 'user-kari-7f3a', ola: 'user-ola-19c2' },
    });
    const measures = listMeasures(doc).map((m) => readMeasure(doc, m.id)!);
    const texts = measures.flatMap((m) => [...m.statusUpdates, ...m.comments]);
    expect(texts.length).toBeGreaterThan(0);
    expect(new Set(texts.map((x) => `${x.authorId} ${x.authorName}`))).toEqual(
      new Set(['user-kari-7f3a Kari Nordmann', 'user-ola-19c2 Ola Hansen']),
    );
    // m-1-1's status update is Ola's, as the measure is.
    expect(readMeasure(doc, 'm-1-1')!.statusUpdates[0]).toMatchObject({
      authorId: 'user-ola-19c2',
      authorName: 'Ola Hansen',
    });
  });

  it('[S2] gives the texts of a demo person it has no id for the placeholder author id', () => {
    const doc = new Y.Doc();
    seedTromsvekstavtalen(doc, { demoMeasures: true, demoPeople: { ola: 'u-ola' } });
    const texts = listMeasures(doc)
      .map((m) => readMeasure(doc, m.id)!)
      .flatMap((m) => [...m.statusUpdates, ...m.comments]);
    expect(new Set(texts.map((x) => `${x.authorId} ${x.authorName}`))).toEqual(
      new Set(['seed-kari Kari Nordmann', 'u-ola Ola Hansen']),
    );
    // Without the option at all (the domain's own tests): placeholders only.
    const plain = seeded(true);
    const ids = listMeasures(plain)
      .map((m) => readMeasure(plain, m.id)!)
      .flatMap((m) => [...m.statusUpdates, ...m.comments].map((x) => x.authorId));
    expect(new Set(ids)).toEqual(new Set(['seed-kari', 'seed-ola']));
  });

  it('[S2] leaves the measures of a demo person it has no id for without that owner', () => {
    const doc = new Y.Doc();
    seedTromsvekstavtalen(doc, { demoMeasures: true, demoPeople: { ola: 'u-ola' } });
    expect(new Set(listMeasures(doc).flatMap((m) => m.owners))).toEqual(new Set(['u-ola']));
    expect(readMeasure(doc, 'm-1-2')!.owners).toEqual(['u-ola']);
  });

  it('[S1] seeding again with owners leaves a seeded document, and owners changed since, alone', () => {
    const doc = seeded(true);
    seedTromsvekstavtalen(doc, { demoMeasures: true, demoPeople: { kari: 'u-kari' } });
    expect(listMeasures(doc).filter((m) => m.owners.length > 0)).toEqual([]);
    const owned = new Y.Doc();
    seedTromsvekstavtalen(owned, { demoMeasures: true, demoPeople: { kari: 'u-kari' } });
    setMeasureOwner(owned, 'm-1-5', 'u-kari', false);
    seedTromsvekstavtalen(owned, { demoMeasures: true, demoPeople: { kari: 'u-kari' } });
    expect(readMeasure(owned, 'm-1-5')!.owners).toEqual([]);
  });

  it('refuses an empty user id for a demo person', () => {
    expect(() =>
      seedTromsvekstavtalen(new Y.Doc(), { demoMeasures: true, demoPeople: { kari: ' ' } }),
    ).toThrow();
  });

  it('[S1] seeding over edited demo content keeps the edits', () => {
    const doc = seeded(true);
    setMeasureText(doc, 'm-1-1', 'title', 'Ungdomspanelet');
    archiveMeasure(doc, 'm-1-2');
    seedTromsvekstavtalen(doc, { demoMeasures: true });
    expect(readMeasure(doc, 'm-1-1')!.title).toBe('Ungdomspanelet');
    expect(readMeasure(doc, 'm-1-2')!.archived).toBe(true);
  });
});
