import * as Y from 'yjs';
import type { Limits, SyncTimings } from '../config.js';
import type { Logger } from '../log.js';
import type { DocStorage } from '../storage/types.js';
import { AwarenessRoom, AwarenessStateTooLarge } from './awareness.js';
import { CloseCode } from './closeCodes.js';
import { ColdOpenWait } from './coldOpen.js';
import type { Connection, ConnectionTarget } from './connection.js';
import type { DocHooks } from './hooks.js';
import {
  awarenessFrame,
  isEmptyStateVector,
  parseMessage,
  stateOfStep2Frame,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame,
} from './protocol.js';
import { addsToDoc, permissionDeniedFrame, READ_ONLY_REASON } from './readOnly.js';
import { STORAGE_ORIGIN } from './types.js';
import { wireFrame } from './wire.js';

export type DocState = 'loading' | 'ready' | 'failed' | 'unloaded';

/** The log may grow this many times past compactAfterUpdates while edits never pause. */
const COMPACT_AT_ONCE_FACTOR = 10;

/** Coalesce a commit's updates into one frame only when that saves at least this many sends. */
const MERGE_MIN_SAVED_SENDS = 16;

/** An update applied in memory and waiting for its group commit. */
interface Staged {
  update: Uint8Array;
  /** Connection it came from (not sent back to it), or null (server-made change). */
  from: Connection | null;
  /** Stored but never broadcast (the raw form of an update with missing dependencies). */
  storeOnly: boolean;
}

export interface SharedDocDeps {
  storage: DocStorage;
  limits: Limits;
  timings: SyncTimings;
  log: Logger;
  hooks: DocHooks;
  /** Called once the document is gone from memory (or failed), to drop it from the registry. */
  onGone(doc: SharedDoc): void;
}

/**
 * One agreement's live document, shared by all its connections: load, the sync protocol,
 * group commit, broadcast, compaction and unload. The rules ([D*], [S*]) are in
 * docs/server-rules.md; the order of one update is:
 *
 *   receive -> apply to the in-memory Y.Doc (validates; Yjs yields the effective delta)
 *           -> stage -> group commit (one storage write for everything staged this turn)
 *           -> broadcast the committed bytes, framed once, to every peer.
 *
 * Nothing leaves the server before it is on disk [D1]: broadcasts happen after the commit, and
 * sync step 2 answers are deferred while anything is staged or being written [D2]. The
 * in-memory document may be ahead of the disk for one event-loop turn, never a client.
 */
export class SharedDoc implements ConnectionTarget {
  state: DocState = 'loading';
  readonly doc = new Y.Doc();
  readonly conns = new Set<Connection>();
  readonly awareness: AwarenessRoom;
  readonly #deps: SharedDocDeps;
  readonly #log: Logger;

  #staged: Staged[] = [];
  /** A storage write (append or snapshot) is in flight; writes are serialised per document. */
  #storing = false;
  #flushTimer: NodeJS.Immediate | NodeJS.Timeout | null = null;
  /** The last write failed; retrying with backoff, refusing new updates meanwhile [D5]. */
  #failing = false;
  #retryDelay: number;
  #retryTimer: NodeJS.Timeout | null = null;
  #unloadTimer: NodeJS.Timeout | null = null;
  #deferredStep1: { conn: Connection; stateVector: Uint8Array }[] = [];
  #idleWaiters: (() => void)[] = [];
  #loadSettled: Promise<void> = Promise.resolve();
  #shuttingDown = false;
  #compactTimer: NodeJS.Timeout | null = null;
  /** When the last commit that asked for a compaction happened ([D7] waits for a pause). */
  #lastCommitAt = 0;
  /** Connection whose update is being applied (read by the doc's update handler). */
  #applying: Connection | null = null;
  #lastUpdateId = 0;
  /** Log entries not covered by the snapshot. */
  #logCount = 0;
  /** Approximate stored size (snapshot + log), for limits.maxDocBytes. */
  #bytes = 0;
  /**
   * Cached encodings of the current state, invalidated on every change [P1]. The full state is
   * a view into the sync step 2 frame, so a large document is held once, not twice.
   */
  #step2Frame: Uint8Array | null = null;
  #fullState: Uint8Array | null = null;
  #step1Frame: Uint8Array | null = null;
  /** [P3] The stored snapshot as a sync step 2 frame, once a fresh client was answered with it. */
  #snapshotFrame: Uint8Array | null = null;
  /** [P3] A large snapshot waiting to be applied until the waiting clients have asked. */
  #cold: { snapshot: Uint8Array; wait: ColdOpenWait<Connection> } | null = null;

