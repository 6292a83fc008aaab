import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../log.js';
import {
  addUser,
  type ConfigOverrides,
  storedDoc,
  synced,
  TestContext,
  until,
  wsUrl,
} from './harness.js';
import { RawPeer } from './rawPeer.js';

/**
 * [P3] Cold open of a large document: the stored snapshot answers fresh clients before Yjs
 * applies it, also when their sync step 1 arrives after storage has returned (it always does:
 * SQLite answers in the upgrade's own event-loop turn). What happened when is read from the
 * server's debug log, in the order it was written, and from the order of the frames a client
 * received — never from how long something took.
 */

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

interface LogLine {
  msg: string;
  doc?: string;
  conn?: string;
  until?: string;
  waitedMs?: number;
  answered?: boolean;
  /** performance.now() when the line was written. */
  at: number;
}

/** A server logging at debug into `lines`, its storage wrapped in a ControlledStorage. */
async function startLogged(sync: ConfigOverrides['sync'] = {}) {
  const lines: LogLine[] = [];
  const { server, storage } = await ctx.startControlled({
    overrides: { sync },
    log: createLogger({
      level: 'debug',
      write: (line) => lines.push({ ...JSON.parse(line), at: performance.now() }),
    }),
  });
  return { server, lines, storage };
}

/** Stores a snapshot of ~`kib` KiB for `docId` (the default threshold is 256 KiB). */
async function storeSnapshot(
  server: { storage: { writeSnapshot(id: string, s: Uint8Array, upTo: number): Promise<void> } },
  docId: string,
  kib: number,
): Promise<Y.Doc> {
  const source = new Y.Doc();
  const m = source.getMap('m');
  source.transact(() => {
    for (let i = 0; i < kib * 10; i++) m.set(`k${i}`, 'x'.repeat(90));
  });
  const state = Y.encodeStateAsUpdate(source);
  expect(state.byteLength).toBeGreaterThan(kib * 1000);
  await server.storage.writeSnapshot(docId, state, 0);
  return source;
}

const index = (lines: LogLine[], msg: string, doc: string) =>
  lines.findIndex((l) => l.msg === msg && l.doc === doc);

