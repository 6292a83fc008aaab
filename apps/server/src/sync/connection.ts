import type { WebSocket } from 'ws';
import type { Limits } from '../config.js';
import type { Logger } from '../log.js';
import type { AwarenessIdentity, AwarenessPeer } from './awareness.js';
import { CloseCode } from './closeCodes.js';
import { TokenBucket } from './rateLimit.js';
import type { Principal, Role, ServerTxOrigin } from './types.js';
import { rawWriter, type WireFrame } from './wire.js';

/** The part of a document a connection talks to (implemented by SharedDoc). */
export interface ConnectionTarget {
  readonly isReady: boolean;
  handleMessage(conn: Connection, data: Uint8Array): void;
  /** A message was queued because the document is not ready yet ([S2]; [P3] looks at it). */
  queued?(conn: Connection, data: Uint8Array): void;
  remove(conn: Connection): void;
}

let nextConnectionId = 1;

/**
 * One websocket on one agreement: rate limiting, the queue before the document is ready,
 * backpressure and keepalive. Protocol handling is the document's (SharedDoc).
 */
export class Connection implements AwarenessPeer {
  readonly id = `c${nextConnectionId++}`;
  readonly clientIds = new Set<number>();
  readonly identity: AwarenessIdentity;
  readonly origin: ServerTxOrigin;
  readonly readOnly: boolean;
  readonly log: Logger;
  closed = false;
  /** Messages received and dropped because the connection is read-only ([A3]). */
  droppedUpdates = 0;
  /** When this read-only connection was last told its edits were not stored ([A3]). */
  readOnlyNoticeAt = Number.NEGATIVE_INFINITY;

  #target: ConnectionTarget | null = null;
  /** Writes a complete frame to the socket ([P2]); null: `ws` frames everything itself. */
  readonly #raw: ((bytes: Buffer) => boolean) | null;
  #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  #bucket: TokenBucket;
  #awarenessBytes: TokenBucket;
  #alive = true;
  #finished = false;
  readonly #onClosed: ((conn: Connection) => void)[] = [];

  constructor(
    readonly ws: WebSocket,
    readonly principal: Principal,
    readonly role: Role,
    readonly docId: string,
    readonly ip: string,
    readonly limits: Limits,
    log: Logger,
  ) {
    this.readOnly = role === 'viewer';
    this.identity = {
      id: principal.userId,
      name: principal.name,
      organisation: principal.organisation,
    };
    this.origin = Object.freeze({
      source: 'connection',
      userId: principal.userId,
      connectionId: this.id,
    });
    this.#bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    this.#awarenessBytes = new TokenBucket(
      limits.awarenessBytesPerSecond,
      limits.awarenessByteBurst,
    );
    this.log = log.child({ conn: this.id, doc: docId, user: principal.userId });
    this.#raw = rawWriter(ws);
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('pong', () => {
      this.#alive = true;
    });
    ws.on('close', (code) => this.#handleClose(code));
    ws.on('error', (err) => {
      // `ws` emits 'error' for protocol violations (e.g. frame over maxPayload: it then
      // closes with 1009 itself). Never let it become an uncaught exception.
      this.log.debug('socket error', { error: err.message });
    });
  }

  onClosed(listener: (conn: Connection) => void): void {
    this.#onClosed.push(listener);
  }

  /** Binds the connection to its document; queued messages are handed over once it is ready. */
  attach(target: ConnectionTarget): void {
    this.#target = target;
  }

  /** Hands over messages that arrived before the document was ready ([S2]). */
  drainQueue(): void {
    const target = this.#target;
    if (!target) return;
    const queue = this.#queue;
    this.#queue = [];
    this.#queuedBytes = 0;
    for (const data of queue) {
      if (this.closed) return;
      target.handleMessage(this, data);
    }
  }

  /** Removes and returns the queued messages that `match` accepts (the rest stay, in order). */
  takeQueued(match: (data: Uint8Array) => boolean): Uint8Array[] {
    const taken: Uint8Array[] = [];
    this.#queue = this.#queue.filter((data) => {
      if (!match(data)) return true;
      taken.push(data);
      this.#queuedBytes -= data.byteLength;
      return false;
    });
    return taken;
  }

  /** [L7] Spends `bytes` of this connection's awareness budget; false when it is used up. */
  spendAwareness(bytes: number): boolean {
    return this.#awarenessBytes.take(performance.now(), bytes);
  }

  /**
   * Sends a frame. `written`, if given, is called once: when the frame has been handed to the
   * operating system, or failed, or was not sent at all (closed, slow consumer).
   */
  send(frame: Uint8Array, written?: () => void): void {
    if (!this.#canSend()) {
      written?.();
      return;
    }
    if (written) this.ws.send(frame, () => written());
    else this.ws.send(frame);
  }

  /** Sends a frame built once for all peers ([P2]): its bytes go to the socket as they are. */
  sendWire(frame: WireFrame): void {
    if (!this.#canSend()) return;
    if (!this.#raw?.(frame.bytes)) this.ws.send(frame.payload);
  }

  #canSend(): boolean {
    if (this.closed || this.ws.readyState !== 1) return false;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CloseCode.TRY_AGAIN_LATER, 'slow consumer');
      return false;
    }
    return true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.log.debug('closing connection', { code, reason });
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    // Stop serving at once; the socket's own 'close' event follows.
    this.#handleClose(code);
  }

  /** Called by the server's ping timer: a socket that did not answer the last ping is dead. */
  heartbeat(): void {
    if (this.closed) return;
    if (!this.#alive) {
      this.ws.terminate();
      return;
    }
    this.#alive = false;
    try {
      this.ws.ping();
    } catch {
      // closed under us; the close event cleans up
    }
  }

  #onMessage(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) {
      this.close(CloseCode.BAD_MESSAGE, 'text frames are not part of the protocol');
      return;
    }
    if (!this.#bucket.take()) {
      this.close(CloseCode.RATE_LIMITED, 'too many messages');
      return;
    }
    // An exact copy: parsing must never see bytes beyond this frame (see protocol.ts).
    const bytes = Array.isArray(data)
      ? new Uint8Array(Buffer.concat(data))
      : new Uint8Array(data as ArrayBuffer);
    const target = this.#target;
    if (!target?.isReady) {
      // [L3] bounded in count and in bytes (one maximal frame's worth in all).
      this.#queuedBytes += bytes.byteLength;
      if (
        this.#queue.length >= this.limits.maxMessagesBeforeReady ||
        this.#queuedBytes > this.limits.maxPayloadBytes
      ) {
        this.close(CloseCode.RATE_LIMITED, 'too many messages before the document was ready');
        return;
      }
      this.#queue.push(bytes);
      if (target?.queued) this.#guarded(target, bytes, false);
      return;
    }
    this.#guarded(target, bytes, true);
  }

  /** Hands a message to the document (or tells it one was queued), never throwing. */
  #guarded(target: ConnectionTarget, bytes: Uint8Array, ready: boolean): void {
    try {
      if (ready) target.handleMessage(this, bytes);
      else target.queued?.(this, bytes);
    } catch (err) {
      // Defence in depth: a bug in handling one message closes that connection only.
      this.log.error('message handling failed', { error: err as Error });
      this.close(CloseCode.INTERNAL, 'internal error');
    }
  }

  #handleClose(code: number): void {
    if (this.#finished) return;
    this.#finished = true;
    this.closed = true;
    this.#queue = [];
    const target = this.#target;
    this.#target = null;
    target?.remove(this);
    for (const l of this.#onClosed.splice(0)) l(this);
    this.log.debug('connection closed', { code });
  }
}