  constructor(
    readonly id: string,
    deps: SharedDocDeps,
  ) {
    this.#deps = deps;
    this.#log = deps.log.child({ doc: id });
    this.#retryDelay = deps.timings.storeRetryBaseMs;
    this.awareness = new AwarenessRoom(
      deps.limits.maxClientIdsPerConnection,
      deps.limits.maxAwarenessBytes,
    );
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.#fullState = null;
      this.#step2Frame = null;
      this.#step1Frame = null;
      if (origin === STORAGE_ORIGIN) return;
      this.#staged.push({ update, from: this.#applying, storeOnly: false });
      this.#bytes += update.byteLength;
      this.#scheduleFlush();
    });
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  /** Nothing staged, nothing being written, no failed write waiting for retry. */
  get isIdle(): boolean {
    return this.#staged.length === 0 && !this.#storing && !this.#failing;
  }

  get stats() {
    return {
      id: this.id,
      state: this.state,
      connections: this.conns.size,
      staged: this.#staged.length,
      storing: this.#storing,
      failing: this.#failing,
      logCount: this.#logCount,
      lastUpdateId: this.#lastUpdateId,
      bytes: this.#bytes,
    };
  }

  // ---------------------------------------------------------------- lifecycle: load

  /** Loads the document from storage. Called exactly once, by the registry [S1]. */
  async load(): Promise<void> {
    const { storage, limits } = this.#deps;
    let timer: NodeJS.Timeout | undefined;
    const started = performance.now();
    const loading = storage.load(this.id);
    // Even after a timeout, the document leaves the registry only once this load has settled:
    // one load in flight per document, always [S1].
    this.#loadSettled = loading.then(
      () => undefined,
      () => undefined,
    );
    try {
      const stored = await Promise.race([
        loading,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`load timed out after ${limits.loadTimeoutMs} ms`)),
            limits.loadTimeoutMs,
          );
        }),
      ]);
      if (this.state !== 'loading') return;
      // [P3] A snapshot with no log after it is the full, durable state as read.
      const snapshotOnly = stored?.snapshot && stored.updates.length === 0 ? stored.snapshot : null;
      if (snapshotOnly) {
        const { coldOpenWaitMs, coldOpenMinBytes } = this.#deps.timings;
        if (coldOpenWaitMs > 0 && snapshotOnly.byteLength >= coldOpenMinBytes) {
          await this.#coldOpen(snapshotOnly, coldOpenWaitMs);
          if (this.state !== 'loading') return;
        } else {
          for (const conn of this.conns) this.#answerFromSnapshot(conn, snapshotOnly, null);
        }
      }
      if (stored) {
        let skipped = 0;
        this.doc.transact(() => {
          if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, STORAGE_ORIGIN);
          for (const u of stored.updates) {
            try {
              Y.applyUpdate(this.doc, u, STORAGE_ORIGIN);
            } catch (err) {
              // Only the server's own encodings are logged (see #receiveUpdate), so this
              // means corruption on disk. Losing one entry beats losing the document.
              skipped++;
              this.#log.error('skipping unreadable stored update', { error: err as Error });
            }
          }
        }, STORAGE_ORIGIN);
        this.#lastUpdateId = stored.lastUpdateId;
        this.#logCount = stored.updates.length;
        this.#bytes = stored.bytes;
        if (skipped > 0) this.#logCount += 1; // force a compaction that rewrites the log
        // A snapshot with no log after it is already the full state: the first fresh client
        // gets it without re-encoding a large document ([P1], cold start).
        if (this.#snapshotFrame) {
          this.#step2Frame = this.#snapshotFrame;
          this.#fullState = stateOfStep2Frame(this.#snapshotFrame);
          this.#snapshotFrame = null;
        } else if (snapshotOnly) {
          this.#encodeFullState(snapshotOnly);
        }
      }
      await this.#deps.hooks.afterLoad?.(this.id, this.doc);
      if (this.state !== 'loading') return;
      this.state = 'ready';
      this.#log.debug('document loaded', {
        ms: Math.round(performance.now() - started),
        bytes: this.#bytes,
        logCount: this.#logCount,
      });
    } catch (err) {
      this.#fail(err);
      return;
    } finally {
      clearTimeout(timer);
    }
    for (const conn of [...this.conns]) {
      this.#greet(conn);
      conn.drainQueue();
    }
    this.#maybeUnload();
  }

  /**
   * [P3] Applying a large snapshot takes Yjs a while (~200 ms for 5,000 measures, seconds on a
   * busy machine). A document stored as a snapshot alone is complete as read, so a fresh
   * client waiting for it gets it as its sync step 2 at once — the full, durable state, never
   * an empty or partial one [S2]. Everything else waits for the load as usual.
   *
   * Answers `conn`'s queued sync step 1s with an empty state vector (only `data`, when given)
   * and says whether it has asked at all (fresh or not). `wait` learns of the answers' writes.
   */
  #answerFromSnapshot(
    conn: Connection,
    snapshot: Uint8Array,
    data: Uint8Array | null,
    wait?: ColdOpenWait<Connection>,
  ): boolean {
    let asked = false;
    const fresh = conn.takeQueued((queued) => {
      if (data && queued !== data) return false;
      let msg: ReturnType<typeof parseMessage>;
      try {
        msg = parseMessage(queued);
      } catch {
        return false; // handled (and refused) with the rest of the queue
      }
      if (msg.kind !== 'step1') return false;
      asked = true;
      return isEmptyStateVector(msg.stateVector);
    });
    if (fresh.length === 0) return asked;
    this.#snapshotFrame ??= syncStep2Frame(snapshot);
    for (const _ of fresh) conn.send(this.#snapshotFrame, wait?.writing());
    this.#log.debug('answered from the stored snapshot', { conn: conn.id });
    return true;
  }

  /**
   * [P3] Cold open of a large document. SQLite returns the snapshot in the event-loop turn of
   * the upgrade, before the client's sync step 1 has arrived: applying it at once answered
   * nobody from the stored bytes. So the apply waits until every waiting connection has sent
   * its step 1 and the fresh ones' answers are written, at most `boundMs`
   * (`coldOpenWaitMs`); a client that never asks holds it no longer than that. Meanwhile
   * everything else a connection sends stays queued, exactly as during any load [S2]: a
   * non-fresh client is answered after the apply, and updates are applied, stored and only
   * then broadcast [D1].
   */
  async #coldOpen(snapshot: Uint8Array, boundMs: number): Promise<void> {
    const started = performance.now();
    const wait = new ColdOpenWait(() => this.conns, boundMs);
    this.#cold = { snapshot, wait };
    for (const conn of this.conns) {
      if (this.#answerFromSnapshot(conn, snapshot, null, wait)) wait.asked(conn);
    }
    wait.check(); // also when nobody is connected any more
    const how = await wait.ended;
    this.#cold = null;
    this.#log.debug('cold open: applying the snapshot', {
      waitedMs: Math.round(performance.now() - started),
      until: how,
      answered: this.#snapshotFrame !== null,
    });
  }

  /** Connection: a message was queued before the document was ready [S2]. */
  queued(conn: Connection, data: Uint8Array): void {
    const cold = this.#cold;
    if (!cold || cold.wait.over) return;
    if (this.#answerFromSnapshot(conn, cold.snapshot, data, cold.wait)) cold.wait.asked(conn);
  }

  /**
   * A failed load never becomes an empty document [D4]: nothing is written, every waiting
   * connection is closed with 1011 (the client retries), and the registry forgets the doc so
   * the next connection loads afresh.
   */
  #fail(err: unknown): void {
    if (this.state !== 'loading') return;
    this.state = 'failed';
    this.#log.error('document failed to load', { error: err as Error });
    this.#staged = [];
    for (const conn of [...this.conns]) conn.close(CloseCode.INTERNAL, 'document failed to load');
    this.conns.clear();
    this.doc.destroy();
    void this.#loadSettled.then(() => this.#deps.onGone(this));
  }

  // ---------------------------------------------------------------- connections

  add(conn: Connection): void {
    if (this.state === 'failed' || this.state === 'unloaded') {
      conn.close(CloseCode.INTERNAL, 'document unavailable');
      return;
    }
    if (this.#unloadTimer) {
      clearTimeout(this.#unloadTimer);
      this.#unloadTimer = null;
    }
    this.conns.add(conn);
    conn.attach(this);
    // Never answer before the document has loaded [S2]: until then messages queue up.
    if (this.state === 'ready') this.#greet(conn);
  }

  remove(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    this.#deferredStep1 = this.#deferredStep1.filter((d) => d.conn !== conn);
    this.#cold?.wait.check(); // [P3] one fewer to wait for
    const removal = this.awareness.removePeer(conn);
    if (removal) this.#broadcast(awarenessFrame(removal), null);
    this.#maybeUnload();
  }

  /** Sends our state vector (sync step 1) and the current awareness states. */
  #greet(conn: Connection): void {
    if (!this.#step1Frame) this.#step1Frame = syncStep1Frame(Y.encodeStateVector(this.doc));
    conn.send(this.#step1Frame);
    const states = this.awareness.encodeAll();
    if (states) conn.send(awarenessFrame(states));
  }

  // ---------------------------------------------------------------- messages

  handleMessage(conn: Connection, data: Uint8Array): void {
    if (conn.closed) return;
    let msg: ReturnType<typeof parseMessage>;
    try {
      msg = parseMessage(data);
    } catch (err) {
      conn.close(CloseCode.BAD_MESSAGE, (err as Error).message.slice(0, 100));
      return;
    }
    switch (msg.kind) {
      case 'step1':
        this.#onStep1(conn, msg.stateVector);
        return;
      case 'update':
        this.#receiveUpdate(conn, msg.update);
        return;
      case 'awareness': {
        if (!conn.spendAwareness(msg.payload.byteLength)) {
          conn.close(CloseCode.RATE_LIMITED, 'too much awareness data');
          return;
        }
        let out: ReturnType<AwarenessRoom['apply']>;
        try {
          out = this.awareness.apply(conn, msg.payload);
        } catch (err) {
          const tooBig = err instanceof AwarenessStateTooLarge;
          conn.close(
            tooBig ? CloseCode.TOO_BIG : CloseCode.BAD_MESSAGE,
            (err as Error).message.slice(0, 100),
          );
          return;
        }
        if (out.reply) conn.send(awarenessFrame(out.reply));
        // To everyone including the sender, as the reference server does: a lone client's
        // only traffic is its own renewed state, which keeps its 30 s watchdog quiet.
        if (out.broadcast) this.#broadcast(awarenessFrame(out.broadcast), null);
        return;
      }
      case 'queryAwareness': {
        const states = this.awareness.encodeAll();
        if (states) conn.send(awarenessFrame(states));
        return;
      }
    }
  }

  #onStep1(conn: Connection, stateVector: Uint8Array): void {
    try {
      Y.decodeStateVector(stateVector);
    } catch {
      conn.close(CloseCode.BAD_MESSAGE, 'malformed state vector');
      return;
    }
    if (!this.isIdle) {
      // The in-memory doc holds updates not yet on disk: answer after the commit [D2]. One
      // pending answer per connection (the latest question), however often it asks.
      this.#deferredStep1 = this.#deferredStep1.filter((d) => d.conn !== conn);
      this.#deferredStep1.push({ conn, stateVector });
      return;
    }
    this.#answerStep1(conn, stateVector);
  }

  #answerStep1(conn: Connection, stateVector: Uint8Array): void {
    try {
      if (isEmptyStateVector(stateVector)) {
        // A fresh client: serve the cached full state, encoded once per change [P1].
        this.#encodeFullState();
        conn.send(this.#step2Frame!);
        return;
      }
      conn.send(syncStep2Frame(Y.encodeStateAsUpdate(this.doc, stateVector)));
    } catch (err) {
      // Answers may run later, from the commit path (deferred [D2]): a failure here must
      // close this connection only, never escape into the process.
      this.#log.error('could not answer sync step 1', { error: err as Error });
      conn.close(CloseCode.INTERNAL, 'could not answer');
    }
  }

  /** The full state as one update (cached), with its sync step 2 frame around it. */
  #encodeFullState(known?: Uint8Array): Uint8Array {
    if (this.#fullState) return this.#fullState;
    const frame = syncStep2Frame(known ?? Y.encodeStateAsUpdate(this.doc));
    const state = stateOfStep2Frame(frame);
    this.#step2Frame = frame;
    this.#fullState = state;
    return state;
  }

  #receiveUpdate(conn: Connection, update: Uint8Array): void {
    if (conn.readOnly) {
      this.#dropReadOnly(conn, update);
      return;
    }
    if (this.#failing) {
      // [D5] refuse rather than accept what we cannot store; the client keeps the edit and
      // resends it through sync after reconnecting.
      conn.close(CloseCode.TRY_AGAIN_LATER, 'storage unavailable');
      return;
    }
    if (this.#bytes + update.byteLength > this.#deps.limits.maxDocBytes) {
      conn.close(CloseCode.DOC_TOO_LARGE, 'document size limit reached');
      return;
    }
    const store = this.doc.store;
    const pendingStructsBefore = store.pendingStructs;
    const pendingBefore = store.pendingStructs?.update;
    const pendingDsBefore = store.pendingDs;
    this.#applying = conn;
    let error: unknown = null;
    try {
      // The update handler stages what Yjs integrated, encoded by Yjs itself: the log never
      // holds bytes we could not read back [D6], and duplicates cost nothing.
      Y.applyUpdate(this.doc, update, conn.origin);
    } catch (err) {
      error = err;
    } finally {
      this.#applying = null;
    }
    if (error) {
      conn.close(CloseCode.BAD_MESSAGE, 'malformed update');
      return;
    }
    const pendingAfter = store.pendingStructs?.update;
    if (
      (pendingAfter && pendingAfter !== pendingBefore) ||
      (store.pendingDs && store.pendingDs !== pendingDsBefore)
    ) {
      // Yjs keeps what waits for missing dependencies re-encoded (in its V2 format), and reads
      // it again later: every sync step 2 and every compaction. A mutated update can leave
      // bytes there that Yjs cannot read back (e.g. clocks past 2^53): keep the waiting parts
      // as they were and refuse the sender, so one bad frame cannot break the answers to
      // everyone else, the compaction, or the next load of the document [D6].
      if (!pendingReadable(store)) {
        store.pendingStructs = pendingStructsBefore;
        store.pendingDs = pendingDsBefore;
        conn.close(CloseCode.BAD_MESSAGE, 'malformed update');
        return;
      }
      // Parts waiting for missing dependencies are not in the update event, but would be in
      // a sync step 2: store the raw update too (it was just read successfully) [D6].
      this.#staged.push({ update: update.slice(), from: conn, storeOnly: true });
      this.#bytes += update.byteLength;
      this.#scheduleFlush();
    }
  }

  /**
   * [A3] A viewer's document updates never reach the document or anyone else. When one would
   * have changed something, the viewer is told (the y-protocols permission-denied message, at
   * most once per `readOnlyNoticeIntervalMs` per connection): an editor demoted while offline
   * otherwise saw "connected, nothing waiting" while nobody ever got the edits. A step 2 that
   * adds nothing (a fresh client's, or one carrying only what the server has) is not an edit.
   */
  #dropReadOnly(conn: Connection, update: Uint8Array): void {
    conn.droppedUpdates++;
    if (conn.droppedUpdates === 1) conn.log.info('dropping document updates of a viewer');
    // Told recently: no need to read the update at all (a flooding viewer costs no decoding).
    const now = performance.now();
    if (now - conn.readOnlyNoticeAt < this.#deps.timings.readOnlyNoticeIntervalMs) return;
    let adds: boolean;
    try {
      adds = addsToDoc(this.doc, update);
    } catch {
      return; // unreadable: dropped like any other update of a viewer
    }
    if (!adds) return;
    conn.readOnlyNoticeAt = now;
    conn.send(permissionDeniedFrame(READ_ONLY_REASON));
  }

  // ---------------------------------------------------------------- group commit

  #scheduleFlush(): void {
    if (this.#flushTimer || this.#storing || this.#failing || this.#staged.length === 0) return;
    const { groupCommitDelayMs, largeRoomPeers, largeRoomCommitDelayMs } = this.#deps.timings;
    // [P6] a large room trades a few ms of latency for far fewer frames.
    const large = largeRoomPeers > 0 && this.conns.size >= largeRoomPeers;
    const delay = large ? Math.max(groupCommitDelayMs, largeRoomCommitDelayMs) : groupCommitDelayMs;
    this.#flushTimer =
      delay > 0 ? setTimeout(() => this.#flush(), delay) : setImmediate(() => this.#flush());
  }

  /** Writes everything staged in ONE storage call, then broadcasts it [D1][D3]. */
  async #flush(): Promise<void> {
    this.#flushTimer = null;
    if (this.#storing || this.#staged.length === 0) return this.#afterStore();
    const batch = this.#staged;
    this.#staged = [];
    this.#storing = true;
    try {
      this.#lastUpdateId = await this.#deps.storage.appendUpdates(
        this.id,
        batch.map((s) => s.update),
      );
      this.#logCount += batch.length;
      if (this.#failing) this.#log.info('storage recovered');
      this.#failing = false;
      this.#retryDelay = this.#deps.timings.storeRetryBaseMs;
    } catch (err) {
      // [D5] keep everything in memory (staged, in order) and retry; broadcast nothing.
      this.#staged = batch.concat(this.#staged);
      this.#failing = true;
      const delay = this.#retryDelay;
      this.#retryDelay = Math.min(delay * 2, this.#deps.timings.storeRetryMaxMs);
      this.#log.error('storing updates failed, retrying', {
        error: err as Error,
        retryInMs: delay,
        staged: this.#staged.length,
      });
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        void this.#flush();
      }, delay);
      return;
    } finally {
      this.#storing = false;
    }
    this.#broadcastUpdates(batch);
    try {
      const hooked = this.#deps.hooks.afterStore?.(
        this.id,
        this.doc,
        batch.map((s) => s.update),
      );
      if (hooked) await hooked;
    } catch (err) {
      this.#log.error('afterStore hook failed', { error: err as Error });
    }
    this.#afterStore();
  }

  #afterStore(): void {
    if (this.#staged.length > 0) {
      this.#scheduleFlush();
      return;
    }
    if (this.#storing || this.#failing) return;
    // Durable and quiet: answer the sync step 1s that waited for it [D2].
    if (this.#deferredStep1.length > 0) {
      const deferred = this.#deferredStep1;
      this.#deferredStep1 = [];
      for (const { conn, stateVector } of deferred) {
        if (!conn.closed) this.#answerStep1(conn, stateVector);
      }
    }
    const { compactAfterUpdates, compactQuietMs } = this.#deps.timings;
    if (this.#logCount >= compactAfterUpdates * COMPACT_AT_ONCE_FACTOR) {
      void this.compact();
      return;
    }
    if (this.#logCount >= compactAfterUpdates) {
      // [D7] in the next pause: every commit pushes it back (one timer, not one per commit).
      this.#lastCommitAt = Date.now();
      if (!this.#compactTimer) this.#armCompaction(compactQuietMs);
    }
    const waiters = this.#idleWaiters.splice(0);
    for (const w of waiters) w();
    this.#maybeUnload();
  }

  /**
   * One encoding per commit, the same bytes to every peer [P2]. With coalescing, the updates
   * of one commit are merged into one frame; the sender gets it back only when several
   * connections contributed (Yjs ignores what it already has).
   */
  #broadcastUpdates(batch: Staged[]): void {
    const items = batch.filter((s) => !s.storeOnly);
    if (items.length === 0) return;
    const first = items[0]!.from;
    const oneSource = items.every((s) => s.from === first);
    // Peers that would get the merged frame (the sender of everything in it does not).
    const recipients = this.conns.size - (oneSource && first && this.conns.has(first) ? 1 : 0);
    if (recipients <= 0) return;
    // Merging costs about as much as applying the updates; it pays off when it saves more
    // sends than that, i.e. with enough peers (measured: ~2 small updates vs ~16 sends).
    const worthMerging = (items.length - 1) * recipients >= MERGE_MIN_SAVED_SENDS;
    if (items.length === 1 || !this.#deps.timings.coalesceUpdates || !worthMerging) {
      for (const s of items) this.#broadcast(updateFrame(s.update), s.from);
      return;
    }
    const merged = Y.mergeUpdates(items.map((s) => s.update));
    this.#broadcast(updateFrame(merged), oneSource ? first : null);
  }

  #broadcast(frame: Uint8Array, except: Connection | null): void {
    const others = this.conns.size - (except && this.conns.has(except) ? 1 : 0);
    if (others === 0) return;
    const wire = wireFrame(frame);
    for (const conn of this.conns) if (conn !== except) conn.sendWire(wire);
  }

  // ---------------------------------------------------------------- compaction & unload

  /**
   * Writes the full state as the snapshot and deletes the log entries it covers, in one
   * storage transaction [D7]. A failure only costs space: the log still has everything.
   */
  async compact(): Promise<void> {
    if (this.#storing || this.#failing || this.#logCount === 0 || this.state !== 'ready') {
      return;
    }
    this.#storing = true;
    const upTo = this.#lastUpdateId;
    try {
      // Inside the try: compaction runs from a timer and at shutdown, and must never throw
      // out of either (the log already holds everything).
      const state = this.#encodeFullState();
      await this.#deps.storage.writeSnapshot(this.id, state, upTo);
      this.#logCount = 0;
      this.#bytes = state.byteLength;
      this.#log.debug('compacted', { bytes: state.byteLength, upTo });
    } catch (err) {
      this.#log.warn('compaction failed; the update log still holds everything', {
        error: err as Error,
      });
      this.#logCount = Math.floor(this.#deps.timings.compactAfterUpdates / 2); // retry later
    } finally {
      this.#storing = false;
    }
    this.#afterStore();
  }

  #armCompaction(delay: number): void {
    this.#compactTimer = setTimeout(() => {
      this.#compactTimer = null;
      if (this.#shuttingDown) return;
      const quietFor = Date.now() - this.#lastCommitAt;
      const quietMs = this.#deps.timings.compactQuietMs;
      if (quietFor < quietMs) this.#armCompaction(quietMs - quietFor);
      else void this.compact();
    }, delay);
  }

  /** Resolves when nothing is staged, being written or waiting for a retry. */
  whenIdle(): Promise<void> {
    if (this.isIdle || this.state !== 'ready') return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #maybeUnload(): void {
    if (this.conns.size > 0 || this.state !== 'ready' || this.#unloadTimer) return;
    if (this.#shuttingDown) return; // shutdown() stores and drops the document itself
    this.#unloadTimer = setTimeout(() => {
      this.#unloadTimer = null;
      void this.#tryUnload();
    }, this.#deps.timings.unloadDelayMs);
  }

  /** [S3] unload only with no connections and nothing pending; the state is stored first. */
  async #tryUnload(): Promise<void> {
    if (this.conns.size > 0 || this.state !== 'ready' || !this.isIdle) return;
    if (this.#logCount > 0) {
      await this.compact();
      if (this.conns.size > 0 || this.state !== 'ready' || !this.isIdle) return;
    }
    this.#destroy();
  }

  #destroy(): void {
    this.state = 'unloaded';
    if (this.#unloadTimer) clearTimeout(this.#unloadTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (this.#compactTimer) clearTimeout(this.#compactTimer);
    this.#unloadTimer = null;
    try {
      this.#deps.hooks.beforeUnload?.(this.id, this.doc);
    } catch (err) {
      this.#log.error('beforeUnload hook failed', { error: err as Error });
    }
    this.doc.destroy();
    this.#deps.onGone(this);
    this.#log.debug('document unloaded');
  }

  /**
   * Shutdown: close every connection with `code`, store everything (retrying until the
   * deadline), compact, and drop the document. Resolves true when all was stored.
   */
  async shutdown(code: number, deadline: number): Promise<boolean> {
    this.#shuttingDown = true;
    if (this.#unloadTimer) clearTimeout(this.#unloadTimer);
    if (this.#compactTimer) clearTimeout(this.#compactTimer);
    this.#unloadTimer = null;
    this.#compactTimer = null;
    for (const conn of [...this.conns]) conn.close(code, 'server shutting down');
    if (this.state !== 'ready') return true;
    // Write now instead of after the group-commit window or the retry backoff.
    if (this.#retryTimer) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
      void this.#flush();
    } else if (this.#flushTimer) {
      clearTimeout(this.#flushTimer as NodeJS.Timeout);
      clearImmediate(this.#flushTimer as NodeJS.Immediate);
      void this.#flush();
    }
    const stored = await Promise.race([
      this.whenIdle().then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), Math.max(0, deadline - Date.now()))),
    ]);
    if (!stored) {
      this.#log.error('shutdown deadline reached with unstored updates', {
        staged: this.#staged.length,
      });
      return false;
    }
    if (this.#logCount > 0 && Date.now() < deadline) await this.compact();
    if (this.state === 'ready' && this.isIdle) this.#destroy();
    // Everything is in the log even when the compaction did not happen.
    return true;
  }
}

/**
 * Whether the parts of an update that wait for missing dependencies can be read back the way
 * `Y.encodeStateAsUpdate` reads them (for every sync step 2 and compaction): the delete set
 * and the structs are V2-encoded, diffed, converted to V1 and merged with the state.
 */
function pendingReadable(store: Y.Doc['store']): boolean {
  try {
    const parts: Uint8Array[] = [];
    if (store.pendingDs) parts.push(Y.convertUpdateFormatV2ToV1(store.pendingDs));
    if (store.pendingStructs) {
      const diff = Y.diffUpdateV2(store.pendingStructs.update, new Uint8Array([0]));
      parts.push(Y.convertUpdateFormatV2ToV1(diff));
    }
    if (parts.length > 0) Y.decodeUpdate(Y.mergeUpdates([new Uint8Array([0, 0]), ...parts]));
    return true;
  } catch {
    return false;
  }
}
