import {
  createMeasure,
  listColumns,
  listFocusAreas,
  listMeasures,
  measureText,
  moveMeasure,
  TROMSVEKSTAVTALEN_ID,
} from '@tavla/domain';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SqliteDocStorage } from '../storage/sqlite.js';
import { addUser, storedDoc, synced, TestContext, type TestUser, until, wsUrl } from './harness.js';
import { RawPeer } from './rawPeer.js';

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

/** `count` raw peers of one user on a document, each answered with the server's sync step 2. */
async function syncedPeers(
  server: { url: string },
  docId: string,
  user: TestUser,
  count: number,
): Promise<RawPeer[]> {
  const peers = Array.from({ length: count }, () =>
    RawPeer.connect(wsUrl(server, docId), user.headers),
  );
  await Promise.all(peers.map((p) => p.opened));
  for (const p of peers) p.sendStep1();
  await until(() => peers.every((p) => p.count(0, 1) === 1));
  return peers;
}

/** The measure a client says it has open, as `watcher` sees that client's awareness state. */
const openMeasureSeen = (watcher: WebsocketProvider, clientId: number) =>
  (watcher.awareness.getStates().get(clientId) as { openMeasureId?: string } | undefined)
    ?.openMeasureId;

describe('sync with the stock y-websocket provider', () => {
  it('two providers exchange edits', async () => {
    const server = await ctx.start();
    const a = addUser(server, 'alpha');
    const b = addUser(server, 'alpha');
    const pa = ctx.provider(server, 'alpha', a);
    const pb = ctx.provider(server, 'alpha', b);
    await synced(pa);
    await synced(pb);
    pa.doc.getMap('m').set('x', 1);
    await until(() => pb.doc.getMap('m').get('x') === 1);
    pb.doc.getText('t').insert(0, 'hei');
    await until(() => pa.doc.getText('t').toString() === 'hei');
  });

  it('20 providers edit the seeded agreement at once and converge', async () => {
    const server = await ctx.start({ overrides: { seed: 'demo' } });
    const id = TROMSVEKSTAVTALEN_ID;
    const users = Array.from({ length: 20 }, () => addUser(server, id));
    const providers = users.map((u) => ctx.provider(server, id, u));
    await Promise.all(providers.map(synced));
    const seeded = listMeasures(providers[0]!.doc).length;
    expect(seeded).toBeGreaterThan(0);
    const focusAreas = listFocusAreas(providers[0]!.doc);
    const columns = listColumns(providers[0]!.doc);
    // Everyone at once: create, move the same cards, type into the same titles.
    for (const [i, p] of providers.entries()) {
      for (let k = 0; k < 3; k++) {
        createMeasure(p.doc, {
          focusAreaId: focusAreas[(i + k) % focusAreas.length]!.id,
          columnId: columns[k % columns.length]!.id,
          title: `Tiltak ${i}-${k}`,
        });
      }
      const shared = listMeasures(p.doc)[i % 3]!;
      moveMeasure(p.doc, shared.id, { columnId: columns[i % columns.length]!.id, index: 0 });
      measureText(p.doc, shared.id, 'title').insert(0, `${i} `);
    }
    const expected = seeded + 20 * 3;
    const snapshot = (doc: Y.Doc) => JSON.stringify(listMeasures(doc));
    await until(
      () => {
        const first = snapshot(providers[0]!.doc);
        return (
          listMeasures(providers[0]!.doc).length === expected &&
          providers.every((p) => snapshot(p.doc) === first)
        );
      },
      { timeout: 20_000, message: '20 providers to converge' },
    );
    // No card duplicated or lost by the concurrent moves.
    const ids = listMeasures(providers[0]!.doc).map((m) => m.id);
    expect(new Set(ids).size).toBe(expected);
    // A newcomer and the stored state agree with them.
    const late = ctx.provider(server, id, users[0]!);
    await synced(late);
    expect(snapshot(late.doc)).toBe(snapshot(providers[0]!.doc));
    const stored = await storedDoc(server.storage, id);
    expect(snapshot(stored)).toBe(snapshot(providers[0]!.doc));
  });

  it('[S6] restart: everything written is still there', async () => {
    const dataDir = ctx.dir();
    const server = await ctx.start({ dataDir });
    const user = addUser(server, 'restart');
    const p = ctx.provider(server, 'restart', user);
    await synced(p);
    for (let i = 0; i < 50; i++) p.doc.getMap('m').set(`k${i}`, i);
    p.doc.getText('t').insert(0, 'varig');
    const watcher = ctx.provider(server, 'restart', user);
    await until(() => watcher.doc.getMap('m').size === 50 && watcher.doc.getText('t').length === 5);
    p.destroy();
    watcher.destroy();
    await server.shutdown();

    const again = await ctx.start({ dataDir });
    const fresh = ctx.provider(again, 'restart', user);
    await synced(fresh);
    expect(fresh.doc.getMap('m').size).toBe(50);
    expect(fresh.doc.getText('t').toString()).toBe('varig');
  });

  it('[S1][S2] one load per document, and no answer before it has loaded', async () => {
    const { server, storage } = await ctx.startControlled();
    const user = addUser(server, 'slow');
    // Some content on disk first.
    await server.storage.appendUpdates('slow', [
      Y.encodeStateAsUpdate(
        (() => {
          const d = new Y.Doc();
          d.getMap('m').set('stored', true);
          return d;
        })(),
      ),
    ]);
    storage.loadDelayMs = 300;
    const peers = Array.from({ length: 10 }, () =>
      RawPeer.connect(wsUrl(server, 'slow'), user.headers),
    );
    await Promise.all(peers.map((p) => p.opened));
    for (const p of peers) p.sendStep1();
    await until(() => peers.every((p) => p.doc.getMap('m').get('stored') === true));
    expect(storage.loads).toBe(1);
    const loadedAt = storage.loadResolvedAt[0]!;
    for (const p of peers) {
      expect(p.frames.length).toBeGreaterThan(0);
      expect(p.frames[0]!.at).toBeGreaterThanOrEqual(loadedAt);
    }
    for (const p of peers) p.close();
  });

  it('[P3] a document stored as a snapshot answers fresh clients before applying it', async () => {
    const { server, storage } = await ctx.startControlled();
    const user = addUser(server, 'snap');
    const source = new Y.Doc();
    source.getMap('m').set('from', 'snapshot');
    await server.storage.writeSnapshot('snap', Y.encodeStateAsUpdate(source), 0);
    storage.loadDelayMs = 200;
    const fresh = RawPeer.connect(wsUrl(server, 'snap'), user.headers);
    const behind = RawPeer.connect(wsUrl(server, 'snap'), user.headers);
    await Promise.all([fresh.opened, behind.opened]);
    fresh.sendStep1(new Uint8Array([0]));
    behind.doc.getMap('other').set('x', 1);
    behind.sendStep1();
    await until(() => fresh.count(0, 1) === 1 && behind.count(0, 1) === 1);
    // The fresh client's first frame is its step 2, straight from the snapshot.
    expect(fresh.frames[0]!.sub).toBe(1);
    expect(fresh.doc.getMap('m').get('from')).toBe('snapshot');
    // A client with state of its own is answered after the load, as always.
    expect(behind.frames[0]!.sub).toBe(0);
    expect(behind.doc.getMap('m').get('from')).toBe('snapshot');
    // Later newcomers get it too (from the cache, or re-encoded if a load hook changed it).
    const later = RawPeer.connect(wsUrl(server, 'snap'), user.headers);
    await later.opened;
    later.sendStep1(new Uint8Array([0]));
    await until(() => later.count(0, 1) === 1);
    expect(later.doc.getMap('m').get('from')).toBe('snapshot');
    for (const p of [fresh, behind, later]) p.close();
  });

  it('[S3] unloads after the last connection leaves, with everything compacted', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'unload');
    const p = ctx.provider(server, 'unload', user);
    await synced(p);
    for (let i = 0; i < 10; i++) p.doc.getMap('m').set(`k${i}`, i);
    await until(async () => (await storedDoc(server.storage, 'unload')).getMap('m').size === 10);
    expect(server.registry.get('unload')).toBeDefined();
    p.destroy();
    await until(() => server.registry.get('unload') === undefined, { message: 'unload' });
    const stored = await server.storage.load('unload');
    expect(stored?.snapshot).not.toBeNull();
    expect(stored?.updates).toHaveLength(0);
    const again = ctx.provider(server, 'unload', user);
    await synced(again);
    expect(again.doc.getMap('m').size).toBe(10);
  });

  it('[P1] fresh clients get the same cached full state; others a diff', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'cache');
    const p = ctx.provider(server, 'cache', user);
    await synced(p);
    for (let i = 0; i < 20; i++) p.doc.getMap('m').set(`k${i}`, 'x'.repeat(50));
    const a = RawPeer.connect(wsUrl(server, 'cache'), user.headers);
    await until(() => a.count(0, 0) > 0); // the server's step 1
    await until(async () => (await storedDoc(server.storage, 'cache')).getMap('m').size === 20);
    const b = RawPeer.connect(wsUrl(server, 'cache'), user.headers);
    await Promise.all([a.opened, b.opened]);
    a.sendStep1(new Uint8Array([0]));
    b.sendStep1(new Uint8Array([0]));
    await until(() => a.count(0, 1) === 1 && b.count(0, 1) === 1);
    const stepA = a.frames.find((f) => f.sub === 1)!.bytes;
    const stepB = b.frames.find((f) => f.sub === 1)!.bytes;
    expect(Buffer.from(stepA).equals(Buffer.from(stepB))).toBe(true);
    expect(a.doc.getMap('m').size).toBe(20);
    // A client that has most of it gets only what it lacks.
    const c = RawPeer.connect(wsUrl(server, 'cache'), user.headers);
    await c.opened;
    Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(a.doc));
    p.doc.getMap('m').set('late', 1);
    await until(() => a.doc.getMap('m').get('late') === 1);
    c.sendStep1();
    await until(() => c.count(0, 1) === 1);
    const diff = c.frames.find((f) => f.sub === 1)!.bytes;
    expect(diff.byteLength).toBeLessThan(stepA.byteLength / 4);
    expect(c.doc.getMap('m').get('late')).toBe(1);
    for (const peer of [a, b, c]) peer.close();
  });

  it('[D3][P2] updates of one moment share one commit and one frame per peer', async () => {
    const { server, storage } = await ctx.startControlled();
    const user = addUser(server, 'burst');
    const writer = ctx.provider(server, 'burst', user);
    // Enough peers that merging pays off (MERGE_MIN_SAVED_SENDS).
    await synced(writer);
    const peers = await syncedPeers(server, 'burst', user, 16);
    const before = storage.appends.length;
    // 100 separate transactions in one synchronous burst: 100 websocket messages.
    for (let i = 0; i < 100; i++) writer.doc.getMap('m').set(`k${i}`, i);
    await until(() => peers.every((p) => p.doc.getMap('m').size === 100));
    const commits = storage.appends.slice(before);
    expect(commits.reduce((n, c) => n + c.count, 0)).toBeGreaterThanOrEqual(100);
    expect(commits.length).toBeLessThan(50);
    // One frame per commit: every peer got the same, fewer frames than updates.
    for (const p of peers) expect(p.count(0, 2)).toBeLessThanOrEqual(commits.length);
    const bytes = (p: RawPeer) =>
      p.frames.filter((f) => f.sub === 2).map((f) => [...f.bytes].join());
    for (const p of peers) expect(bytes(p)).toEqual(bytes(peers[0]!));
    for (const p of peers) p.close();
  });

  it('[P6] in a large room, updates spaced apart in time reach each peer merged into fewer frames', async () => {
    const server = await ctx.start({
      overrides: { sync: { largeRoomPeers: 10, largeRoomCommitDelayMs: 60 } },
    });
    const user = addUser(server, 'hall');
    const writer = ctx.provider(server, 'hall', user);
    await synced(writer);
    const peers = await syncedPeers(server, 'hall', user, 16);
    // Eight transactions 15 ms apart: each its own websocket message and event-loop turn, so
    // without the window each would be its own commit and frame.
    for (let i = 0; i < 8; i++) {
      writer.doc.getMap('m').set(`k${i}`, i);
      await new Promise((r) => setTimeout(r, 15));
    }
    await until(() => peers.every((p) => p.doc.getMap('m').size === 8));
    for (const p of peers) {
      expect(p.count(0, 2)).toBeGreaterThan(0);
      expect(p.count(0, 2)).toBeLessThan(8);
    }
    for (const p of peers) p.close();
  });

  it('serves several agreements independently', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'one');
    server.auth.accounts.createAgreement({ id: 'two', title: 'Two' });
    server.auth.accounts.addMembership({ agreementId: 'two', userId: user.id, role: 'editor' });
    const p1 = ctx.provider(server, 'one', user);
    const p2 = ctx.provider(server, 'two', user);
    const q1 = ctx.provider(server, 'one', user);
    await Promise.all([p1, p2, q1].map(synced));
    p1.doc.getMap('m').set('doc', 'one');
    p2.doc.getMap('m').set('doc', 'two');
    await until(() => q1.doc.getMap('m').get('doc') === 'one');
    const s1 = await storedDoc(server.storage, 'one');
    await until(
      async () => (await storedDoc(server.storage, 'two')).getMap('m').get('doc') === 'two',
    );
    expect(s1.getMap('m').get('doc')).toBe('one');
    expect(new SqliteDocStorage(server.db)).toBeDefined();
  });
});

