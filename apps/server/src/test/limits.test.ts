import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../sync/closeCodes.js';
import { addUser, synced, TestContext, until, wsUrl } from './harness.js';
import { RawPeer } from './rawPeer.js';

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

describe('limits', () => {
  it('[L1] a frame over maxPayloadBytes closes that socket with 1009; others carry on', async () => {
    const server = await ctx.start({ overrides: { limits: { maxPayloadBytes: 64 * 1024 } } });
    const user = addUser(server, 'big');
    const honest = ctx.provider(server, 'big', user);
    await synced(honest);
    const peer = RawPeer.connect(wsUrl(server, 'big'), user.headers);
    await peer.opened;
    peer.send(new Uint8Array(100 * 1024));
    expect(await peer.closed).toBe(CloseCode.TOO_BIG);
    honest.doc.getMap('m').set('still', 'here');
    const other = ctx.provider(server, 'big', user);
    await until(() => other.doc.getMap('m').get('still') === 'here');
  });

  it('[L5] more messages per second than allowed closes with 4429', async () => {
    const server = await ctx.start({
      overrides: { limits: { messagesPerSecond: 10, messageBurst: 20 } },
    });
    const user = addUser(server, 'rate');
    const peer = RawPeer.connect(wsUrl(server, 'rate'), user.headers);
    await peer.opened;
    for (let i = 1; i <= 60; i++) {
      peer.sendAwareness([{ clientId: 77, clock: i, state: { n: i } }]);
    }
    expect(await peer.closed).toBe(CloseCode.RATE_LIMITED);
  });

  it('[L3] too many messages before the document is ready closes with 4429', async () => {
    const { server, storage } = await ctx.startControlled({
      overrides: { limits: { maxMessagesBeforeReady: 5 } },
    });
    storage.loadDelayMs = 300;
    const user = addUser(server, 'queue');
    const peer = RawPeer.connect(wsUrl(server, 'queue'), user.headers);
    await peer.opened;
    for (let i = 1; i <= 10; i++) {
      peer.sendAwareness([{ clientId: 5, clock: i, state: {} }]);
    }
    expect(await peer.closed).toBe(CloseCode.RATE_LIMITED);
    expect(peer.frames).toHaveLength(0);
  });

  it('[L4] connections per user and per address are limited', async () => {
    const server = await ctx.start({
      overrides: { limits: { maxConnectionsPerUser: 2, maxConnectionsPerIp: 3 } },
    });
    const a = addUser(server, 'conns');
    const b = addUser(server, 'conns');
    const open = [RawPeer.connect(wsUrl(server, 'conns'), a.headers)];
    open.push(RawPeer.connect(wsUrl(server, 'conns'), a.headers));
    await Promise.all(open.map((p) => p.opened));
    const third = RawPeer.connect(wsUrl(server, 'conns'), a.headers);
    expect(await third.closed).toBe(CloseCode.RATE_LIMITED);
    open.push(RawPeer.connect(wsUrl(server, 'conns'), b.headers));
    await open[2]!.opened;
    const fourth = RawPeer.connect(wsUrl(server, 'conns'), b.headers);
    expect(await fourth.closed).toBe(CloseCode.RATE_LIMITED);
    // Slots free up when sockets close.
    open[0]!.close();
    await until(() => server.gateway.conns.size === 2);
    const again = RawPeer.connect(wsUrl(server, 'conns'), a.headers);
    await again.opened;
    await until(() => again.frames.length > 0);
    for (const p of [...open, again]) p.close();
  });

  it('[L4] behind a trusted proxy, connections are counted per client address, not the proxy', async () => {
    const server = await ctx.start({
      overrides: { limits: { maxConnectionsPerIp: 2 } },
      authOptions: { trustProxy: true },
    });
    const users = [
      addUser(server, 'proxied'),
      addUser(server, 'proxied'),
      addUser(server, 'proxied'),
    ];
    // Three people behind the same reverse proxy: three client addresses, one socket address.
    const peers = users.map((u, i) =>
      RawPeer.connect(wsUrl(server, 'proxied'), {
        ...u.headers,
        'x-forwarded-for': `203.0.113.${i + 1}`,
      }),
    );
    await Promise.all(peers.map((p) => p.opened));
    await Promise.all(peers.map((p) => until(() => p.frames.length > 0 || p.closeCode !== null)));
    expect(peers.map((p) => p.closeCode)).toEqual([null, null, null]);
    // One address is still limited, whatever the proxy prepends on the client's say-so.
    const again = users.map((u, i) =>
      RawPeer.connect(wsUrl(server, 'proxied'), {
        ...u.headers,
        'x-forwarded-for': `10.0.0.${i}, 203.0.113.1`,
      }),
    );
    const codes = await Promise.all(
      again.map((p) => Promise.race([p.closed, until(() => p.frames.length > 0).then(() => 0)])),
    );
    expect(codes.sort()).toEqual([0, CloseCode.RATE_LIMITED, CloseCode.RATE_LIMITED]);
    for (const p of [...peers, ...again]) p.close();
  });

  it('[L2] an update that would grow the document past maxDocBytes closes with 4413', async () => {
    const server = await ctx.start({ overrides: { limits: { maxDocBytes: 4_000 } } });
    const user = addUser(server, 'size');
    const honest = ctx.provider(server, 'size', user);
    await synced(honest);
    honest.doc.getMap('m').set('small', 1);
    const peer = RawPeer.connect(wsUrl(server, 'size'), user.headers);
    await peer.opened;
    peer.sendStep1();
    await until(() => peer.doc.getMap('m').get('small') === 1);
    peer.change((d) => d.getText('t').insert(0, 'x'.repeat(5_000)));
    expect(await peer.closed).toBe(CloseCode.DOC_TOO_LARGE);
    const other = ctx.provider(server, 'size', user);
    await synced(other);
    expect(other.doc.getText('t').length).toBe(0);
    expect(other.doc.getMap('m').get('small')).toBe(1);
  });

  it('[L10] text frames close with 4400', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'text');
    const peer = RawPeer.connect(wsUrl(server, 'text'), user.headers);
    await peer.opened;
    peer.ws.send('{"hello":"json"}');
    expect(await peer.closed).toBe(CloseCode.BAD_MESSAGE);
  });

  it('[L7] an awareness update over maxAwarenessBytes closes with 1009', async () => {
    const server = await ctx.start({ overrides: { limits: { maxAwarenessBytes: 1024 } } });
    const user = addUser(server, 'aw-size');
    const peer = RawPeer.connect(wsUrl(server, 'aw-size'), user.headers);
    await peer.opened;
    peer.sendAwareness([{ clientId: 1, clock: 1, state: { blob: 'x'.repeat(2000) } }]);
    expect(await peer.closed).toBe(CloseCode.TOO_BIG);
  });

  it('[L7] the state limit is per state: a newcomer echoing a large room stays connected', async () => {
    // A room of 40 presences (~300 bytes each once stamped) against a 2 KiB state limit: the
    // stock client that joins echoes all 40 in one ~12 KB message, which must not close it.
    const server = await ctx.start({ overrides: { limits: { maxAwarenessBytes: 2048 } } });
    const user = addUser(server, 'aw-room');
    const others: RawPeer[] = [];
    for (let p = 0; p < 10; p++) {
      const peer = RawPeer.connect(wsUrl(server, 'aw-room'), user.headers);
      await peer.opened;
      peer.sendAwareness(
        [0, 1, 2, 3].map((k) => ({
          clientId: 1000 + p * 4 + k,
          clock: 1,
          state: { openMeasureId: `m-${p}-${k}`, note: 'x'.repeat(150) },
        })),
      );
      others.push(peer);
    }
    await until(() => others[0]!.awarenessStates.size === 40);
    const newcomer = ctx.provider(server, 'aw-room', user);
    let closes = 0;
    newcomer.on('connection-close', () => {
      closes += 1;
    });
    newcomer.awareness.setLocalStateField('openMeasureId', 'mine');
    await synced(newcomer);
    await until(() => newcomer.awareness.getStates().size === 41);
    await until(
      () =>
        (others[0]!.awarenessStates.get(newcomer.doc.clientID) as { openMeasureId?: string })
          ?.openMeasureId === 'mine',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(closes).toBe(0);
    // Its own state is still held to the limit.
    newcomer.awareness.setLocalStateField('blob', 'y'.repeat(3000));
    await until(() => closes > 0);
  });

  it('[L7] awareness bytes beyond the per-connection budget close with 4429; presence of others goes on', async () => {
    const server = await ctx.start({
      overrides: { limits: { awarenessBytesPerSecond: 4000, awarenessByteBurst: 8000 } },
    });
    const user = addUser(server, 'aw-rate');
    // An honest client: ~300 bytes every 100 ms (3 KB/s, under the rate) for 1.5 s stays.
    const honest = RawPeer.connect(wsUrl(server, 'aw-rate'), user.headers);
    await honest.opened;
    // A flooder: 3 KB states back to back (few messages, well within [L5]).
    const flood = RawPeer.connect(wsUrl(server, 'aw-rate'), user.headers);
    await flood.opened;
    const closedWith = new Map<RawPeer, number>();
    for (const p of [honest, flood]) void p.closed.then((code) => closedWith.set(p, code));
    for (let i = 1; i <= 5; i++) {
      flood.sendAwareness([{ clientId: 900, clock: i, state: { blob: 'y'.repeat(3000) } }]);
    }
    for (let i = 1; i <= 15; i++) {
      honest.sendAwareness([{ clientId: 901, clock: i, state: { cursor: 'x'.repeat(300) } }]);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(closedWith.get(flood)).toBe(CloseCode.RATE_LIMITED);
    expect(closedWith.has(honest)).toBe(false);
    // The server still answers the honest client's presence.
    const watcher = RawPeer.connect(wsUrl(server, 'aw-rate'), user.headers);
    await watcher.opened;
    honest.sendAwareness([{ clientId: 901, clock: 100, state: { cursor: 'last' } }]);
    await until(
      () =>
        (watcher.awarenessStates.get(901) as { cursor?: string } | undefined)?.cursor === 'last',
    );
  });
});
