import {
  addStatusUpdate,
  archiveMeasure,
  createMeasure,
  seedTromsvekstavtalen,
  setClock,
} from '@tavla/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { i18next } from '../i18n';
import { DocStore } from '../sync/docStore';
import { csvText } from './csv';
import { exportFile, exportFileName } from './exportFile';
import { type ExportOptions, type ExportSource, measureTable, milestoneTable } from './rows';
import { MEASURE_HEADER_NB, MILESTONE_HEADER_NB } from './testing';

const TODAY = '2026-11-28';
const MEMBERS: Record<string, string> = { 'u-kari': 'Kari Nordmann', 'u-ola': 'Ola Hansen' };

/** The seeded Tromsvekstavtalen, read as the page reads it (the session's DocStore). */
function seeded(): { doc: Y.Doc; source: () => ExportSource } {
  const doc = new Y.Doc();
  seedTromsvekstavtalen(doc, { agreementId: 'tromsvekstavtalen', demoMeasures: true });
  const store = new DocStore(doc);
  return { doc, source: () => ({ ...store.structure(), measures: store.allMeasures() }) };
}

function options(lang = 'nb', includeArchived = false): ExportOptions {
  return {
    todayISO: TODAY,
    includeArchived,
    ownerName: (id) => MEMBERS[id] ?? id,
    t: i18next.getFixedT(lang),
  };
}

/** A table as objects keyed by its header, for reading values by column name. */
function records(table: { header: string[]; rows: string[][] }): Record<string, string>[] {
  return table.rows.map((r) => Object.fromEntries(table.header.map((h, i) => [h, r[i] ?? ''])));
}

let restoreClock: (() => void) | undefined;
beforeEach(() => {
  restoreClock = setClock(() => new Date('2026-11-28T09:30:00.000Z'));
});
afterEach(() => restoreClock?.());

