import {
  archiveMeasure,
  createMeasure,
  listMeasures as listActive,
  seedTromsvekstavtalen,
} from '@tavla/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findMeasures, recentMeasures, searchWords } from './findMeasures';

function seeded() {
  const doc = new Y.Doc();
  seedTromsvekstavtalen(doc, { agreementId: 'tromsvekstavtalen', demoMeasures: true });
  return doc;
}

/** Every measure, archived ones too (as the app's store has them). */
const listMeasures = (doc: Y.Doc) => listActive(doc, { includeArchived: true });

const titles = (found: ReturnType<typeof findMeasures>) => found.map((f) => f.measure.title);

describe('findMeasures', () => {
  it('finds measures of every focus area with all the words, in title or description', () => {
    const doc = seeded();
    const found = findMeasures(listMeasures(doc), 'LADE distrikt');
    expect(titles(found)).toEqual(['Ladeinfrastruktur for nullutslippskjøretøy i distriktene']);
    expect(found[0]!.measure.focusAreaId).toBe('fa-2');
    // The words are marked in the title where they stand.
    const t = found[0]!.measure.title;
    expect(found[0]!.marks.map(([a, b]) => t.slice(a, b))).toEqual(['Lade', 'distrikt']);
    // A word in no measure: nothing.
    expect(findMeasures(listMeasures(doc), 'lade zebra')).toEqual([]);
    expect(findMeasures(listMeasures(doc), '   ')).toEqual([]);
  });

  it('ranks title hits before description hits, a starting word first, archived last', () => {
    const doc = seeded();
    const a = createMeasure(doc, {
      focusAreaId: 'fa-1',
      columnId: 'col-idea',
      title: 'Plan for sykkelveier',
      description: 'Ingen ord her',
    });
    const b = createMeasure(doc, {
      focusAreaId: 'fa-3',
      columnId: 'col-idea',
      title: 'Regional sykkelplan',
    });
    const c = createMeasure(doc, {
      focusAreaId: 'fa-4',
      columnId: 'col-idea',
      title: 'Turistinformasjon',
      description: 'Kart over sykkelruter',
    });
    const d = createMeasure(doc, {
      focusAreaId: 'fa-4',
      columnId: 'col-idea',
      title: 'Sykkelutleie',
    });
    archiveMeasure(doc, d);
    const found = findMeasures(listMeasures(doc), 'sykkel').map((f) => f.measure.id);
    // a and b have it inside their titles ("Plan …" before "Regional …"), c only in its
    // description; "Sykkelutleie" starts with it but is archived.
    expect(found).toEqual([a, b, c, d]);
    expect(findMeasures(listMeasures(doc), 'sykkel')[2]!.inDescription).toBe(true);
    // A title that starts with the word comes first among title hits.
    const e = createMeasure(doc, {
      focusAreaId: 'fa-2',
      columnId: 'col-idea',
      title: 'Sykkelparkering',
    });
    expect(findMeasures(listMeasures(doc), 'sykkel')[0]!.measure.id).toBe(e);
  });

  it('keeps to the limit and reads æ, ø, å and composed letters alike', () => {
    const doc = seeded();
    for (let i = 0; i < 30; i++)
      createMeasure(doc, { focusAreaId: 'fa-1', columnId: 'col-idea', title: `Tiltak ${i}` });
    expect(findMeasures(listMeasures(doc), 'tiltak', 20)).toHaveLength(20);
    const id = createMeasure(doc, {
      focusAreaId: 'fa-1',
      columnId: 'col-idea',
      title: 'Kunnskapsgrunnlag for Tromsø og Målselv',
    });
    // "å" may come as a + combining ring (NFD, pasted from some programs).
    expect(findMeasures(listMeasures(doc), 'ma\u030Alselv').map((f) => f.measure.id)).toEqual([id]);
    expect(searchWords('  Tromsø  tromsø ')).toEqual(['tromsø']);
  });
});

describe('recentMeasures', () => {
  it('offers the measures changed last, not archived ones', () => {
    const doc = seeded();
    const all = listMeasures(doc);
    const newest = [...all].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    const recent = recentMeasures(all, 3).map((f) => f.measure.id);
    expect(recent).toEqual(
      newest
        .filter((m) => !m.archived)
        .slice(0, 3)
        .map((m) => m.id),
    );
    archiveMeasure(doc, recent[0]!);
    expect(recentMeasures(listMeasures(doc), 3).map((f) => f.measure.id)).not.toContain(recent[0]);
  });
});
