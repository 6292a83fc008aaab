import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../sync/closeCodes.js';
import { addUser, storedDoc, synced, TestContext, until, wsUrl } from './harness.js';
import { RawPeer } from './rawPeer.js';

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

/** Reads the document straight from the SQLite file, through a separate connection. */
function readFromDisk(file: string, docId: string): Y.Doc {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const doc = new Y.Doc();
    const snap = db.prepare('SELECT state FROM doc_snapshots WHERE doc_id = ?').get(docId) as
      | { state: Buffer }
      | undefined;
    if (snap) Y.applyUpdate(doc, snap.state);
    const rows = db
      .prepare('SELECT data FROM doc_log WHERE doc_id = ? ORDER BY seq')
      .all(docId) as { data: Buffer }[];
    for (const r of rows) Y.applyUpdate(doc, r.data);
    return doc;
  } finally {
    db.close();
  }
}

describe('durability', () => {
  it('[D1] an update is on disk before any peer receives it', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'd1');
    const writer = ctx.provider(server, 'd1', user);
    const reader = ctx.provider(server, 'd1', user);
    await Promise.all([synced(writer), synced(reader)]);
    const violations: string[] = [];
    let checked = 0;
    reader.doc.getMap('m').observe((event) => {
      // Runs synchronously as the reader applies what it received.
      const onDisk = readFromDisk(server.config.dbFile, 'd1').getMap('m');
      for (const key of event.keysChanged) {
        checked++;
        if (onDisk.get(key) !== reader.doc.getMap('m').get(key)) violations.push(key);
      }
    });
    for (let i = 0; i < 30; i++) {
      writer.doc.getMap('m').set(`k${i}`, i);
      if (i % 5 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    await until(() => reader.doc.getMap('m').size === 30);
    expect(checked).toBeGreaterThanOrEqual(30);
    expect(violations).toEqual([]);
  });

  it('[D2] sync step 2 waits until what it carries is on disk', async () => {
    const { server, storage } = await ctx.startControlled();
    const user = addUser(server, 'd2');
    const writer = ctx.provider(server, 'd2', user);
    await synced(writer);
    storage.appendDelayMs = 300;
    writer.doc.getMap('m').set('slow', 1);
    // A newcomer asks for the state while the write is in flight.
    const late = RawPeer.connect(wsUrl(server, 'd2'), user.headers);
    await late.opened;
    late.sendStep1();
    await until(() => late.count(0, 1) === 1, { message: 'step 2' });
    const step2At = late.frames.find((f) => f.sub === 1)!.at;
    const committed = storage.appends.find((a) => a.docId === 'd2');
    expect(committed).toBeDefined();
    expect(step2At).toBeGreaterThanOrEqual(committed!.at);
    expect(late.doc.getMap('m').get('slow')).toBe(1);
    late.close();
  });

  it('[D5] a failed write keeps the document in memory, refuses updates, and retries', async () => {
    const { server, storage } = await ctx.startControlled({
      overrides: { sync: { storeRetryBaseMs: 50, storeRetryMaxMs: 100 } },
    });
    const user = addUser(server, 'd5');
    const writer = RawPeer.connect(wsUrl(server, 'd5'), user.headers);
    const reader = RawPeer.connect(wsUrl(server, 'd5'), user.headers);
    await Promise.all([writer.opened, reader.opened]);
    writer.sendStep1();
    reader.sendStep1();
    await until(() => writer.count(0, 1) === 1 && reader.count(0, 1) === 1);
    storage.failAppend = true;
    writer.change((d) => d.getMap('m').set('first', 1));
    await until(() => server.registry.get('d5')?.stats.failing === true, { message: 'failing' });
    // Not on disk, so not sent to anyone.
    await new Promise((r) => setTimeout(r, 150));
    expect(reader.doc.getMap('m').get('first')).toBeUndefined();
    // Further updates are refused (the client keeps them and resends after reconnecting).
    writer.change((d) => d.getMap('m').set('second', 2));
    expect(await writer.closed).toBe(CloseCode.TRY_AGAIN_LATER);
    reader.close();
    await new Promise((r) => setTimeout(r, 100));
    // No connections left, but a store is pending: never unloaded.
    expect(server.registry.get('d5')).toBeDefined();
    storage.failAppend = false;
    await until(() => server.registry.get('d5') === undefined, { message: 'stored and unloaded' });
    const stored = await storedDoc(server.storage, 'd5');
    expect(stored.getMap('m').get('first')).toBe(1);
    expect(stored.getMap('m').get('second')).toBeUndefined();
  });

  it('[D4] a failed load closes with 1011 and never stores an empty document', async () => {
    const { server, storage } = await ctx.startControlled();
    const user = addUser(server, 'd4');
    // Real content on disk.
    const source = new Y.Doc();
    source.getMap('m').set('precious', true);
    await server.storage.appendUpdates('d4', [Y.encodeStateAsUpdate(source)]);
    const appendsBefore = storage.appends.length;
    storage.failLoad = true;
    const peer = RawPeer.connect(wsUrl(server, 'd4'), user.headers);
    await peer.opened;
    peer.sendStep1();
    peer.change((d) => d.getMap('m').set('overwrite', 1));
    expect(await peer.closed).toBe(CloseCode.INTERNAL);
    expect(peer.frames).toHaveLength(0);
    expect(storage.appends.length).toBe(appendsBefore);
    expect(storage.snapshots.filter((s) => s.docId === 'd4')).toHaveLength(0);
    expect(server.registry.get('d4')).toBeUndefined();
    // Once storage works again, the next connection loads the real document.
    storage.failLoad = false;
    const p = ctx.provider(server, 'd4', user);
    await synced(p);
    expect(p.doc.getMap('m').get('precious')).toBe(true);
  });

  it('[L6] a load that takes too long fails its connections with 1011', async () => {
    const { server, storage } = await ctx.startControlled({
      overrides: { limits: { loadTimeoutMs: 100 } },
    });
    const user = addUser(server, 'timeout');
    storage.loadDelayMs = 400;
    const peer = RawPeer.connect(wsUrl(server, 'timeout'), user.headers);
    expect(await peer.closed).toBe(CloseCode.INTERNAL);
    expect(peer.frames).toHaveLength(0);
    storage.loadDelayMs = 0;
    await new Promise((r) => setTimeout(r, 400));
    const p = ctx.provider(server, 'timeout', user);
    await synced(p);
  });

  it('[D7] the log is compacted into a snapshot after N updates, in a pause', async () => {
    const { server, storage } = await ctx.startControlled({
      overrides: { sync: { compactAfterUpdates: 10, compactQuietMs: 300 } },
    });
    const user = addUser(server, 'd7');
    const p = ctx.provider(server, 'd7', user);
    await synced(p);
    for (let i = 0; i < 35; i++) {
      p.doc.getMap('m').set(`k${i}`, i);
      await new Promise((r) => setTimeout(r, 5));
    }
    await until(async () => (await storedDoc(server.storage, 'd7')).getMap('m').size === 35);
    await until(async () => ((await server.storage.load('d7'))?.updates.length ?? 99) === 0, {
      message: 'compaction in the pause',
    });
    expect(storage.snapshots.filter((s) => s.docId === 'd7').length).toBeGreaterThan(0);
    const disk = readFromDisk(server.config.dbFile, 'd7');
    expect(disk.getMap('m').size).toBe(35);
  });

  it('[D7] without a pause, the log is compacted at 10x the threshold', async () => {
    const { server, storage } = await ctx.startControlled({
      overrides: { sync: { compactAfterUpdates: 3, compactQuietMs: 60_000 } },
    });
    const user = addUser(server, 'd7b');
    const p = ctx.provider(server, 'd7b', user);
    await synced(p);
    for (let i = 0; i < 45; i++) {
      p.doc.getMap('m').set(`k${i}`, i);
      await new Promise((r) => setTimeout(r, 2));
    }
    await until(async () => (await storedDoc(server.storage, 'd7b')).getMap('m').size === 45);
    expect(storage.snapshots.filter((s) => s.docId === 'd7b').length).toBeGreaterThan(0);
    expect((await server.storage.load('d7b'))!.updates.length).toBeLessThan(30);
  });

  it('[D6] a malformed update closes the sender with 4400 and the log stays readable', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'd6');
    const good = ctx.provider(server, 'd6', user);
    await synced(good);
    good.doc.getMap('m').set('ok', 1);
    const bad = RawPeer.connect(wsUrl(server, 'd6'), user.headers);
    await bad.opened;
    // A valid update followed by garbage where its delete set should be.
    const d = new Y.Doc();
    d.getMap('m').set('partial', 1);
    const u = Y.encodeStateAsUpdate(d);
    const broken = new Uint8Array([...u.slice(0, u.length - 1), 0xff, 0xff, 0xff]);
    bad.sendUpdate(broken);
    expect(await bad.closed).toBe(CloseCode.BAD_MESSAGE);
    good.doc.getMap('m').set('after', 2);
    await until(async () => (await storedDoc(server.storage, 'd6')).getMap('m').get('after') === 2);
    // Every stored entry can be read back.
    const stored = await server.storage.load('d6');
    for (const entry of stored?.updates ?? []) {
      expect(() => Y.applyUpdate(new Y.Doc(), entry)).not.toThrow();
    }
  });

  it('[D6] an update waiting for missing dependencies is stored, and completes after a restart', async () => {
    const dataDir = ctx.dir();
    const server = await ctx.start({ dataDir });
    const user = addUser(server, 'pending');
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    source.getText('t').insert(0, 'first ');
    source.getText('t').insert(6, 'second');
    const [u1, u2] = updates as [Uint8Array, Uint8Array];
    const peer = RawPeer.connect(wsUrl(server, 'pending'), user.headers);
    await peer.opened;
    peer.sendUpdate(u2); // depends on u1, which the server has not seen
    // (The agreement's first load also stores its initialisation [S8]: wait for u2 itself.)
    await until(async () =>
      (await server.storage.load('pending'))?.updates.some((x) =>
        Buffer.from(x).equals(Buffer.from(u2)),
      ),
    );
    peer.close();
    await server.shutdown();
    const again = await ctx.start({ dataDir });
    const late = RawPeer.connect(wsUrl(again, 'pending'), user.headers);
    await late.opened;
    late.sendUpdate(u1);
    const p = ctx.provider(again, 'pending', user);
    await until(() => p.doc.getText('t').toString() === 'first second');
    late.close();
  });
});