describe('[P3] cold open of a large document', () => {
  it('[P3] a fresh client on a cold large document gets the stored snapshot as its sync step 2 before the apply', async () => {
    // A long bound: the wait can only end because the client asked (no timing in the test).
    const { server, lines } = await startLogged({ coldOpenWaitMs: 10_000 });
    const user = addUser(server, 'cold');
    await storeSnapshot(server, 'cold', 300);

    const fresh = RawPeer.connect(wsUrl(server, 'cold'), user.headers);
    await fresh.opened;
    fresh.sendStep1(new Uint8Array([0]));
    await until(() => fresh.count(0, 1) === 1 && fresh.count(0, 0) === 1);
    expect(fresh.doc.getMap('m').size).toBe(3000);
    // Its step 2 came before the server's step 1, which is sent only once the doc has loaded.
    expect(fresh.frames[0]!.sub).toBe(1);

    const answered = index(lines, 'answered from the stored snapshot', 'cold');
    const applying = index(lines, 'cold open: applying the snapshot', 'cold');
    const loaded = index(lines, 'document loaded', 'cold');
    expect(answered).toBeGreaterThanOrEqual(0);
    expect(applying).toBeGreaterThan(answered);
    expect(loaded).toBeGreaterThan(applying);
    expect(lines[applying]).toMatchObject({ until: 'asked', answered: true });

    // The stock provider, later on the now warm document, gets the same state.
    const stock = ctx.provider(server, 'cold', user);
    await synced(stock);
    expect(stock.doc.getMap('m').size).toBe(3000);
    fresh.close();
  });

  it('[P3] a stock provider opening a cold large document is answered from the stored bytes', async () => {
    const { server, lines } = await startLogged({ coldOpenWaitMs: 10_000 });
    const user = addUser(server, 'stock');
    await storeSnapshot(server, 'stock', 300);
    const provider = ctx.provider(server, 'stock', user);
    await synced(provider);
    expect(provider.doc.getMap('m').size).toBe(3000);
    await until(() => index(lines, 'document loaded', 'stock') >= 0);
    expect(index(lines, 'answered from the stored snapshot', 'stock')).toBeGreaterThanOrEqual(0);
    expect(index(lines, 'answered from the stored snapshot', 'stock')).toBeLessThan(
      index(lines, 'cold open: applying the snapshot', 'stock'),
    );
  });

  it('[P3][S2] a client with state of its own gets a diff after the apply, beside a fresh one', async () => {
    const { server, lines } = await startLogged({ coldOpenWaitMs: 10_000 });
    const user = addUser(server, 'mixed');
    const source = await storeSnapshot(server, 'mixed', 300);

    // Has everything stored plus an edit of its own: its answer must be a diff, not 3 MB.
    const behind = RawPeer.connect(wsUrl(server, 'mixed'), user.headers);
    Y.applyUpdate(behind.doc, Y.encodeStateAsUpdate(source));
    behind.doc.getMap('own').set('x', 1);
    const fresh = RawPeer.connect(wsUrl(server, 'mixed'), user.headers);
    await Promise.all([behind.opened, fresh.opened]);
    behind.sendStep1();
    fresh.sendStep1(new Uint8Array([0]));

    await until(() => behind.count(0, 1) === 1 && fresh.count(0, 1) === 1);
    expect(fresh.frames[0]!.sub).toBe(1);
    expect(fresh.doc.getMap('m').size).toBe(3000);
    // Never answered from the snapshot: the server's step 1 (after the load) comes first.
    expect(behind.frames[0]!.sub).toBe(0);
    const diff = behind.frames.find((f) => f.sub === 1)!;
    expect(diff.bytes.byteLength).toBeLessThan(2_000);
    expect(behind.doc.getMap('m').size).toBe(3000);
    expect(lines.filter((l) => l.msg === 'answered from the stored snapshot')).toHaveLength(1);

    // Its own edit, sent as the stock client would (its step 2), is stored and reaches the other.
    behind.sendUpdate(Y.encodeStateAsUpdate(behind.doc, Y.encodeStateVector(source)), 1);
    await until(() => fresh.doc.getMap('own').get('x') === 1);
    expect((await storedDoc(server.storage, 'mixed')).getMap('own').get('x')).toBe(1);
    behind.close();
    fresh.close();
  });

  it('[P3][D1] edits sent while the apply waits are queued, stored before anyone gets them, and converge', async () => {
    // A silent client holds the apply for the whole bound, so the edits surely fall into it.
    const { server, lines, storage } = await startLogged({ coldOpenWaitMs: 2_500 });
    const user = addUser(server, 'during');
    await storeSnapshot(server, 'during', 300);

    const silent = RawPeer.connect(wsUrl(server, 'during'), user.headers);
    await silent.opened;
    const provider = ctx.provider(server, 'during', user);
    await synced(provider);
    // Answered from the stored bytes while the document is still waiting to be applied.
    expect(server.registry.get('during')?.isReady).toBe(false);
    expect(index(lines, 'cold open: applying the snapshot', 'during')).toBe(-1);
    provider.doc.getMap('m').set('during', 'the wait');
    provider.doc.getText('t').insert(0, 'typed early');

    await until(() => silent.doc.getText('t').toString() === 'typed early', {
      message: 'the edit to reach the silent client',
    });
    const applying = lines[index(lines, 'cold open: applying the snapshot', 'during')]!;
    expect(applying.until).toBe('bound');
    // Nothing was stored before the apply, and every update reached the peer after its write.
    expect(storage.appends.length).toBeGreaterThan(0);
    expect(storage.appends[0]!.at).toBeGreaterThan(applying.at);
    const updates = silent.frames.filter((f) => f.sub === 2);
    expect(updates.length).toBeGreaterThan(0);
    for (const f of updates) expect(f.at).toBeGreaterThan(storage.appends[0]!.at);

    const stored = await storedDoc(server.storage, 'during');
    expect(stored.getMap('m').get('during')).toBe('the wait');
    expect(stored.getText('t').toString()).toBe('typed early');
    expect(stored.getMap('m').size).toBe(3001);
    const late = ctx.provider(server, 'during', user);
    await synced(late);
    expect(late.doc.getMap('m').get('during')).toBe('the wait');
    expect(late.doc.getText('t').toString()).toBe('typed early');
    silent.close();
  });

  it('[P3] a client that never sends anything holds the apply no longer than the bound', async () => {
    const bound = 300;
    const { server, lines } = await startLogged({ coldOpenWaitMs: bound });
    const user = addUser(server, 'silent');
    await storeSnapshot(server, 'silent', 300);
    const silent = RawPeer.connect(wsUrl(server, 'silent'), user.headers);
    await silent.opened;
    // Greeted (the server's step 1 after the load) without ever having asked.
    await until(() => silent.count(0, 0) === 1, { message: 'the silent client to be greeted' });
    expect(silent.frames[0]!.sub).toBe(0);
    expect(server.registry.get('silent')?.isReady).toBe(true);
    const applying = lines[index(lines, 'cold open: applying the snapshot', 'silent')]!;
    expect(applying).toMatchObject({ until: 'bound', answered: false });
    // The timer's own bound; the upper one only says it was that timer that ended it.
    expect(applying.waitedMs).toBeGreaterThanOrEqual(bound - 1);
    expect(applying.waitedMs).toBeLessThan(bound * 10);
    silent.close();
  });

  it('[P3][S3] the last waiting client leaving ends the wait, and the document unloads', async () => {
    const { server, lines } = await startLogged({ coldOpenWaitMs: 60_000 });
    const user = addUser(server, 'gone');
    await storeSnapshot(server, 'gone', 300);
    const peer = RawPeer.connect(wsUrl(server, 'gone'), user.headers);
    await peer.opened;
    await until(() => server.registry.get('gone') !== undefined);
    peer.close();
    await until(() => index(lines, 'document unloaded', 'gone') >= 0, { message: 'unload' });
    expect(lines[index(lines, 'cold open: applying the snapshot', 'gone')]).toMatchObject({
      until: 'asked',
    });
    // Stored as it was: nothing lost, nothing emptied.
    expect((await storedDoc(server.storage, 'gone')).getMap('m').size).toBe(3000);
  });

  it('[P3] a small document is applied at once, as before', async () => {
    const { server, lines } = await startLogged({ coldOpenWaitMs: 60_000 });
    const user = addUser(server, 'small');
    await storeSnapshot(server, 'small', 50);
    const fresh = RawPeer.connect(wsUrl(server, 'small'), user.headers);
    await fresh.opened;
    fresh.sendStep1(new Uint8Array([0]));
    await until(() => fresh.count(0, 1) === 1);
    expect(fresh.doc.getMap('m').size).toBe(500);
    expect(fresh.frames[0]!.sub).toBe(0);
    expect(index(lines, 'cold open: applying the snapshot', 'small')).toBe(-1);
    fresh.close();
  });
});
