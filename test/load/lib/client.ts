// A lightweight y-websocket peer: one `ws` socket and one Y.Doc, speaking y-protocols sync
// with raw lib0 encoding (no WebsocketProvider, no awareness, no reconnect logic), so that one
// process can drive 200 of them. Incoming updates are handed to a callback (for the latency
// markers) the moment the frame arrives, and applied to the client's own Y.Doc in a batch
// right after the current I/O phase, so that one client's Yjs work does not delay the time
// stamp of the next client's frame. Received updates are applied in batches every
// APPLY_EVERY_MS (100 ms), one Yjs transaction per client per batch: with 200 peers in one process,
// applying 20,000 single updates per second (each a transaction that computes the state vector
// of 200 clients) would saturate the generator and turn the latency figures into its own
// queueing delay.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

const MSG_SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

export const REMOTE = Symbol('remote');
const SYNC_TIMEOUT_MS = 20_000;

export interface ClientOptions {
  url: string;
  headers?: Record<string, string>;
  /** Initial state to apply to the client's doc before connecting. */
  initialState?: Uint8Array;
  /**
   * The Y.Doc to sync (default: a new one). A reconnecting peer passes the doc of its previous
   * socket, so that what it did offline reaches the server through the sync handshake.
   */
  doc?: Y.Doc;
  /** Apply received updates to the client's Y.Doc (a real peer). Default true. */
  applyRemote?: boolean;
  /** Called for every received update (sync step 2 or update) with its receive time. */
  onUpdate?: (client: LightClient, update: Uint8Array, receivedAt: number) => void;
}

const APPLY_EVERY_MS = 100;
/** Clients applied per slice; between slices the event loop polls sockets again. */
const APPLY_SLICE = 8;
let pendingApply = new Set<LightClient>();
let applyScheduled = false;
function flushApplies() {
  // Take this batch; updates arriving meanwhile start the next 50 ms batch.
  const batch = [...pendingApply];
  pendingApply = new Set();
  applyScheduled = false;
  const slice = (from: number) => {
    for (let i = from; i < Math.min(batch.length, from + APPLY_SLICE); i++)
      batch[i]!.applyPending();
    if (from + APPLY_SLICE < batch.length) setImmediate(slice, from + APPLY_SLICE);
  };
  slice(0);
}

export class LightClient {
  readonly doc: Y.Doc;
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  /** Resolves when the server's sync step 2 has arrived. */
  readonly synced: Promise<void>;
  connectStartedAt = performance.now();
  openedAt = 0;
  step1SentAt = 0;
  step2At = 0;
  step2Bytes = 0;
  bytesIn = 0;
  framesIn = 0;
  bytesOut = 0;
  closed = false;
  closeCode = 0;
  private pending: Uint8Array[] = [];
  private step2Seen = 0;
  private readonly applyRemote: boolean;

  constructor(
    readonly id: number,
    private readonly opts: ClientOptions,
  ) {
    this.applyRemote = opts.applyRemote ?? true;
    this.doc = opts.doc ?? new Y.Doc();
    if (opts.initialState) Y.applyUpdate(this.doc, opts.initialState, REMOTE);
    this.connectStartedAt = performance.now();
    this.ws = new WebSocket(opts.url, { headers: opts.headers, perMessageDeflate: false });
    let resolveSynced!: () => void;
    let rejectSynced!: (e: Error) => void;
    this.synced = new Promise((res, rej) => {
      // Bounded: a server that never answers fails the point instead of hanging the bench.
      const timer = setTimeout(
        () => rej(new Error(`client ${id}: no sync step 2 within ${SYNC_TIMEOUT_MS} ms`)),
        SYNC_TIMEOUT_MS,
      );
      resolveSynced = () => {
        clearTimeout(timer);
        res();
      };
      rejectSynced = (e) => {
        clearTimeout(timer);
        rej(e);
      };
    });
    this.opened = new Promise((res, rej) => {
      this.ws.once('open', () => {
        this.openedAt = performance.now();
        this.sendStep1();
        res();
      });
      this.ws.once('error', (e) => {
        rej(e);
        rejectSynced(e);
      });
      this.ws.once('unexpected-response', (_req, resp) => {
        const e = new Error(`upgrade refused: HTTP ${resp.statusCode}`);
        rej(e);
        rejectSynced(e);
      });
    });
    // Avoid unhandled rejections when nobody awaits.
    this.opened.catch(() => {});
    this.synced.catch(() => {});
    this.ws.on('close', (code) => {
      this.closed = true;
      this.closeCode = code;
      rejectSynced(new Error(`closed with ${code} before sync`));
    });
    this.ws.on('message', (data: Buffer) => {
      const now = performance.now();
      this.bytesIn += data.length;
      this.framesIn++;
      this.onMessage(data, now, resolveSynced);
    });
  }

