import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DomainError } from '../errors.js';
import {
  addChecklistItem,
  createMeasure,
  initAgreement,
  seedTromsvekstavtalen,
  linkMeasure,
  listColumns,
  listMeasures,
  listMilestones,
  measureText,
  migrate,
  milestoneTitle,
  moveMeasure,
  readMeta,
  SCHEMA_VERSION,
} from '../index.js';
import { expectDomainError, recordTransactions, seededDoc } from '../test/helpers.js';

/** A document as the v0 prototype wrote it: no schemaVersion, plain strings and arrays. */
function v0Doc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('agreementId', 'tromsvekstavtalen');
    meta.set('title', 'Tromsvekstavtalen');
    doc.getMap('focusAreas').set('fa-1', { number: '1', title: 'Befolkningsutvikling' });
    const cols = doc.getMap('columns');
    const todo = new Y.Map();
    todo.set('title', 'Å gjøre');
    todo.set('order', 2);
    cols.set('todo', todo);
    const done = new Y.Map();
    done.set('title', 'Ferdig');
    done.set('order', 1);
    cols.set('done', done);
    const measures = doc.getMap('measures');
    const m1 = new Y.Map();
    m1.set('focusAreaId', 'fa-1');
    m1.set('columnId', 'todo');
    m1.set('title', 'Ungdomspanel');
    m1.set('description', 'Et panel');
    m1.set('order', 2);
    m1.set('checklist', [{ text: 'Mandat', done: true }]);
    measures.set('m1', m1);
    // A plain-object entity with no column and no order.
    measures.set('m2', { focusAreaId: 'fa-1', title: 'Velkomstprogram', health: 'purple' });
    const m3 = new Y.Map();
    m3.set('focusAreaId', 'fa-1');
    m3.set('columnId', 'todo');
    m3.set('title', 'Kartlegging');
    m3.set('order', 1);
    measures.set('m3', m3);
    const ms = new Y.Map();
    ms.set('focusAreaId', 'fa-1');
    ms.set('title', 'Midtveisevaluering 2026');
    ms.set('dueDate', '2026-12-01');
    ms.set('measureIds', ['m1', 'm3']);
    doc.getMap('milestones').set('ms1', ms);
  });
  return doc;
}

describe('migrate', () => {
  it('[M2] upgrades a v0 document to v1 without losing a value', () => {
    const doc = v0Doc();
    expect(migrate(doc)).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(readMeta(doc).schemaVersion).toBe(SCHEMA_VERSION);
    expect(listColumns(doc).map((c) => c.id)).toEqual(['done', 'todo']);
    const ms = listMeasures(doc);
    const byColumn = (columnId: string) =>
      listMeasures(doc, { columnId }).map((m) => [m.id, m.title]);
    expect(byColumn('todo')).toEqual([
      ['m3', 'Kartlegging'],
      ['m1', 'Ungdomspanel'],
    ]);
    // No column in v0: the first column by rank.
    expect(byColumn('done')).toEqual([['m2', 'Velkomstprogram']]);
    const m1 = ms.find((m) => m.id === 'm1')!;
    expect(m1.description).toBe('Et panel');
    expect(m1.checklist.map((c) => [c.text, c.done])).toEqual([['Mandat', true]]);
    expect(ms.find((m) => m.id === 'm2')!.health).toBe('green');
    expect(measureText(doc, 'm1', 'title')).toBeInstanceOf(Y.Text);
    expect(milestoneTitle(doc, 'ms1').toString()).toBe('Midtveisevaluering 2026');
    expect(listMilestones(doc)[0]!.measureIds).toEqual(['m1', 'm3']);
  });

  it('[M2] leaves a document every operation can work on', () => {
    const doc = v0Doc();
    migrate(doc);
    moveMeasure(doc, 'm2', { columnId: 'todo', index: 1 });
    expect(listMeasures(doc, { columnId: 'todo' }).map((m) => m.id)).toEqual(['m3', 'm2', 'm1']);
    addChecklistItem(doc, 'm2', 'Nytt punkt');
    linkMeasure(doc, 'ms1', 'm2');
    expect(listMilestones(doc)[0]!.measureIds).toEqual(['m1', 'm3', 'm2']);
  });

  it('[M1] runs in one transaction with a migration origin', () => {
    const doc = v0Doc();
    const origins = recordTransactions(doc, () => migrate(doc));
    expect(origins).toEqual([{ source: 'migration' }]);
  });

  it('[M4] is idempotent: a current or empty document is not touched', () => {
    const doc = v0Doc();
    migrate(doc);
    expect(
      recordTransactions(doc, () =>
        expect(migrate(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION }),
      ),
    ).toHaveLength(0);
    const seeded = seededDoc(true);
    expect(recordTransactions(seeded, () => migrate(seeded))).toHaveLength(0);
    const empty = new Y.Doc();
    expect(
      recordTransactions(empty, () => expect(migrate(empty)).toEqual({ from: 0, to: 0 })),
    ).toHaveLength(0);
  });

  it('[M3] refuses a document from a newer schema version and leaves it alone', () => {
    const doc = seededDoc();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => migrate(doc)).toThrow(DomainError);
    try {
      migrate(doc);
    } catch (e) {
      expect((e as DomainError).code).toBe('conflict');
    }
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('[F1] operations refuse to write into a document of a newer version', () => {
    const doc = seededDoc();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    expectDomainError(doc, 'conflict', () =>
      createMeasure(doc, { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'T' }),
    );
    expectDomainError(doc, 'conflict', () => seedTromsvekstavtalen(doc, { demoMeasures: true }));
  });

  it('[M2] seeding or initialising a v0 document migrates it first', () => {
    const a = v0Doc();
    seedTromsvekstavtalen(a, {});
    expect(readMeta(a).schemaVersion).toBe(SCHEMA_VERSION);
    expect(measureText(a, 'm1', 'title').toString()).toBe('Ungdomspanel');
    expect(listColumns(a).map((c) => c.id)).toEqual(['done', 'todo']);
    const b = v0Doc();
    initAgreement(b, { agreementId: 'tromsvekstavtalen', title: 'Tromsvekstavtalen' });
    expect(measureText(b, 'm2', 'title').toString()).toBe('Velkomstprogram');
  });

  it('[M2] two replicas migrating the same v0 document concurrently converge', () => {
    const a = v0Doc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrate(a);
    migrate(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(listMeasures(a)).toEqual(listMeasures(b));
    expect(
      listMeasures(a)
        .map((m) => m.title)
        .sort(),
    ).toEqual(['Kartlegging', 'Ungdomspanel', 'Velkomstprogram']);
  });
});