describe('awareness', () => {
  it('[A5] the server stamps the user; client fields pass through', async () => {
    const server = await ctx.start();
    const alice = addUser(server, 'aw', 'editor', 'Alice');
    const bob = addUser(server, 'aw', 'editor', 'Bob');
    const pa = ctx.provider(server, 'aw', alice);
    const pb = ctx.provider(server, 'aw', bob);
    await Promise.all([synced(pa), synced(pb)]);
    pa.awareness.setLocalState({
      user: { id: bob.id, name: 'Bob (not really)' },
      openMeasureId: 'm1',
    });
    const seen = await until(() => {
      const s = pb.awareness.getStates().get(pa.doc.clientID) as
        | { user?: { id: string; name: string }; openMeasureId?: string }
        | undefined;
      return s?.openMeasureId === 'm1' ? s : undefined;
    });
    expect(seen.user).toEqual({ id: alice.id, name: 'Alice', organisation: null });
  });

  it('[A6] a connection cannot set or remove states of clientIDs it does not own', async () => {
    const server = await ctx.start();
    const alice = addUser(server, 'aw2', 'editor', 'Alice');
    const eve = addUser(server, 'aw2', 'editor', 'Eve');
    const pa = ctx.provider(server, 'aw2', alice);
    const watcher = ctx.provider(server, 'aw2', alice);
    await Promise.all([synced(pa), synced(watcher)]);
    pa.awareness.setLocalStateField('openMeasureId', 'real');
    const aliceId = pa.doc.clientID;
    await until(() => openMeasureSeen(watcher, aliceId) === 'real');
    const evil = RawPeer.connect(wsUrl(server, 'aw2'), eve.headers);
    await evil.opened;
    evil.sendAwareness([{ clientId: 4242, clock: 1, state: { openMeasureId: 'mine' } }]);
    await until(() => watcher.awareness.getStates().has(4242));
    evil.sendAwareness([
      { clientId: aliceId, clock: 1000, state: { openMeasureId: 'hijacked' } },
      { clientId: aliceId, clock: 1001, state: null },
    ]);
    evil.sendAwareness([{ clientId: 4242, clock: 2, state: { openMeasureId: 'mine-2' } }]);
    await until(() => openMeasureSeen(watcher, 4242) === 'mine-2');
    const alicesState = watcher.awareness.getStates().get(aliceId) as { openMeasureId?: string };
    expect(alicesState.openMeasureId).toBe('real');
    const evilsState = watcher.awareness.getStates().get(4242) as { user: { name: string } };
    expect(evilsState.user.name).toBe('Eve');
    // When Eve leaves, her state goes with her.
    evil.close();
    await until(() => !watcher.awareness.getStates().has(4242));
  });

  it('[A6] a stock client that reconnects is seen again at once; others cannot take its id', async () => {
    const server = await ctx.start();
    const alice = addUser(server, 'aw3', 'editor', 'Alice');
    const eve = addUser(server, 'aw3', 'editor', 'Eve');
    const pa = ctx.provider(server, 'aw3', alice);
    const watcher = ctx.provider(server, 'aw3', eve);
    await Promise.all([synced(pa), synced(watcher)]);
    pa.awareness.setLocalStateField('openMeasureId', 'm1');
    const aliceId = pa.doc.clientID;
    const seen = () => openMeasureSeen(watcher, aliceId);
    await until(() => seen() === 'm1');
    // A network blip: the socket dies, the provider reconnects by itself with the same
    // clientID and its unchanged local state (and its old awareness clock).
    (pa.ws as unknown as { terminate(): void }).terminate();
    await until(() => seen() === undefined, { message: 'alice gone' });
    // Eve's late echo of Alice's old state cannot claim the departed id.
    const evil = RawPeer.connect(wsUrl(server, 'aw3'), eve.headers);
    await evil.opened;
    evil.sendAwareness([{ clientId: aliceId, clock: 99, state: { openMeasureId: 'fake' } }]);
    // Well within the stock client's 15 s renewal: no local change is needed to be seen.
    const back = await until(
      () =>
        watcher.awareness.getStates().get(aliceId) as
          | { openMeasureId?: string; user: { name: string } }
          | undefined,
      { timeout: 3_000, message: 'alice seen again after reconnecting' },
    );
    expect(back.openMeasureId).toBe('m1');
    expect(back.user.name).toBe('Alice');
  });
});
