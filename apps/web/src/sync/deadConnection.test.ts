import { createMeasure, listMeasures, seedTromsvekstavtalen } from '@tavla/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { KARI } from '../test/harness';
import { AgreementSession } from './session';
import { frame, PlayedSocketBase, parse } from '../test/wireFrames';

/**
 * The server's side of the sync protocol over in-memory sockets, with a network that can go
 * silent (frames are dropped both ways, sockets stay "open", as on a train in a tunnel) and
 * refuses new sockets while silent or `refuseNew` (a browser offline: Chromium keeps the sockets it
 * has, but opens none). Answers a step 1 with a step 2, and anything else the
 * client asks (its watchdog's "query awareness") with an empty step 2: any frame is an answer.
 */
class PlayedServer {
  readonly doc = new Y.Doc();
  silent = false;
  refuseNew = false;
  /** New sockets neither open nor fail (a dead network the browser has not noticed). */
  hangNew = false;
  readonly sockets: { readyState: number; drop(): void }[] = [];

  constructor() {
    seedTromsvekstavtalen(this.doc, { agreementId: 'tromsvekstavtalen', demoMeasures: true });
  }

  socketClass(): typeof WebSocket {
    const server = this;
    class PlayedSocket extends PlayedSocketBase {
      constructor() {
        super();
        server.sockets.push(this);
        setTimeout(() => {
          if (this.readyState === 3 || server.hangNew) return;
          if (server.silent || server.refuseNew) {
            // No route to the server: the attempt fails.
            this.readyState = 3;
            this.onclose?.({ code: 1006, reason: '' });
            return;
          }
          this.readyState = 1;
          this.onopen?.();
          this.deliver(frame(0, 0, Y.encodeStateVector(server.doc)));
        }, 5);
      }

      private deliver(bytes: Uint8Array): void {
        setTimeout(() => {
          if (this.readyState === 1 && !server.silent)
            this.onmessage?.({ data: bytes.slice().buffer });
        }, 5);
      }

      send(data: Uint8Array): void {
        if (server.silent || this.readyState !== 1) return;
        const [type, sub, payload] = parse(data);
        if (type === 0 && sub === 0) {
          this.deliver(frame(0, 1, Y.encodeStateAsUpdate(server.doc, payload)));
        } else if (type === 0) Y.applyUpdate(server.doc, payload, 'client');
        else if (type === 3) this.deliver(frame(0, 1, emptyUpdate));
      }

      close(): void {
        this.readyState = 3;
      }

      /** The server (or a middlebox) closes the connection. */
      drop(): void {
        this.readyState = 3;
        this.onclose?.({ code: 1006, reason: '' });
      }
    }
    return PlayedSocket as unknown as typeof WebSocket;
  }
}

const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc());

const titles = (doc: Y.Doc) => listMeasures(doc).map((m) => m.title);

let session: AgreementSession | null = null;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  session?.destroy();
  session = null;
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function connectedSession(server: PlayedServer): Promise<AgreementSession> {
  session = new AgreementSession({
    agreementId: 'tromsvekstavtalen',
    user: KARI,
    persist: false,
    WebSocketPolyfill: server.socketClass(),
  });
  await vi.advanceTimersByTimeAsync(100);
  expect(session.connection.get().status).toBe('connected');
  return session;
}

function edit(s: AgreementSession, title: string): void {
  createMeasure(s.doc, { focusAreaId: 'fa-1', columnId: 'col-idea', title }, s.origin);
}