  private onMessage(data: Uint8Array, now: number, resolveSynced: () => void) {
    const dec = decoding.createDecoder(data);
    const type = decoding.readVarUint(dec);
    if (type !== MSG_SYNC) return; // awareness and others: counted, not used
    const sub = decoding.readVarUint(dec);
    if (sub === STEP1) {
      const sv = decoding.readVarUint8Array(dec);
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MSG_SYNC);
      encoding.writeVarUint(enc, STEP2);
      encoding.writeVarUint8Array(enc, Y.encodeStateAsUpdate(this.doc, sv));
      this.send(encoding.toUint8Array(enc));
    } else if (sub === STEP2 || sub === UPDATE) {
      const update = decoding.readVarUint8Array(dec);
      if (sub === STEP2) this.step2Seen++;
      if (sub === STEP2 && this.step2At === 0) {
        this.step2At = now;
        this.step2Bytes = this.bytesIn;
        Y.applyUpdate(this.doc, update, REMOTE);
        resolveSynced();
        this.opts.onUpdate?.(this, update, now);
        return;
      }
      this.opts.onUpdate?.(this, update, now);
      if (this.applyRemote) {
        this.pending.push(update);
        pendingApply.add(this);
        if (!applyScheduled) {
          applyScheduled = true;
          setTimeout(flushApplies, APPLY_EVERY_MS);
        }
      }
    }
  }

  applyPending() {
    const list = this.pending;
    this.pending = [];
    this.doc.transact(() => {
      for (const u of list) Y.applyUpdate(this.doc, u, REMOTE);
    }, REMOTE);
  }

  sendStep1() {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MSG_SYNC);
    encoding.writeVarUint(enc, STEP1);
    encoding.writeVarUint8Array(enc, Y.encodeStateVector(this.doc));
    this.step1SentAt = performance.now();
    this.send(encoding.toUint8Array(enc));
  }

  /**
   * Runs `fn` as one local transaction on the client's doc and sends the resulting update.
   * (Listening to 'update' only around local transactions spares Yjs encoding an update for
   * every remote transaction too.)
   */
  edit(fn: () => void) {
    const send = (update: Uint8Array) => this.sendUpdate(update);
    this.doc.on('update', send);
    try {
      this.doc.transact(fn);
    } finally {
      this.doc.off('update', send);
    }
  }

  /** Sends an update (already encoded by Yjs) as a sync update message. */
  sendUpdate(update: Uint8Array) {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MSG_SYNC);
    encoding.writeVarUint(enc, UPDATE);
    encoding.writeVarUint8Array(enc, update);
    this.send(encoding.toUint8Array(enc));
  }

  send(msg: Uint8Array) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.bytesOut += msg.length;
    this.ws.send(msg);
  }

  /** Resolves once the socket's send buffer is empty (all our frames are handed to the kernel). */
  async drained(timeoutMs = 10_000) {
    const end = performance.now() + timeoutMs;
    while (this.ws.bufferedAmount > 0 && performance.now() < end) {
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /**
   * A round trip through the server's message queue: sends sync step 1 and waits for the
   * next step 2. The server handles one socket's messages in order, so everything sent
   * before has been processed when this resolves.
   */
  async barrier(timeoutMs = 30_000): Promise<void> {
    const before = this.step2Count;
    this.sendStep1();
    const end = performance.now() + timeoutMs;
    while (this.step2Count === before) {
      if (performance.now() > end) throw new Error(`client ${this.id}: barrier timed out`);
      if (this.closed) throw new Error(`client ${this.id}: closed (${this.closeCode})`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  /** Number of sync step 2 messages received. */
  get step2Count(): number {
    return this.step2Seen;
  }

  close() {
    this.ws.close();
  }

  terminate() {
    this.ws.terminate();
  }
}
