import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

/**
 * A hand-driven protocol client on a raw `ws` socket: records every frame the server sends,
 * applies document updates to its own Y.Doc, and sends whatever bytes a test builds.
 */
export class RawPeer {
  readonly doc = new Y.Doc();
  readonly frames: { at: number; type: number; sub: number | null; bytes: Uint8Array }[] = [];
  readonly awarenessStates = new Map<number, unknown>();
  closeCode: number | null = null;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('error', () => {});
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('close', () => reject(new Error('closed before open')));
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) => {
      ws.once('close', (code) => {
        this.closeCode = code;
        resolve(code);
      });
    });
    ws.on('message', (data: Buffer) => this.#onFrame(new Uint8Array(data)));
  }

  static connect(url: string, headers: Record<string, string> = {}): RawPeer {
    return new RawPeer(new WebSocket(url, { headers }));
  }

  #onFrame(bytes: Uint8Array): void {
    const d = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(d);
    let sub: number | null = null;
    if (type === 0) {
      sub = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (sub === 1 || sub === 2) Y.applyUpdate(this.doc, payload, 'server');
    } else if (type === 1) {
      const payload = decoding.readVarUint8Array(d);
      const dec = decoding.createDecoder(payload);
      const n = decoding.readVarUint(dec);
      for (let i = 0; i < n; i++) {
        const id = decoding.readVarUint(dec);
        decoding.readVarUint(dec);
        const state = JSON.parse(decoding.readVarString(dec));
        if (state === null) this.awarenessStates.delete(id);
        else this.awarenessStates.set(id, state);
      }
    }
    this.frames.push({ at: performance.now(), type, sub, bytes });
  }

  count(type: number, sub: number | null = null): number {
    return this.frames.filter((f) => f.type === type && (sub === null || f.sub === sub)).length;
  }

  send(bytes: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(bytes);
  }

  sendStep1(stateVector = Y.encodeStateVector(this.doc)): void {
    this.send(
      frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, stateVector);
      }),
    );
  }

  sendUpdate(update: Uint8Array, sub = 2): void {
    this.send(
      frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, sub);
        encoding.writeVarUint8Array(e, update);
      }),
    );
  }

  sendAwareness(entries: { clientId: number; clock: number; state: unknown }[]): void {
    this.send(awarenessMessage(entries));
  }

  /** Makes a change to its own doc and sends it as an update message. */
  change(fn: (doc: Y.Doc) => void): void {
    let update: Uint8Array | null = null;
    const h = (u: Uint8Array, origin: unknown) => {
      if (origin !== 'server') update = u;
    };
    this.doc.on('update', h);
    this.doc.transact(() => fn(this.doc));
    this.doc.off('update', h);
    if (update) this.sendUpdate(update);
  }

  close(): void {
    this.ws.terminate();
  }
}

export function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

export function awarenessMessage(
  entries: { clientId: number; clock: number; state: unknown }[],
): Uint8Array {
  const inner = frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const x of entries) {
      encoding.writeVarUint(e, x.clientId);
      encoding.writeVarUint(e, x.clock);
      encoding.writeVarString(e, JSON.stringify(x.state));
    }
  });
  return frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, inner);
  });
}

export { awarenessProtocol };
