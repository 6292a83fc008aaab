import {
  type ColumnView,
  type MeasureView,
  type MilestoneView,
  measureMap,
  migrate,
  readMeasure,
  seedTromsvekstavtalen,
  setMeasureOwner,
} from '@tavla/domain';
import { measureViewWith } from '@tavla/domain/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { columnEvents, measureEvents, milestoneEvents, snapMeasure } from './derive.js';

const measure = (over: Partial<MeasureView> = {}): MeasureView =>
  measureViewWith({
    id: 'm1',
    focusAreaId: 'fa-1',
    columnId: 'col-idea',
    title: 'Ungdomspanel',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  });
const columns = new Map<string, ColumnView>([
  ['col-idea', { id: 'col-idea', title: 'Idé', kind: 'todo', rank: 'a' }],
  ['col-done', { id: 'col-done', title: 'Ferdig', kind: 'done', rank: 'b' }],
]);

describe('activity events from measure changes [AL2]', () => {
  it('[AL2] a new measure is created, not edited', () => {
    expect(measureEvents('m1', undefined, measure(), columns)).toEqual([
      {
        kind: 'measure.created',
        measureId: 'm1',
        summary: {
          title: 'Ungdomspanel',
          focusAreaId: 'fa-1',
          columnId: 'col-idea',
          columnTitle: 'Idé',
        },
      },
    ]);
  });

  it('[AL2] reordering within a column and touching updatedAt are not events', () => {
    const before = snapMeasure(measure());
    expect(measureEvents('m1', before, measure({ rank: 'b5', updatedAt: 'x' }), columns)).toEqual(
      [],
    );
  });

  it('[AL2] a move, an archive and an edit of several fields in one transaction', () => {
    const before = snapMeasure(measure());
    const after = measure({
      columnId: 'col-done',
      archived: true,
      owners: ['Kari'],
      dueDate: '2027-01-01',
    });
    const events = measureEvents('m1', before, after, columns);
    expect(events.map((e) => e.kind)).toEqual([
      'measure.moved',
      'measure.archived',
      'measure.edited',
    ]);
    expect(events[0]!.summary).toMatchObject({ fromColumnTitle: 'Idé', toColumnTitle: 'Ferdig' });
    expect(events[2]!.summary.fields).toEqual(['owners', 'dueDate']);
  });

  it('[AL2] owners as id sets: merged changes are one owners edit, the v3 migration none', () => {
    const doc = new Y.Doc();
    seedTromsvekstavtalen(doc, { demoMeasures: true });
    // m-1-1 as a v2 document held it: plain arrays, in the order the owners were ticked.
    const raw = measureMap(doc, 'm-1-1')!;
    doc.transact(() => {
      raw.delete('ownerSet');
      raw.delete('outcomeSet');
      raw.set('owners', ['u-per', 'u-kari']);
      raw.set('outcomeIds', ['out-3']);
      doc.getMap('meta').set('schemaVersion', 2);
    });
    const v2 = snapMeasure(readMeasure(doc, 'm-1-1')!);
    migrate(doc);
    expect(measureEvents('m-1-1', v2, readMeasure(doc, 'm-1-1'), columns)).toEqual([]);
    // Kari adds Ola while Per, on another replica, takes himself off.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    setMeasureOwner(doc, 'm-1-1', 'u-ola', true);
    setMeasureOwner(other, 'm-1-1', 'u-per', false);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    const after = readMeasure(doc, 'm-1-1')!;
    expect(after.owners).toEqual(['u-kari', 'u-ola']);
    expect(measureEvents('m-1-1', v2, after, columns)).toEqual([
      {
        kind: 'measure.edited',
        measureId: 'm-1-1',
        summary: { title: after.title, fields: ['owners'] },
      },
    ]);
  });

  it('[AL2] a status update is one status event, its health change no edit', () => {
    const before = snapMeasure(measure());
    const after = measure({
      health: 'red',
      statusUpdates: [
        {
          id: 's1',
          date: '2026-02-01',
          health: 'red',
          text: 'Sent',
          authorId: 'u',
          authorName: 'U',
          createdAt: 'x',
        },
      ],
    });
    expect(measureEvents('m1', before, after, columns).map((e) => e.kind)).toEqual([
      'status.added',
    ]);
  });
});

describe('activity events from milestone changes [AL2]', () => {
  const ms = (over: Partial<MilestoneView> = {}): MilestoneView => ({
    id: 'ms1',
    focusAreaId: 'fa-1',
    title: 'Midtveis',
    dueDate: '2026-06-01',
    done: false,
    doneAt: null,
    measureIds: ['m1'],
    createdAt: 'x',
    updatedAt: 'x',
    ...over,
  });
  it('[AL2] completion, links both ways and edits', () => {
    const before = new Map([['ms1', ms()]]);
    const events = milestoneEvents(
      before,
      [ms({ done: true, measureIds: ['m2'], dueDate: '2026-07-01' })],
      (id) => `Tiltak ${id}`,
    );
    expect(events.map((e) => [e.kind, e.measureId])).toEqual([
      ['milestone.completed', undefined],
      ['milestone.linked', 'm2'],
      ['milestone.unlinked', 'm1'],
      ['milestone.edited', undefined],
    ]);
    expect(events[1]!.summary).toEqual({ title: 'Midtveis', measureTitle: 'Tiltak m2' });
  });
});

describe('activity events from column changes [AL2]', () => {
  it('names a new column and a renamed one; reordering is not an event', () => {
    const before = new Map(columns);
    const after = [
      { id: 'col-done', title: 'Avsluttet', kind: 'done' as const, rank: 'a' },
      { id: 'col-idea', title: 'Idé', kind: 'todo' as const, rank: 'b' },
      { id: 'col-wait', title: 'Venter', kind: null, rank: 'c' },
    ];
    expect(columnEvents(before, after)).toEqual([
      {
        kind: 'column.renamed',
        summary: { columnId: 'col-done', from: 'Ferdig', to: 'Avsluttet', title: 'Avsluttet' },
      },
      { kind: 'column.created', summary: { columnId: 'col-wait', title: 'Venter' } },
    ]);
    expect(columnEvents(before, [...columns.values()].reverse())).toEqual([]);
  });
});
