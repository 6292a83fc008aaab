import type { Database } from '../db/database.js';
import type { DocStorage, StoredDoc } from './types.js';

/**
 * [D8] WAL pages after which SQLite checkpoints inside a commit (its default is 1000: every ~3 s
 * at 100 edits/s, and that commit then waits for two fsyncs: 4-30 ms on a busy disk, in every
 * client's latency). With 10,000 (~40 MB of WAL at most) checkpoints happen in pauses instead.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;
/** A pause this long after the last document write checkpoints the WAL (PASSIVE). */
const CHECKPOINT_QUIET_MS = 500;
/** After a checkpoint, a WAL file larger than this is truncated to it. */
const WAL_SIZE_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * SQLite document storage (better-sqlite3, synchronous under the hood). Run
 * `storageMigrations` on the database first.
 */
export class SqliteDocStorage implements DocStorage {
  readonly #db: Database;
  /** Newest sequence number per document (log or snapshot), once read or written [P4]. */
  readonly #lastSeq = new Map<string, number>();
  #lastWriteAt = 0;
  #checkpointTimer: NodeJS.Timeout | null = null;
  readonly #getSnapshot;
  readonly #getUpdates;
  readonly #insertUpdate;
  readonly #upsertSnapshot;
  readonly #deleteUpdates;
  readonly #maxSeq;
  readonly #hasSnapshot;
  readonly #hasUpdate;
  readonly #list;
  readonly #append;
  readonly #snapshot;

  constructor(db: Database) {
    this.#db = db;
    // Per connection: every module's commits share this one.
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    this.#getSnapshot = db.prepare<[string], { state: Buffer; up_to_seq: number }>(
      'SELECT state, up_to_seq FROM doc_snapshots WHERE doc_id = ?',
    );
    this.#getUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_log WHERE doc_id = ? ORDER BY seq',
    );
    this.#insertUpdate = db.prepare<[string, number, Uint8Array]>(
      'INSERT INTO doc_log (doc_id, seq, data) VALUES (?, ?, ?)',
    );
    this.#upsertSnapshot = db.prepare<[string, Uint8Array, number, number]>(
      `INSERT INTO doc_snapshots (doc_id, state, up_to_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state,
         up_to_seq = excluded.up_to_seq, updated_at = excluded.updated_at`,
    );
    this.#deleteUpdates = db.prepare<[string, number]>(
      'DELETE FROM doc_log WHERE doc_id = ? AND seq <= ?',
    );
    this.#maxSeq = db.prepare<[string, string], { last: number }>(
      `SELECT max(coalesce((SELECT max(seq) FROM doc_log WHERE doc_id = ?), 0),
                  coalesce((SELECT up_to_seq FROM doc_snapshots WHERE doc_id = ?), 0)) AS last`,
    );
    this.#hasSnapshot = db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM doc_snapshots WHERE doc_id = ?',
    );
    this.#hasUpdate = db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM doc_log WHERE doc_id = ? LIMIT 1',
    );
    this.#list = db.prepare<[], { doc_id: string }>(
      'SELECT doc_id FROM doc_snapshots UNION SELECT DISTINCT doc_id FROM doc_log ORDER BY doc_id',
    );
    this.#append = db.transaction(
      (docId: string, first: number, updates: readonly Uint8Array[]) => {
        let seq = first;
        for (const u of updates) this.#insertUpdate.run(docId, seq++, u);
        return seq - 1;
      },
    );
    this.#snapshot = db.transaction((docId: string, state: Uint8Array, upTo: number) => {
      this.#upsertSnapshot.run(docId, state, upTo, Date.now());
      this.#deleteUpdates.run(docId, upTo);
    });
  }

  async load(docId: string): Promise<StoredDoc | null> {
    const snap = this.#getSnapshot.get(docId);
    const rows = this.#getUpdates.all(docId);
    if (!snap && rows.length === 0) return null;
    let bytes = snap ? snap.state.byteLength : 0;
    const updates: Uint8Array[] = [];
    for (const r of rows) {
      updates.push(r.data);
      bytes += r.data.byteLength;
    }
    const lastRow = rows[rows.length - 1];
    const lastUpdateId = lastRow ? lastRow.seq : (snap?.up_to_seq ?? 0);
    this.#lastSeq.set(docId, lastUpdateId);
    return { snapshot: snap ? snap.state : null, updates, lastUpdateId, bytes };
  }

  async appendUpdates(docId: string, updates: readonly Uint8Array[]): Promise<number> {
    if (updates.length === 0) throw new RangeError('appendUpdates: nothing to append');
    const known = this.#lastSeq.get(docId) ?? this.#readLastSeq(docId);
    let last: number;
    try {
      last = this.#append(docId, known + 1, updates);
    } catch (err) {
      this.#lastSeq.delete(docId);
      // Another process (the CLI, a restore) appended to this document meanwhile: number after
      // its entries and write once more. Anything else is a storage failure for [D5].
      if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw err;
      last = this.#append(docId, this.#readLastSeq(docId) + 1, updates);
    }
    this.#lastSeq.set(docId, last);
    this.#wrote();
    return last;
  }

  #readLastSeq(docId: string): number {
    return this.#maxSeq.get(docId, docId)?.last ?? 0;
  }

  async writeSnapshot(docId: string, state: Uint8Array, upToUpdateId: number): Promise<void> {
    this.#snapshot(docId, state, upToUpdateId);
    this.#wrote();
  }

  /** Schedules a checkpoint for the next pause in writing (at most one timer, never per write). */
  #wrote(): void {
    this.#lastWriteAt = Date.now();
    if (this.#checkpointTimer) return;
    this.#checkpointTimer = setTimeout(() => this.#checkpointWhenQuiet(), CHECKPOINT_QUIET_MS);
    this.#checkpointTimer.unref();
  }

  #checkpointWhenQuiet(): void {
    this.#checkpointTimer = null;
    const quietFor = Date.now() - this.#lastWriteAt;
    if (quietFor < CHECKPOINT_QUIET_MS) {
      this.#checkpointTimer = setTimeout(
        () => this.#checkpointWhenQuiet(),
        CHECKPOINT_QUIET_MS - quietFor,
      );
      this.#checkpointTimer.unref();
      return;
    }
    if (!this.#db.open) return;
    try {
      // PASSIVE: never waits for readers; what it cannot copy now, the next one will.
      this.#db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Only costs WAL size; SQLite's own autocheckpoint still bounds it.
    }
  }

  async has(docId: string): Promise<boolean> {
    return this.#hasSnapshot.get(docId) !== undefined || this.#hasUpdate.get(docId) !== undefined;
  }

  async list(): Promise<string[]> {
    return this.#list.all().map((r) => r.doc_id);
  }
}
