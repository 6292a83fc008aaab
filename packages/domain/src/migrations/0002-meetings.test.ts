import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createMeasure,
  createMeeting,
  listMeasures,
  listMeetings,
  listMilestones,
  migrate,
  moveMeasure,
  readMeta,
  readSchemaVersion,
  SCHEMA_VERSION,
  seedTromsvekstavtalen,
  updateMilestone,
} from '../index.js';
import { recordTransactions, withPlainIdArrays } from '../test/helpers.js';

/**
 * A document as v1 code left it: the agreement with demo content, no `meetings`, version 1.
 * Built from a current seed with the meetings removed, the measures' id sets turned back into
 * plain arrays (as before v3) and the version set back, then copied through an update into a fresh
 * document, so that it carries no trace of the current build's local state.
 */
function v1Doc(): Y.Doc {
  const src = new Y.Doc();
  seedTromsvekstavtalen(src, { demoMeasures: true });
  src.transact(() => {
    withPlainIdArrays(src);
    const meetings = src.getMap('meetings');
    for (const id of [...meetings.keys()]) meetings.delete(id);
    src.getMap('meta').set('schemaVersion', 1);
  });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(src));
  return doc;
}

// From v3 on, migrating a v1 document runs 0002 and the later steps; these tests check what
// 0002 does and that it holds through to the current version.
describe('0002-meetings (v1 -> v2)', () => {
  it('[M2] brings a v1 document to v2 with an empty meetings map, changing nothing else', () => {
    const doc = v1Doc();
    const measures = listMeasures(doc);
    const milestones = listMilestones(doc);
    expect(readSchemaVersion(doc)).toBe(1);
    expect(migrate(doc)).toEqual({ from: 1, to: SCHEMA_VERSION });
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    expect(readMeta(doc).schemaVersion).toBe(SCHEMA_VERSION);
    expect(listMeetings(doc)).toEqual([]);
    expect(listMeasures(doc)).toEqual(measures);
    expect(listMilestones(doc)).toEqual(milestones);
    createMeeting(doc, { date: '2026-04-23', title: 'Politisk møte', kind: 'political' });
    expect(listMeetings(doc)).toHaveLength(1);
  });

  it('[M1] runs in one transaction with a migration origin', () => {
    const doc = v1Doc();
    expect(recordTransactions(doc, () => migrate(doc))).toEqual([{ source: 'migration' }]);
  });

  it('[M4] stays idempotent: a migrated v1 document is not touched again', () => {
    const doc = v1Doc();
    migrate(doc);
    expect(
      recordTransactions(doc, () =>
        expect(migrate(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION }),
      ),
    ).toHaveLength(0);
  });

  it('[M2] a v1 client’s offline writes converge with the migrated document', () => {
    const server = v1Doc();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // The server migrates on load while the v1 client edits offline (it sees version 1). (The
    // client's edits are made with this build's operations, on a document it reads as v1.)
    migrate(server);
    createMeeting(server, { id: 'mt-new', date: '2026-04-23', title: 'M', kind: 'political' });
    const id = createMeasure(client, {
      focusAreaId: 'fa-1',
      columnId: 'col-idea',
      title: 'Fra tog',
    });
    moveMeasure(client, 'm-1-1', { columnId: 'col-done', index: 0 });
    updateMilestone(client, 'ms-1-1', { dueDate: '2026-05-15' });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    for (const d of [server, client]) {
      expect(readSchemaVersion(d)).toBe(SCHEMA_VERSION);
      expect(listMeasures(d).find((m) => m.id === id)?.title).toBe('Fra tog');
      expect(listMeasures(d).find((m) => m.id === 'm-1-1')?.columnId).toBe('col-done');
      expect(listMilestones(d).find((m) => m.id === 'ms-1-1')?.dueDate).toBe('2026-05-15');
      expect(listMeetings(d).map((m) => m.id)).toEqual(['mt-new']);
    }
    expect(Y.encodeStateAsUpdate(server)).toEqual(Y.encodeStateAsUpdate(client));
    // Migrating again after the merge changes nothing.
    expect(recordTransactions(server, () => migrate(server))).toHaveLength(0);
  });

  it('[M2] two replicas migrating the same v1 document concurrently converge', () => {
    const a = v1Doc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrate(a);
    migrate(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readSchemaVersion(a)).toBe(SCHEMA_VERSION);
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b));
  });

  it('[M2] a v0 document goes through every step in one migration', () => {
    const doc = new Y.Doc();
    doc.getMap('focusAreas').set('fa-1', { number: '1', title: 'Befolkningsutvikling' });
    expect(migrate(doc)).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(listMeetings(doc)).toEqual([]);
  });
});
