import {
  addComment,
  archiveMeasure,
  listColumns,
  listMeasures,
  listMilestones,
  linkMeasure,
  measureText,
  moveMeasure,
  observeAgreement,
  readMeasure,
  restoreMeasure,
  seedTromsvekstavtalen,
  type TxOrigin,
  updateMeasure,
} from '@tavla/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrateAuth } from '../auth/index.js';
import { openDatabase, runMigrations } from '../db/database.js';
import { testLog } from '../test/harness.js';
import {
  columnEvents,
  type DerivedEvent,
  type MeasureSnap,
  measureEvents,
  milestoneEvents,
  snapMeasure,
} from './derive.js';
import { ActivityLog } from './log.js';
import { activityMigrations } from './migrations.js';
import { ActivityTracker } from './tracker.js';

const MEASURES = ['m-1-1', 'm-2-1'] as const;
const FIELDS = ['title', 'description'] as const;
const DATES = ['2027-01-01', '2027-06-30', null] as const;

/** One change inside a transaction. Text edits are at whole characters, as editors make them. */
type Op =
  | { kind: 'type'; m: number; field: 0 | 1; at: number; del: number; ins: string | null }
  | { kind: 'due'; m: number; date: number }
  | { kind: 'move'; m: number; column: number }
  | { kind: 'archive'; m: number }
  | { kind: 'link'; m: number }
  | { kind: 'comment'; m: number };

interface Tx {
  /** Made on the server's document itself, or on a client replica and sent as one update. */
  remote: boolean;
  user: 0 | 1;
  ops: Op[];
  /** Whether the group commit (and so the activity log's write) happens after this one. */
  stored: boolean;
}

const m = fc.nat(MEASURES.length - 1);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      m,
      field: fc.constantFrom(0 as const, 1 as const),
      at: fc.nat(),
      del: fc.nat(3),
      // null: the deleted characters are typed again (same text: no edit).
      ins: fc.option(fc.string({ maxLength: 3, unit: fc.constantFrom('a', 'b', 'ø', ' ') })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('due' as const), m, date: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), m, column: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('archive' as const), m }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('link' as const), m }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('comment' as const), m }) },
);
const tx: fc.Arbitrary<Tx> = fc.record({
  remote: fc.boolean(),
  user: fc.constantFrom(0 as const, 1 as const),
  ops: fc.array(op, { minLength: 1, maxLength: 3 }),
  stored: fc.boolean(),
});

function run(doc: Y.Doc, o: Op): void {
  const id = MEASURES[o.m]!;
  switch (o.kind) {
    case 'type': {
      const t = measureText(doc, id, FIELDS[o.field]);
      const at = o.at % (t.length + 1);
      const del = Math.min(o.del, t.length - at);
      const ins = o.ins ?? t.toString().slice(at, at + del);
      t.delete(at, del);
      t.insert(at, ins);
      return;
    }
    case 'due':
      updateMeasure(doc, id, { dueDate: DATES[o.date]! });
      return;
    case 'move': {
      const columns = listColumns(doc);
      moveMeasure(doc, id, { columnId: columns[o.column % columns.length]!.id, index: 0 });
      return;
    }
    case 'archive':
      if (readMeasure(doc, id)?.archived) restoreMeasure(doc, id);
      else archiveMeasure(doc, id);
      return;
    case 'link': {
      const milestone = listMilestones(doc)[o.m];
      if (milestone && !milestone.measureIds.includes(id)) linkMeasure(doc, milestone.id, id);
      return;
    }
    case 'comment':
      addComment(doc, id, { authorId: 'u', authorName: 'U', text: 'hei' });
  }
}

/**
 * The activity log as it was before [AL6]: every transaction reads every touched measure
 * whole and compares it with what was remembered. The reference the tracker must equal.
 */
