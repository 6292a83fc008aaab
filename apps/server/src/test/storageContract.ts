import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStorage } from '../storage/types.js';

/**
 * The contract every DocStorage engine must pass (run from storage.test.ts for each engine).
 * `make` returns a fresh, empty storage; `reopen`, when given, returns a new instance over the
 * same data (a restart).
 */
export function storageContract(
  name: string,
  make: () => { storage: DocStorage; reopen?: () => DocStorage; dispose?: () => void },
): void {
  const update = (key: string, value: number, doc = new Y.Doc()) => {
    let out: Uint8Array | null = null;
    doc.once('update', (u: Uint8Array) => {
      out = u;
    });
    doc.getMap('m').set(key, value);
    return out as unknown as Uint8Array;
  };
  const materialise = (stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }) => {
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    return doc.getMap('m').toJSON();
  };

  describe(`DocStorage contract: ${name}`, () => {
    it('loads null for a document never stored', async () => {
      const { storage, dispose } = make();
      expect(await storage.load('nope')).toBeNull();
      expect(await storage.has('nope')).toBe(false);
      expect(await storage.list()).toEqual([]);
      dispose?.();
    });

    it('returns appended updates in order with increasing ids', async () => {
      const { storage, dispose } = make();
      const doc = new Y.Doc();
      const u1 = update('a', 1, doc);
      const u2 = update('b', 2, doc);
      const u3 = update('a', 3, doc);
      const id1 = await storage.appendUpdates('d', [u1]);
      const id2 = await storage.appendUpdates('d', [u2, u3]);
      expect(id2).toBeGreaterThan(id1);
      const loaded = await storage.load('d');
      expect(loaded?.snapshot).toBeNull();
      expect(loaded?.updates.map((u) => [...u])).toEqual([[...u1], [...u2], [...u3]]);
      expect(loaded?.lastUpdateId).toBe(id2);
      expect(loaded?.bytes).toBe(u1.byteLength + u2.byteLength + u3.byteLength);
      expect(materialise(loaded!)).toEqual({ a: 3, b: 2 });
      dispose?.();
    });

    it('keeps documents apart and lists them sorted', async () => {
      const { storage, dispose } = make();
      await storage.appendUpdates('zeta', [update('z', 1)]);
      await storage.appendUpdates('alpha', [update('a', 1)]);
      await storage.writeSnapshot('mid', Y.encodeStateAsUpdate(new Y.Doc()), 0);
      expect(await storage.list()).toEqual(['alpha', 'mid', 'zeta']);
      expect(materialise((await storage.load('alpha'))!)).toEqual({ a: 1 });
      expect(materialise((await storage.load('zeta'))!)).toEqual({ z: 1 });
      expect(await storage.has('mid')).toBe(true);
      dispose?.();
    });

    it('[D7] a snapshot replaces exactly the log entries it covers', async () => {
      const { storage, dispose } = make();
      const doc = new Y.Doc();
      const u1 = update('a', 1, doc);
      const u2 = update('b', 2, doc);
      const id2 = await storage.appendUpdates('d', [u1, u2]);
      const snapshot = Y.encodeStateAsUpdate(doc);
      const u3 = update('c', 3, doc);
      const id3 = await storage.appendUpdates('d', [u3]);
      await storage.writeSnapshot('d', snapshot, id2);
      const loaded = (await storage.load('d'))!;
      expect(loaded.snapshot).not.toBeNull();
      expect(loaded.updates).toHaveLength(1);
      expect(loaded.lastUpdateId).toBe(id3);
      expect(materialise(loaded)).toEqual({ a: 1, b: 2, c: 3 });
      // Compacting everything leaves only the snapshot; its id survives for the next append.
      await storage.writeSnapshot('d', Y.encodeStateAsUpdate(doc), id3);
      const compacted = (await storage.load('d'))!;
      expect(compacted.updates).toHaveLength(0);
      expect(compacted.lastUpdateId).toBe(id3);
      expect(materialise(compacted)).toEqual({ a: 1, b: 2, c: 3 });
      // Ids are never reused, even after the newest rows were deleted.
      const id4 = await storage.appendUpdates('d', [update('d', 4, doc)]);
      expect(id4).toBeGreaterThan(id3);
      dispose?.();
    });

    it('stores copies: mutating the input after the call changes nothing', async () => {
      const { storage, dispose } = make();
      const u = update('a', 1);
      const copy = u.slice();
      await storage.appendUpdates('d', [u]);
      u.fill(0);
      expect([...(await storage.load('d'))!.updates[0]!]).toEqual([...copy]);
      dispose?.();
    });

    it('rejects an empty append', async () => {
      const { storage, dispose } = make();
      await expect(storage.appendUpdates('d', [])).rejects.toThrow();
      dispose?.();
    });

    it('survives a reopen (restart)', async () => {
      const { storage, reopen, dispose } = make();
      if (!reopen) return;
      await storage.appendUpdates('d', [update('a', 1)]);
      const again = reopen();
      expect(materialise((await again.load('d'))!)).toEqual({ a: 1 });
      dispose?.();
    });
  });
}