describe('the measures table', () => {
  it('has the columns a manager needs, in order, with bokmål headers', () => {
    const { source } = seeded();
    expect(measureTable(source(), options()).header).toEqual(MEASURE_HEADER_NB);
  });

  it('translates the headers and labels to nynorsk and English', () => {
    const { source } = seeded();
    const nn = measureTable(source(), options('nn'));
    expect(nn.header.slice(3, 12)).toEqual([
      'Tiltak',
      'Skildring',
      'Part',
      'Ansvarlege',
      'Kolonne',
      'Status',
      'Startdato',
      'Frist',
      'Forseinka',
    ]);
    const en = records(measureTable(source(), options('en')));
    const panel = en.find((r) => r.Measure === 'Ungdomspanel for Tromsøregionen');
    expect(panel).toMatchObject({
      'Focus area': '1 Befolkningsutvikling',
      Health: 'On track',
      Late: 'Yes',
      Checklist: '2 of 3',
      'Due date': '30.06.2026', // the same date format in every language: the file is for Excel
    });
  });

  it('holds every measure that is not archived, in board order, with the seed’s values', () => {
    const { source } = seeded();
    const table = measureTable(source(), options());
    expect(table.rows).toHaveLength(18);
    // Focus area 1 first, its columns from left to right: Idé, Planlagt, Pågår (two), Ferdig.
    expect(table.rows.slice(0, 5).map((r) => r[3])).toEqual([
      'Kartlegging av kollektivtilbudet mellom kommunene i regionen',
      'Videreføring av tiltak etter Europeisk ungdomshovedstad 2026',
      'Ungdomspanel for Tromsøregionen',
      'Felles velkomstprogram for tilflyttere',
      'Dialogmøter om kompetansebehov med videregående skoler og næringsliv',
    ]);
    expect(table.rows.at(-1)?.[0]).toBe('4 Reiseliv');

    const panel = records(table).find((r) => r.Tiltak === 'Ungdomspanel for Tromsøregionen');
    expect(panel).toEqual({
      Innsatsområde: '1 Befolkningsutvikling',
      Delmål:
        '1.1 Tromsøregionen skal være et attraktivt sted der unge mennesker ønsker å studere, bo og arbeide.',
      Strategi: 'Støtte og tilrettelegge for ungdomsmedvirkning.',
      Tiltak: 'Ungdomspanel for Tromsøregionen',
      Beskrivelse:
        'Et felles ungdomspanel med representanter fra alle fem kommunene, som gir innspill til regionale planer og tiltak.',
      Part: 'IPR',
      Ansvarlige: '',
      Kolonne: 'Pågår',
      Status: 'På sporet',
      Startdato: '01.09.2025',
      Frist: '30.06.2026',
      Forsinket: 'Ja', // due 30 June 2026, still in "Pågår" on 28 November 2026
      Sjekkliste: '2 av 3',
      Milepæler:
        'Ungdomspanelet har hatt første samling (30.04.2026); Midtveisevaluering 2026 (01.12.2026)',
      'Siste statusoppdatering':
        'Alle kommunene har oppnevnt representanter. (10.02.2026, Ola Hansen)',
      'Sist endret': '17.06.2025',
    });
  });

  it('says Forsinket only of late measures: not without a due date, not in a done column', () => {
    const { source } = seeded();
    const late = (title: string) =>
      records(measureTable(source(), options())).find((r) => r.Tiltak === title)?.Forsinket;
    // No due date.
    expect(late('Kartlegging av kollektivtilbudet mellom kommunene i regionen')).toBe('Nei');
    // Due 15 Dec 2025, but in "Ferdig".
    expect(late('Dialogmøter om kompetansebehov med videregående skoler og næringsliv')).toBe(
      'Nei',
    );
    // Due 31 Dec 2026: not yet.
    expect(late('Videreføring av tiltak etter Europeisk ungdomshovedstad 2026')).toBe('Nei');
    expect(late('Felles velkomstprogram for tilflyttere')).toBe('Ja');
  });

  it('leaves archived measures out, and takes them in, marked, when asked', () => {
    const { doc, source } = seeded();
    archiveMeasure(doc, 'm-1-2');
    const without = measureTable(source(), options());
    expect(without.rows).toHaveLength(17);
    expect(without.rows.map((r) => r[3])).not.toContain(
      'Videreføring av tiltak etter Europeisk ungdomshovedstad 2026',
    );
    expect(without.header).not.toContain('Arkivert');

    const all = measureTable(source(), options('nb', true));
    expect(all.rows).toHaveLength(18);
    expect(all.header.at(-1)).toBe('Arkivert');
    const rows = records(all);
    expect(
      rows.find((r) => r.Tiltak === 'Videreføring av tiltak etter Europeisk ungdomshovedstad 2026'),
    ).toMatchObject({ Arkivert: 'Ja', Kolonne: 'Planlagt', 'Sist endret': '28.11.2026' });
    expect(rows.filter((r) => r.Arkivert === 'Nei')).toHaveLength(17);
  });

  it('leaves the cells of what a measure does not have empty, also without a delmål', () => {
    const { doc, source } = seeded();
    const id = createMeasure(doc, {
      focusAreaId: 'fa-2',
      columnId: 'col-doing',
      title: 'Felles innkjøp; fase 2 – "grønn" industri',
      owners: ['u-ola', 'u-kari', 'u-gone'],
    });
    addStatusUpdate(doc, id, {
      health: 'red',
      text: 'Stopp i anbudet.\nVenter på avklaring.',
      authorId: 'u-kari',
      authorName: 'Kari Nordmann',
      date: '2026-11-27',
    });
    const row = records(measureTable(source(), options())).find(
      (r) => r.Tiltak === 'Felles innkjøp; fase 2 – "grønn" industri',
    );
    expect(row).toEqual({
      Innsatsområde:
        '2 Behovet for styrket samfunns- og arealplanarbeid, inkludert tilrettelegging for grønne industriområder',
      Delmål: '',
      Strategi: '',
      Tiltak: 'Felles innkjøp; fase 2 – "grønn" industri',
      Beskrivelse: '',
      Part: '',
      // Names of members; an id nobody has any more as itself (as on the card).
      Ansvarlige: 'Ola Hansen, Kari Nordmann, u-gone',
      Kolonne: 'Pågår',
      Status: 'Kritisk',
      Startdato: '',
      Frist: '',
      Forsinket: 'Nei',
      Sjekkliste: '',
      Milepæler: '',
      'Siste statusoppdatering':
        'Stopp i anbudet.\nVenter på avklaring. (27.11.2026, Kari Nordmann)',
      'Sist endret': '28.11.2026',
    });
    // In the file: one quoted cell each, the row still one record.
    const file = csvText([['x'], ...measureTable(source(), options()).rows]);
    expect(file).toContain(
      ';"Felles innkjøp; fase 2 – ""grønn"" industri";;;Ola Hansen, Kari Nordmann, u-gone;Pågår;Kritisk;;;Nei;;;"Stopp i anbudet.\nVenter på avklaring. (27.11.2026, Kari Nordmann)";28.11.2026\r\n',
    );
  });

  it('writes what people typed as typed, also what looks like a translation’s markup', () => {
    const { doc, source } = seeded();
    const id = createMeasure(doc, {
      focusAreaId: 'fa-1',
      columnId: 'col-idea',
      title: 'Plan {{count}} $t(excelExport.yes)',
    });
    addStatusUpdate(doc, id, {
      health: 'green',
      text: '{{name}} og $t(health.red)',
      authorId: 'u-ola',
      authorName: 'Ola {{text}}',
      date: '2026-11-27',
    });
    const row = records(measureTable(source(), options())).find((r) =>
      r.Tiltak?.startsWith('Plan'),
    );
    expect(row?.Tiltak).toBe('Plan {{count}} $t(excelExport.yes)');
    expect(row?.['Siste statusoppdatering']).toBe(
      '{{name}} og $t(health.red) (27.11.2026, Ola {{text}})',
    );
  });

  it('guards a measure titled like a formula', () => {
    const { doc, source } = seeded();
    createMeasure(doc, { focusAreaId: 'fa-1', columnId: 'col-idea', title: '=1+1' });
    const { text } = exportFile('measures', 'tromsvekstavtalen', source(), options());
    expect(text).toContain(";'=1+1;");
    expect(text).not.toMatch(/(^|;)=1\+1/m);
  });
});