function referenceLog(doc: Y.Doc, record: (userId: string, events: DerivedEvent[]) => void) {
  const measures = new Map<string, MeasureSnap>(
    listMeasures(doc, { includeArchived: true }).map((x) => [x.id, snapMeasure(x)]),
  );
  let milestones = new Map(listMilestones(doc).map((x) => [x.id, x]));
  let columns = new Map(listColumns(doc).map((c) => [c.id, c]));
  let origin: unknown = null;
  doc.on('beforeTransaction', (tr: Y.Transaction) => {
    origin = tr.origin;
  });
  observeAgreement(doc, (ids, other) => {
    const events: DerivedEvent[] = [];
    if (other) {
      const now = listColumns(doc);
      events.push(...columnEvents(columns, now));
      columns = new Map(now.map((c) => [c.id, c]));
    }
    for (const id of ids) {
      const after = readMeasure(doc, id);
      events.push(...measureEvents(id, measures.get(id), after, columns));
      if (after) measures.set(id, snapMeasure(after));
    }
    if (other) {
      const now = listMilestones(doc);
      events.push(
        ...milestoneEvents(milestones, now, (id) => measures.get(id)?.fields.title ?? ''),
      );
      milestones = new Map(now.map((x) => [x.id, x]));
    }
    const userId = (origin as { userId?: string } | null)?.userId;
    if (userId && events.length > 0) record(userId, events);
  });
}

describe('the activity tracker [AL6]', () => {
  it('[AL6] records exactly the events of reading everything on every transaction', () => {
    fc.assert(
      fc.property(fc.array(tx, { minLength: 1, maxLength: 12 }), (txs) => {
        const db = openDatabase(':memory:');
        runMigrations(db, activityMigrations);
        migrateAuth(db);
        const doc = new Y.Doc();
        seedTromsvekstavtalen(doc, { demoMeasures: true });
        const replica = new Y.Doc();
        Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));

        const tracker = new ActivityTracker(new ActivityLog(db), (id) => id, testLog());
        tracker.hooks.afterLoad?.('fast', doc);
        const reference = new ActivityLog(db);
        referenceLog(doc, (userId, events) =>
          reference.record('ref', { id: userId, name: userId }, events),
        );

        for (const t of txs) {
          const origin = { source: 'connection', userId: `u${t.user}` } as unknown as TxOrigin;
          if (t.remote) {
            // A client's edit arrives as one update, applied as the server applies it.
            const sv = Y.encodeStateVector(doc);
            replica.transact(() => {
              for (const o of t.ops) run(replica, o);
            });
            Y.applyUpdate(doc, Y.encodeStateAsUpdate(replica, sv), origin);
          } else {
            doc.transact(() => {
              for (const o of t.ops) run(doc, o);
            }, origin);
            Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(replica)));
          }
          if (t.stored) tracker.hooks.afterStore?.('fast', doc, []);
        }
        tracker.hooks.beforeUnload?.('fast', doc);

        const rows = (agreement: string) =>
          (
            db
              .prepare(
                `SELECT kind, measure_id, milestone_id, actor_id, summary FROM activity_events
                 WHERE agreement_id = ? ORDER BY id`,
              )
              .all(agreement) as { kind: string; summary: string }[]
          ).map((r) => {
            const summary = JSON.parse(r.summary) as Record<string, unknown>;
            // The tracker names a measure being typed into as its title reads when the event
            // is written (after the next store), the reference as it read after the edit.
            if (r.kind === 'measure.edited') summary.title = typeof summary.title;
            return { ...r, summary };
          });
        expect(rows('fast')).toEqual(rows('ref'));
        db.close();
      }),
      { numRuns: 150 },
    );
  });

  it('[AL6] names an edited measure by its title as it reads when the event is written', () => {
    const db = openDatabase(':memory:');
    runMigrations(db, activityMigrations);
    migrateAuth(db);
    const doc = new Y.Doc();
    seedTromsvekstavtalen(doc, { demoMeasures: true });
    const log = new ActivityLog(db);
    const tracker = new ActivityTracker(log, () => 'Kari', testLog());
    tracker.hooks.afterLoad?.('a', doc);
    const origin = { source: 'connection', userId: 'kari' };
    const title = measureText(doc, 'm-1-1', 'title');
    doc.transact(() => title.insert(0, 'Nytt: '), origin);
    doc.transact(() => title.insert(title.length, ' (2027)'), origin);
    tracker.hooks.afterStore?.('a', doc, []);
    const summaries = (
      db.prepare(`SELECT summary FROM activity_events WHERE kind = 'measure.edited'`).all() as {
        summary: string;
      }[]
    ).map((r) => JSON.parse(r.summary));
    expect(summaries).toEqual([{ title: title.toString(), fields: ['title'] }]);
    expect(title.toString()).toMatch(/^Nytt: .* \(2027\)$/);
    db.close();
  });
});
