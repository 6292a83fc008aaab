import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  listMeasures,
  measureMap,
  migrate,
  readMeasure,
  readSchemaVersion,
  SCHEMA_VERSION,
  seedTromsvekstavtalen,
  setMeasureOwner,
  updateMeasure,
} from '../index.js';
import { recordTransactions, withPlainIdArrays } from '../test/helpers.js';

/**
 * A document as v2 code left it: the demo agreement, with owners and outcome links as plain
 * arrays under `owners` / `outcomeIds` (m-1-1 with owners in the order they were ticked, and a
 * duplicate), version 2. Copied through an update into a fresh document, so that it carries no
 * trace of this build's local state. `clientID` fixes the replica's id (Yjs orders concurrent
 * writes of one key by it).
 */
function v2Doc(clientID?: number): Y.Doc {
  const src = new Y.Doc();
  seedTromsvekstavtalen(src, { demoMeasures: true });
  src.transact(() => {
    withPlainIdArrays(src);
    const m = src.getMap('measures').get('m-1-1') as Y.Map<unknown>;
    m.set('owners', ['u-per', 'u-kari', 'u-per']);
    m.set('outcomeIds', ['out-3', 'out-1']);
    src.getMap('meta').set('schemaVersion', 2);
  });
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(src));
  return doc;
}

const ownersOf = (doc: Y.Doc, id: string) => readMeasure(doc, id)!.owners;

describe('0003-id-sets (v2 -> v3)', () => {
  it('[M2] turns every measure’s plain arrays into id sets, keeping every id', () => {
    const doc = v2Doc();
    const before = listMeasures(doc, { includeArchived: true });
    expect(readSchemaVersion(doc)).toBe(2);
    expect(before.find((m) => m.id === 'm-1-1')).toMatchObject({
      owners: ['u-per', 'u-kari'],
      outcomeIds: ['out-3', 'out-1'],
    });
    expect(migrate(doc)).toEqual({ from: 2, to: 3 });
    expect(SCHEMA_VERSION).toBe(3);
    expect(listMeasures(doc, { includeArchived: true })).toEqual(before);
    for (const m of before) {
      const raw = measureMap(doc, m.id)!;
      expect(raw.get('ownerSet')).toBeInstanceOf(Y.Map);
      expect(raw.get('outcomeSet')).toBeInstanceOf(Y.Map);
      expect(raw.has('owners')).toBe(false);
      expect(raw.has('outcomeIds')).toBe(false);
    }
    const set = measureMap(doc, 'm-1-1')!.get('ownerSet') as Y.Map<unknown>;
    // Each id at its position in the list: the owners read in the order they were ticked.
    expect(set.toJSON()).toEqual({ 'u-per': 0, 'u-kari': 1 });
  });

  it('[M2] after the step, concurrent owner changes merge (they did not in v2)', () => {
    const a = v2Doc();
    migrate(a);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    updateMeasure(a, 'm-1-1', { owners: ['u-kari', 'u-per', 'u-ola'] });
    updateMeasure(b, 'm-1-1', { owners: ['u-per'] });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(ownersOf(a, 'm-1-1')).toEqual(['u-per', 'u-ola']);
    expect(ownersOf(b, 'm-1-1')).toEqual(['u-per', 'u-ola']);
  });

  it('[M1] runs in one transaction with a migration origin', () => {
    const doc = v2Doc();
    expect(recordTransactions(doc, () => migrate(doc))).toEqual([{ source: 'migration' }]);
  });

  it('[M4] is idempotent: a migrated document is not touched again, nor is the step', async () => {
    const doc = v2Doc();
    migrate(doc);
    expect(recordTransactions(doc, () => expect(migrate(doc)).toEqual({ from: 3, to: 3 }))).toEqual(
      [],
    );
    const { migration0003 } = await import('./0003-id-sets.js');
    expect(recordTransactions(doc, () => doc.transact(() => migration0003.up(doc, '')))).toEqual(
      [],
    );
  });

  for (const [who, clientID] of [
    ['before', 1],
    ['after', 2 ** 31],
  ] as const) {
    it(`[M2] a v2 client’s offline owners write is kept (its replica id sorts ${who} the server’s)`, () => {
      const server = v2Doc(1000);
      const client = new Y.Doc();
      client.clientID = clientID;
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      // The server migrates on load while the v2 client, offline, ticks Ola: v2 code wrote the
      // whole plain array (raw Yjs: no operation of this build writes that form).
      migrate(server);
      const cm = client.getMap('measures').get('m-1-1') as Y.Map<unknown>;
      client.transact(() => cm.set('owners', ['u-per', 'u-kari', 'u-ola']));
      Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      for (const d of [server, client]) {
        expect(readSchemaVersion(d)).toBe(3);
        expect(ownersOf(d, 'm-1-1')).toEqual(['u-per', 'u-kari', 'u-ola']);
      }
      // The next set operation (a v3 client's) folds the array into the set, keeping its ids.
      setMeasureOwner(server, 'm-1-1', 'u-kari', false);
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      for (const d of [server, client]) {
        expect(ownersOf(d, 'm-1-1')).toEqual(['u-per', 'u-ola']);
        expect(measureMap(d, 'm-1-1')!.has('owners')).toBe(false);
      }
      expect(Y.encodeStateAsUpdate(server)).toEqual(Y.encodeStateAsUpdate(client));
    });
  }

  it('[M2] two replicas migrating the same v2 document concurrently converge', () => {
    const a = v2Doc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrate(a);
    migrate(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readSchemaVersion(a)).toBe(3);
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b));
    expect(ownersOf(a, 'm-1-1')).toEqual(['u-per', 'u-kari']);
    expect(listMeasures(a)).toEqual(listMeasures(b));
  });

  it('[M2] reads a value that is not an array as no ids, as v2 did', () => {
    const doc = v2Doc();
    (doc.getMap('measures').get('m-1-2') as Y.Map<unknown>).set('owners', 'not-an-array');
    migrate(doc);
    expect(ownersOf(doc, 'm-1-2')).toEqual([]);
    expect(measureMap(doc, 'm-1-2')!.has('owners')).toBe(false);
  });
});