describe('the milestones table', () => {
  it('has one row per milestone, by focus area and date, with the timeline’s states', () => {
    const { source } = seeded();
    const table = milestoneTable(source(), options());
    expect(table.header).toEqual(MILESTONE_HEADER_NB);
    expect(table.rows).toHaveLength(12);
    expect(table.rows.slice(0, 3)).toEqual([
      [
        '1 Befolkningsutvikling',
        'Ungdomspanelet har hatt første samling',
        '30.04.2026',
        'Nådd',
        'Ja',
        '1',
        'Ungdomspanel for Tromsøregionen',
      ],
      [
        '1 Befolkningsutvikling',
        'Midtveisevaluering 2026',
        '01.12.2026',
        // Not yet due, but a linked measure is red and one is late.
        'I faresonen',
        'Nei',
        '3',
        'Ungdomspanel for Tromsøregionen; Videreføring av tiltak etter Europeisk ungdomshovedstad 2026; Felles velkomstprogram for tilflyttere',
      ],
      [
        '1 Befolkningsutvikling',
        'Sluttevaluering 2028',
        '01.12.2028',
        'I rute',
        'Nei',
        '1',
        'Kartlegging av kollektivtilbudet mellom kommunene i regionen',
      ],
    ]);
    const reiseliv = records(table).filter((r) => r.Innsatsområde === '4 Reiseliv');
    expect(reiseliv.map((r) => [r.Milepæl, r.Dato, r.Tilstand])).toEqual([
      ['Ansvarsfordeling for utfartsområdene avklart', '01.11.2026', 'Forsinket'],
      ['Midtveisevaluering 2026', '01.12.2026', 'I faresonen'],
      ['Sluttevaluering 2028', '01.12.2028', 'I rute'],
    ]);
  });

  it('counts only measures that are not archived, as the timeline does, unless asked', () => {
    const { doc, source } = seeded();
    archiveMeasure(doc, 'm-1-2');
    const mid = (o: ExportOptions) =>
      records(milestoneTable(source(), o)).find(
        (r) =>
          r.Innsatsområde === '1 Befolkningsutvikling' && r.Milepæl === 'Midtveisevaluering 2026',
      );
    expect(mid(options())).toMatchObject({
      'Antall tiltak': '2',
      Tiltak: 'Ungdomspanel for Tromsøregionen; Felles velkomstprogram for tilflyttere',
    });
    expect(mid(options('nb', true))).toMatchObject({
      'Antall tiltak': '3',
      Tiltak:
        'Ungdomspanel for Tromsøregionen; Videreføring av tiltak etter Europeisk ungdomshovedstad 2026 (arkivert); Felles velkomstprogram for tilflyttere',
    });
  });
});

describe('the file', () => {
  it('is named by agreement, what and date', () => {
    const { source } = seeded();
    expect(exportFile('measures', 'tromsvekstavtalen', source(), options()).fileName).toBe(
      'tromsvekstavtalen-tiltak-2026-11-28.csv',
    );
    expect(exportFile('milestones', 'tromsvekstavtalen', source(), options()).fileName).toBe(
      'tromsvekstavtalen-milepaeler-2026-11-28.csv',
    );
    expect(exportFile('milestones', 'tromsvekstavtalen', source(), options('en')).fileName).toBe(
      'tromsvekstavtalen-milestones-2026-11-28.csv',
    );
    expect(exportFileName('avtale:2025/ny', 'tiltak', TODAY)).toBe(
      'avtale-2025-ny-tiltak-2026-11-28.csv',
    );
  });

  it('has the header and one record per measure', () => {
    const { source } = seeded();
    const file = exportFile('measures', 'tromsvekstavtalen', source(), options());
    expect(file.count).toBe(18);
    expect(file.text.startsWith('\uFEFFInnsatsområde;Delmål;Strategi;Tiltak;')).toBe(true);
    expect(file.text.endsWith('\r\n')).toBe(true);
  });
});
