import { listColumns, readMeta, readSchemaVersion, SCHEMA_VERSION } from '@tavla/domain';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../sync/closeCodes.js';
import { addUser, storedDoc, synced, TestContext, until } from './harness.js';
import { RawPeer } from './rawPeer.js';

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

/** A document as the v0 prototype wrote it (see packages/domain migrations tests). */
function v0State(agreementId: string): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('agreementId', agreementId);
    meta.set('title', 'Gammel avtale');
    doc.getMap('focusAreas').set('fa-1', { number: '1', title: 'Befolkningsutvikling' });
    const m1 = new Y.Map();
    m1.set('focusAreaId', 'fa-1');
    m1.set('title', 'Ungdomspanel');
    m1.set('order', 1);
    doc.getMap('measures').set('m1', m1);
  });
  return Y.encodeStateAsUpdate(doc);
}

describe('document setup on load', () => {
  it('[S8] an agreement that has only its row gets meta and default columns on first load, stored', async () => {
    const server = await ctx.start();
    server.auth.accounts.createAgreement({ id: 'fresh', title: 'Ny avtale' });
    const user = addUser(server, 'fresh', 'editor');
    const p = ctx.provider(server, 'fresh', user);
    await synced(p);
    await until(() => listColumns(p.doc).length === 4);
    expect(readMeta(p.doc)).toMatchObject({
      agreementId: 'fresh',
      title: 'Ny avtale',
      schemaVersion: SCHEMA_VERSION,
    });
    await server.registry.get('fresh')?.whenIdle();
    expect(readMeta(await storedDoc(server.storage, 'fresh')).agreementId).toBe('fresh');
  });

  it('[S8] meta that an editor broke never stops the document from loading again', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'brick', 'editor');
    const p = ctx.provider(server, 'brick', user);
    await synced(p);
    await until(() => readMeta(p.doc).agreementId === 'brick');
    // Any editor may write anything into the document (a CRDT has no server-side schema):
    // here an agreement id that initAgreement refuses as another agreement's.
    p.doc.getMap('meta').set('agreementId', '');
    await until(async () => readMeta(await storedDoc(server.storage, 'brick')).agreementId === '');
    p.destroy();
    await until(() => server.registry.get('brick') === undefined, { message: 'unloaded' });
    const again = ctx.provider(server, 'brick', user);
    const closed: number[] = [];
    again.on('connection-close', (e) => closed.push((e as { code: number }).code));
    await synced(again);
    expect(closed).toEqual([]);
    expect(listColumns(again.doc)).toHaveLength(4);
  });

  it('[S8] nothing is created for an id without an agreement row', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'real', 'editor');
    const peer = RawPeer.connect(`${server.url.replace('http', 'ws')}/ws/ghost`, user.headers);
    expect(await peer.closed).toBe(CloseCode.NOT_FOUND);
    expect(await server.storage.has('ghost')).toBe(false);
  });

  it('[M1] a stored document of an older schema is migrated on load and the migration is stored', async () => {
    const dataDir = ctx.dir();
    const server = await ctx.start({ dataDir });
    const user = addUser(server, 'old', 'editor');
    await server.storage.writeSnapshot('old', v0State('old'), 0);
    const p = ctx.provider(server, 'old', user);
    await synced(p);
    await until(() => readSchemaVersion(p.doc) === SCHEMA_VERSION);
    await server.registry.get('old')?.whenIdle();
    const stored = await storedDoc(server.storage, 'old');
    expect(readSchemaVersion(stored)).toBe(SCHEMA_VERSION);
    expect(readMeta(stored).title).toBe('Gammel avtale'); // not re-initialised
  });

  it('[A8] a socket whose session expired is closed with 4401 by the periodic check', async () => {
    let now = Date.now();
    const server = await ctx.start({
      overrides: { sync: { sessionCheckIntervalMs: 20 } },
      authOptions: { now: () => now },
    });
    const user = addUser(server, 'expiry', 'editor');
    const session = server.auth.service.sessions.create(user.id, 'test');
    const p = ctx.provider(server, 'expiry', null, {
      headers: { cookie: `tavla_session=${session.secret}` },
    });
    await synced(p);
    const closed = new Promise<{ code: number }>((resolve) =>
      p.on('connection-close', (e) => resolve(e as { code: number })),
    );
    now += server.auth.options.sessionIdleTtlMs + 1;
    expect((await closed).code).toBe(CloseCode.UNAUTHENTICATED);
  });
});