function setBrowserOnline(online: boolean): void {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(online);
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

describe('AgreementSession on a connection that dies without closing', () => {
  it('stops saying "connected" within 15 s, counts the edits made meanwhile, and sends them when the network is back', async () => {
    const server = new PlayedServer();
    const s = await connectedSession(server);
    await vi.advanceTimersByTimeAsync(20_000); // idle but healthy: stays connected
    expect(s.connection.get()).toMatchObject({ status: 'connected', unsynced: 0 });
    const first = server.sockets.length;

    server.silent = true;
    edit(s, 'I tunnelen');
    await vi.advanceTimersByTimeAsync(15_000);
    expect(s.connection.get()).toMatchObject({ status: 'reconnecting', unsynced: 1 });
    expect(titles(server.doc)).not.toContain('I tunnelen');

    server.silent = false;
    await vi.advanceTimersByTimeAsync(6_000); // the provider's backoff is at most 5 s
    expect(server.sockets.length).toBeGreaterThan(first);
    expect(s.connection.get()).toMatchObject({ status: 'connected', unsynced: 0 });
    expect(titles(server.doc)).toContain('I tunnelen');
  });

  it('does not count edits the server has been heard from since', async () => {
    const server = new PlayedServer();
    const s = await connectedSession(server);
    edit(s, 'Sendt og besvart');
    await vi.advanceTimersByTimeAsync(10_500); // the watchdog's question is answered
    server.silent = true;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(s.connection.get()).toMatchObject({ status: 'reconnecting', unsynced: 0 });
  });
});

describe("AgreementSession and the browser's offline and online events", () => {
  it('drops the socket at once when the browser goes offline, so nothing is sent into it', async () => {
    const server = new PlayedServer();
    const s = await connectedSession(server);
    const socket = server.sockets.at(-1)!;
    server.refuseNew = true;
    setBrowserOnline(false);
    expect(s.connection.get().status).toBe('offline');
    expect(socket.readyState).toBe(3);
    edit(s, 'Uten nett');
    await vi.advanceTimersByTimeAsync(20_000);
    // Tries go on (each fails at once offline) without flickering the state.
    expect(s.connection.get()).toMatchObject({ status: 'offline', unsynced: 1 });
    expect(titles(server.doc)).not.toContain('Uten nett');
  });

  it('comes back by itself from an "offline" the browser got wrong', async () => {
    const server = new PlayedServer();
    const s = await connectedSession(server);
    setBrowserOnline(false);
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true); // no "online" event follows
    edit(s, 'Likevel sendt');
    await vi.advanceTimersByTimeAsync(6_000);
    expect(s.connection.get()).toMatchObject({ status: 'connected', unsynced: 0 });
    expect(titles(server.doc)).toContain('Likevel sendt');
  });

  it('connects at once when the browser is online again, not after the backoff', async () => {
    const server = new PlayedServer();
    const s = await connectedSession(server);
    server.silent = true; // the network really is gone
    setBrowserOnline(false);
    edit(s, 'Sendes straks');
    await vi.advanceTimersByTimeAsync(30_000); // the backoff has grown to its 5 s
    server.silent = false;
    setBrowserOnline(true);
    await vi.advanceTimersByTimeAsync(200);
    expect(s.connection.get()).toMatchObject({ status: 'connected', unsynced: 0 });
    expect(titles(server.doc)).toContain('Sendes straks');
  });

  it('connects at once on "online" also while it was trying again after a lost connection', async () => {
    const server = new PlayedServer();
    const s = await connectedSession(server);
    server.refuseNew = true;
    server.sockets.at(-1)!.drop();
    edit(s, 'Etter bruddet');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(s.connection.get().status).toBe('reconnecting');
    server.refuseNew = false;
    setBrowserOnline(true); // e.g. the laptop joined another network
    await vi.advanceTimersByTimeAsync(200);
    expect(s.connection.get()).toMatchObject({ status: 'connected', unsynced: 0 });
    expect(titles(server.doc)).toContain('Etter bruddet');
  });

  it('gives up an attempt to connect that hangs, and connects once the network is back', async () => {
    const server = new PlayedServer();
    const s = await connectedSession(server);
    server.silent = true;
    server.hangNew = true;
    await vi.advanceTimersByTimeAsync(15_000); // the silent socket is given up
    expect(s.connection.get().status).toBe('reconnecting');
    const hanging = server.sockets.at(-1);
    expect(hanging?.readyState).toBe(0);

    server.silent = false;
    server.hangNew = false; // the network is back; the attempt made before it never returns
    await vi.advanceTimersByTimeAsync(17_000);
    expect(s.connection.get().status).toBe('connected');
    expect(server.sockets.at(-1)).not.toBe(hanging);
  });
});

describe('AgreementSession with a server it never reached', () => {
  it('says offline, without flickering, while it keeps trying, and connects once the server is there', async () => {
    const server = new PlayedServer();
    server.refuseNew = true;
    session = new AgreementSession({
      agreementId: 'tromsvekstavtalen',
      user: KARI,
      persist: false,
      WebSocketPolyfill: server.socketClass(),
    });
    expect(session.connection.get().unreachable).toBeFalsy();
    await vi.advanceTimersByTimeAsync(100);
    // y-websocket says "disconnected" only for a socket that had opened, and "connecting" for
    // each new try: the session says offline, steadily.
    expect(session.connection.get()).toMatchObject({
      status: 'offline',
      unreachable: true,
      ready: false,
      copyRead: true,
    });
    const seen = new Set<string>();
    const stop = session.connection.subscribe(() => seen.add(session!.connection.get().status));
    await vi.advanceTimersByTimeAsync(10_000);
    stop();
    expect(server.sockets.length).toBeGreaterThan(2); // it kept trying
    expect([...seen]).toEqual([]);
    expect(session.connection.get()).toMatchObject({ status: 'offline', unreachable: true });

    server.refuseNew = false;
    await vi.advanceTimersByTimeAsync(6_000);
    expect(session.connection.get()).toMatchObject({
      status: 'connected',
      unreachable: false,
      ready: true,
    });
  });
});
