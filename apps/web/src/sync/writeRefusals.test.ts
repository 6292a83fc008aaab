import { createMeasure, listMeasures, seedTromsvekstavtalen } from '@tavla/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { KARI } from '../test/harness';
import { AgreementSession } from './session';
import { frame, PlayedSocketBase, parse, permissionDenied } from '../test/wireFrames';

/**
 * The server's side of the y-websocket protocol, played over an in-memory socket with a real
 * Y.Doc: greets with sync step 1, answers step 1 with step 2, applies changes, and drops those
 * of a read-only connection with the y-protocols "permission denied" message, as
 * apps/server does ([A3] in docs/server-rules.md). Frames arrive in order, each in a later task.
 */
class PlayedServer {
  readonly doc = new Y.Doc();
  readOnly = false;
  refusals = 0;

  constructor() {
    seedTromsvekstavtalen(this.doc, { agreementId: 'tromsvekstavtalen', demoMeasures: true });
  }

  /** A WebSocket class whose sockets talk to this server. */
  socketClass(): typeof WebSocket {
    const server = this;
    class PlayedSocket extends PlayedSocketBase {
      private chain = Promise.resolve();

      constructor() {
        super();
        this.later(() => {
          this.readyState = 1;
          this.onopen?.();
          this.deliver(frame(0, 0, Y.encodeStateVector(server.doc)));
        });
      }

      private later(fn: () => void): void {
        this.chain = this.chain
          .then(() => new Promise((r) => setTimeout(r, 0)))
          .then(() => {
            if (this.readyState !== 3) fn();
          });
      }

      private deliver(bytes: Uint8Array): void {
        this.later(() => this.onmessage?.({ data: bytes.slice().buffer }));
      }

      send(data: Uint8Array): void {
        const [type, sub, payload] = parse(data);
        if (type !== 0) return; // awareness: not part of this test
        if (sub === 0) {
          this.deliver(frame(0, 1, Y.encodeStateAsUpdate(server.doc, payload)));
        } else if (server.readOnly) {
          if (addsTo(server.doc, payload)) {
            server.refusals++;
            this.deliver(permissionDenied('read-only: your changes were not stored'));
          }
        } else Y.applyUpdate(server.doc, payload, 'client');
      }

      close(): void {
        if (this.readyState === 3) return;
        this.readyState = 3;
        setTimeout(() => this.onclose?.({ code: 1000, reason: '' }), 0);
      }
    }
    return PlayedSocket as unknown as typeof WebSocket;
  }
}

/** Whether applying the update would change the document (tried on a copy). */
function addsTo(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let changed = false;
  copy.on('update', () => {
    changed = true;
  });
  Y.applyUpdate(copy, update);
  return changed;
}

const sessions: AgreementSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.destroy();
  vi.restoreAllMocks();
});

function connectedSession(server: PlayedServer): AgreementSession {
  const session = new AgreementSession({
    agreementId: 'tromsvekstavtalen',
    user: KARI,
    persist: false,
    WebSocketPolyfill: server.socketClass(),
  });
  sessions.push(session);
  return session;
}

async function until(check: () => boolean): Promise<void> {
  await vi.waitUntil(check, { timeout: 2000, interval: 5 });
}

const titles = (doc: Y.Doc) => listMeasures(doc).map((m) => m.title);

/** Goes offline, makes an edit, and comes back while the server has made us a viewer. */
async function demotedWhileOffline(server: PlayedServer, session: AgreementSession) {
  await until(() => session.connection.get().status === 'connected');
  session.provider!.disconnect();
  await until(() => session.connection.get().status !== 'connected');
  createMeasure(
    session.doc,
    { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'Laget på toget' },
    session.origin,
  );
  expect(session.connection.get().unsynced).toBe(1);
  server.readOnly = true;
  session.provider!.connect();
}

describe('AgreementSession: edits the server refused ([A3])', () => {
  it('says they were refused and counts them as waiting, instead of "all saved"', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const server = new PlayedServer();
    const session = connectedSession(server);
    await demotedWhileOffline(server, session);
    await until(() => session.connection.get().refused === true);
    // Stays so: the sync's answer and the refusal came in either order, and later frames too.
    await new Promise((r) => setTimeout(r, 50));
    const st = session.connection.get();
    expect(st).toMatchObject({ status: 'connected', refused: true, unsynced: 1 });
    // Kept here (sent if we may edit again), never on the server.
    expect(titles(session.doc)).toContain('Laget på toget');
    expect(titles(server.doc)).not.toContain('Laget på toget');
    // The stock provider's handling still runs: it logs the reason.
    expect(console.warn).toHaveBeenCalledWith(
      expect.stringContaining('read-only: your changes were not stored'),
    );
  });

  it('stays refused over a reconnect that is refused again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const server = new PlayedServer();
    const session = connectedSession(server);
    await demotedWhileOffline(server, session);
    await until(() => session.connection.get().refused === true);
    const before = server.refusals;
    session.provider!.disconnect();
    session.provider!.connect();
    await until(() => server.refusals > before);
    await new Promise((r) => setTimeout(r, 50));
    expect(session.connection.get()).toMatchObject({
      status: 'connected',
      refused: true,
      unsynced: 1,
    });
  });

  it('clears once the server takes them (the person may edit again)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const server = new PlayedServer();
    const session = connectedSession(server);
    await demotedWhileOffline(server, session);
    await until(() => session.connection.get().refused === true);
    server.readOnly = false;
    // The server closes the socket on a role change ([A7]); the provider reconnects.
    session.provider!.disconnect();
    session.provider!.connect();
    await until(() => session.connection.get().refused === false);
    expect(session.connection.get()).toMatchObject({ status: 'connected', unsynced: 0 });
    expect(titles(server.doc)).toContain('Laget på toget');
  });

  it('says nothing when a read-only connection had nothing to send', async () => {
    const server = new PlayedServer();
    server.readOnly = true;
    const session = connectedSession(server);
    await until(() => session.connection.get().status === 'connected');
    await new Promise((r) => setTimeout(r, 50));
    expect(server.refusals).toBe(0);
    expect(session.connection.get()).toMatchObject({ unsynced: 0 });
    expect(session.connection.get().refused).toBeFalsy();
  });
});
