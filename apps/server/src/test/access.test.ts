import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { runAdminCommand } from '../accounts/adminCli.js';
import { createAuth } from '../auth/index.js';
import { FAST_SCRYPT } from '../auth/testing.js';
import { openDatabase } from '../db/database.js';
import { CloseCode } from '../sync/closeCodes.js';
import { addUser, sleep, storedDoc, synced, TestContext, until } from './harness.js';
import { RawPeer } from './rawPeer.js';

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

const base = (server: { url: string }) => server.url.replace('http', 'ws');

async function refusal(url: string, headers: Record<string, string> = {}) {
  const peer = RawPeer.connect(url, headers);
  const code = await peer.closed;
  return { code, frames: peer.frames.length };
}

describe('access to /ws/:agreementId', () => {
  it('[A1] an unauthenticated upgrade is closed with 4401 before any document data', async () => {
    const server = await ctx.start();
    addUser(server, 'secret');
    expect(await refusal(`${base(server)}/ws/secret`)).toEqual({ code: 4401, frames: 0 });
    expect(
      await refusal(`${base(server)}/ws/secret`, { authorization: 'Bearer tavla_not-a-token' }),
    ).toEqual({ code: 4401, frames: 0 });
    expect(await refusal(`${base(server)}/ws/secret`, { cookie: 'tavla_session=forged' })).toEqual({
      code: 4401,
      frames: 0,
    });
  });

  it('[A1] the stock provider stops retrying after 4401', async () => {
    const server = await ctx.start();
    addUser(server, 'secret');
    const p = ctx.provider(server, 'secret', null);
    const closed = await new Promise<{ code: number }>((resolve) => p.on('closed', resolve));
    expect(closed.code).toBe(CloseCode.UNAUTHENTICATED);
    expect(p.shouldConnect).toBe(false);
  });

  it('[A1] a session cookie from a real login authenticates the socket', async () => {
    const server = await ctx.start({ overrides: { seed: 'demo' } });
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'radgiver@ipr.example', password: 'tavla-demo' }),
    });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^tavla_session=/);
    const p = ctx.provider(server, 'tromsvekstavtalen', null, {
      headers: { cookie, origin: server.url },
    });
    await synced(p);
    expect(p.doc.getMap('meta').get('agreementId')).toBe('tromsvekstavtalen');
  });

  it('[A2] a foreign Origin is refused with 4403, even with valid credentials', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'origin');
    expect(
      await refusal(`${base(server)}/ws/origin`, {
        ...user.headers,
        origin: 'https://evil.example',
      }),
    ).toEqual({ code: 4403, frames: 0 });
    expect(await refusal(`${base(server)}/ws/origin`, { ...user.headers, origin: 'null' })).toEqual(
      { code: 4403, frames: 0 },
    );
    // Same origin as the Host header is fine.
    const p = ctx.provider(server, 'origin', user, { headers: { origin: server.url } });
    await synced(p);
  });

  it('[A2] ALLOWED_ORIGINS replaces the same-origin rule', async () => {
    const server = await ctx.start({
      overrides: { allowedOrigins: ['https://tavla.example'] },
    });
    const user = addUser(server, 'origins');
    const p = ctx.provider(server, 'origins', user, {
      headers: { origin: 'https://tavla.example' },
    });
    await synced(p);
    expect(
      await refusal(`${base(server)}/ws/origins`, { ...user.headers, origin: server.url }),
    ).toEqual({ code: 4403, frames: 0 });
  });

  it('[A4] a non-member gets 4404, the same as for an agreement that does not exist', async () => {
    const server = await ctx.start();
    addUser(server, 'members-only');
    const outsider = addUser(server, 'elsewhere');
    expect(await refusal(`${base(server)}/ws/members-only`, outsider.headers)).toEqual({
      code: 4404,
      frames: 0,
    });
    expect(await refusal(`${base(server)}/ws/no-such-agreement`, outsider.headers)).toEqual({
      code: 4404,
      frames: 0,
    });
    // Nothing was loaded or created for them.
    expect(server.registry.get('members-only')).toBeUndefined();
    expect(await server.storage.has('no-such-agreement')).toBe(false);
  });

  it('[A3] a viewer receives edits but its own never reach the document or anyone', async () => {
    const server = await ctx.start();
    const editor = addUser(server, 'view', 'editor', 'Editor');
    const viewer = addUser(server, 'view', 'viewer', 'Viewer');
    const pe = ctx.provider(server, 'view', editor);
    const pv = ctx.provider(server, 'view', viewer);
    await Promise.all([synced(pe), synced(pv)]);
    pe.doc.getMap('m').set('from-editor', 1);
    await until(() => pv.doc.getMap('m').get('from-editor') === 1);
    // The viewer's client edits anyway (a modified client would).
    pv.doc.getMap('m').set('from-viewer', 1);
    pv.doc.getText('t').insert(0, 'vandalism');
    // Its awareness still flows.
    pv.awareness.setLocalStateField('openMeasureId', 'm7');
    await until(
      () =>
        (pe.awareness.getStates().get(pv.doc.clientID) as { openMeasureId?: string } | undefined)
          ?.openMeasureId === 'm7',
    );
    pe.doc.getMap('m').set('marker', 2);
    await until(() => pv.doc.getMap('m').get('marker') === 2);
    await until(
      async () => (await storedDoc(server.storage, 'view')).getMap('m').get('marker') === 2,
    );
    expect(pe.doc.getMap('m').get('from-viewer')).toBeUndefined();
    expect(pe.doc.getText('t').toString()).toBe('');
    const stored = await storedDoc(server.storage, 'view');
    expect(stored.getMap('m').get('from-viewer')).toBeUndefined();
    expect(stored.getText('t').toString()).toBe('');
    // A reconnect (sync step 2 from the viewer) does not smuggle it in either.
    pv.disconnect();
    pv.connect();
    await synced(pv);
    const fresh = ctx.provider(server, 'view', editor);
    await synced(fresh);
    expect(fresh.doc.getMap('m').get('from-viewer')).toBeUndefined();
    expect(server.registry.get('view')?.conns.size).toBe(3);
  });

  it('[A3] a viewer whose update is dropped is told so, once, and nothing reaches anyone', async () => {
    const server = await ctx.start({ overrides: { sync: { readOnlyNoticeIntervalMs: 60_000 } } });
    const editor = addUser(server, 'told', 'editor', 'Editor');
    const viewer = addUser(server, 'told', 'viewer', 'Viewer');
    const url = `${base(server)}/ws/told`;
    const pe = RawPeer.connect(url, editor.headers);
    const pv = RawPeer.connect(url, viewer.headers);
    await Promise.all([pe.opened, pv.opened]);
    pe.sendStep1();
    pv.sendStep1();
    await until(() => pe.count(0, 1) === 1 && pv.count(0, 1) === 1);
    // The editor's text, deleted again: the viewer receives both, so its delete set is not empty.
    pe.change((d) => d.getText('t').insert(0, 'abc'));
    pe.change((d) => d.getText('t').delete(0, 1));
    await until(() => pv.doc.getText('t').toString() === 'bc');

    // A step 2 with only what the server has (the whole delete set, as a stock client sends
    // on every connect) is no edit: nothing is said.
    pv.sendUpdate(Y.encodeStateAsUpdate(pv.doc, Y.encodeStateVector(pv.doc)), 1);
    pv.sendUpdate(Y.encodeStateAsUpdate(new Y.Doc()), 1); // a fresh client's empty step 2
    pe.change((d) => d.getMap('m').set('marker', 1));
    await until(() => pv.doc.getMap('m').get('marker') === 1);
    expect(pv.count(2)).toBe(0);

    // A real edit (an offline one in its step 2, then an update): told once, not per message.
    pv.doc.getMap('m').set('from-viewer', 1);
    pv.sendUpdate(Y.encodeStateAsUpdate(pv.doc, Y.encodeStateVector(pe.doc)), 1);
    await until(() => pv.count(2) === 1);
    const denied = pv.frames.find((f) => f.type === 2)!;
    const d = decoding.createDecoder(denied.bytes);
    expect(decoding.readVarUint(d)).toBe(2); // auth message
    expect(decoding.readVarUint(d)).toBe(0); // permission denied
    expect(decoding.readVarString(d)).toBe('read-only: your changes were not stored');
    pv.change((doc) => doc.getText('t').insert(0, 'vandalism'));
    pv.change((doc) => doc.getText('t').insert(0, 'more'));
    pe.change((doc) => doc.getMap('m').set('marker', 2));
    await until(() => pv.doc.getMap('m').get('marker') === 2);
    expect(pv.count(2)).toBe(1);

    // Nothing of it reached the document, the editor or the disk.
    expect(pe.doc.getMap('m').get('from-viewer')).toBeUndefined();
    expect(pe.doc.getText('t').toString()).toBe('bc');
    expect(pe.count(2)).toBe(0);
    await until(
      async () => (await storedDoc(server.storage, 'told')).getMap('m').get('marker') === 2,
    );
    const stored = await storedDoc(server.storage, 'told');
    expect(stored.getMap('m').get('from-viewer')).toBeUndefined();
    expect(stored.getText('t').toString()).toBe('bc');
    expect(server.registry.get('told')?.doc.getMap('m').get('from-viewer')).toBeUndefined();
    // The viewer stays connected.
    expect(pv.closeCode).toBeNull();
    pe.close();
    pv.close();
  });

  it('[A3] the stock provider logs the refusal and stays connected', async () => {
    const server = await ctx.start();
    const viewer = addUser(server, 'stock-told', 'viewer', 'Viewer');
    const warnings: unknown[][] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((...args) => {
      warnings.push(args);
    });
    try {
      const offline = new Y.Doc();
      offline.getMap('m').set('made-offline', 1);
      const pv = ctx.provider(server, 'stock-told', viewer, { doc: offline });
      await synced(pv);
      await until(() => warnings.some((w) => String(w[0]).includes('not stored')));
      expect(pv.wsconnected).toBe(true);
      expect(
        server.registry.get('stock-told')?.doc.getMap('m').get('made-offline'),
      ).toBeUndefined();
    } finally {
      warn.mockRestore();
    }
  });

  it('[A7] revoking the token or the membership closes open sockets', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'revoke');
    const other = addUser(server, 'revoke');
    const peer = RawPeer.connect(`${base(server)}/ws/revoke`, user.headers);
    const peer2 = RawPeer.connect(`${base(server)}/ws/revoke`, other.headers);
    await Promise.all([peer.opened, peer2.opened]);
    await until(() => peer.frames.length > 0 && peer2.frames.length > 0);
    const tokenId = [...server.gateway.conns].find((c) => c.principal.userId === user.id)!.principal
      .tokenId!;
    server.auth.service.revokeToken(user.id, tokenId);
    expect(await peer.closed).toBe(CloseCode.UNAUTHENTICATED);
    server.auth.accounts.removeMembership({ agreementId: 'revoke', userId: other.id });
    expect(await peer2.closed).toBe(CloseCode.NOT_FOUND);
  });

  it('[A7][A8] a role changed by the CLI (another process) reaches open sockets by the periodic check', async () => {
    const server = await ctx.start({ overrides: { sync: { sessionCheckIntervalMs: 20 } } });
    const user = addUser(server, 'cli-role', 'editor');
    const other = addUser(server, 'cli-role', 'editor');
    const peer = RawPeer.connect(`${base(server)}/ws/cli-role`, user.headers);
    const watcher = RawPeer.connect(`${base(server)}/ws/cli-role`, other.headers);
    await Promise.all([peer.opened, watcher.opened]);
    await until(() => peer.frames.length > 0 && watcher.frames.length > 0);
    // `pnpm tavla add-member` works on the same file while the server runs (its own connection,
    // its own process: none of the server's in-memory listeners hear of it).
    const db = openDatabase(server.config.dbFile);
    try {
      const cli = createAuth(db, { scrypt: FAST_SCRYPT });
      const email = server.auth.accounts.user(user.id)!.email;
      const io = { readStdin: async () => '', out: () => {}, err: () => {} };
      const args = ['add-member', '--email', email, '--agreement', 'cli-role', '--role', 'viewer'];
      expect(await runAdminCommand(cli, args, io)).toBe(0);
    } finally {
      db.close();
    }
    expect(await Promise.race([peer.closed, sleep(2_000).then(() => 'still open')])).toBe(
      CloseCode.TRY_AGAIN_LATER,
    );
  });

  it('[L9] invalid agreement ids and stray upgrade paths are closed with 4400', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'valid');
    for (const path of [
      '/ws/..%2Fx',
      '/ws/%2e%2e',
      `/ws/${'a'.repeat(65)}`,
      '/ws/a%00b',
      '/ws/a/b',
      '/ws/',
      '/ws',
      '/elsewhere',
      '/api/health',
    ]) {
      expect({ path, ...(await refusal(`${base(server)}${path}`, user.headers)) }).toEqual({
        path,
        code: 4400,
        frames: 0,
      });
    }
  });
});
