import type { Database } from '../db/database.js';
import type { DocStorage, StoredDoc } from './types.js';

/**
 * SQLite document storage (better-sqlite3, synchronous under the hood). Run
 * `storageMigrations` on the database first.
 */
export class SqliteDocStorage implements DocStorage {
  readonly #getSnapshot;
  readonly #getUpdates;
  readonly #insertUpdate;
  readonly #upsertSnapshot;
  readonly #deleteUpdates;
  readonly #hasSnapshot;
  readonly #hasUpdate;
  readonly #list;
  readonly #append;
  readonly #snapshot;

  constructor(db: Database) {
    this.#getSnapshot = db.prepare<[string], { state: Buffer; up_to_update_id: number }>(
      'SELECT state, up_to_update_id FROM doc_snapshots WHERE doc_id = ?',
    );
    this.#getUpdates = db.prepare<[string], { id: number; data: Buffer }>(
      'SELECT id, data FROM doc_updates WHERE doc_id = ? ORDER BY id',
    );
    this.#insertUpdate = db.prepare<[string, Uint8Array]>(
      'INSERT INTO doc_updates (doc_id, data) VALUES (?, ?)',
    );
    this.#upsertSnapshot = db.prepare<[string, Uint8Array, number, number]>(
      `INSERT INTO doc_snapshots (doc_id, state, up_to_update_id, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state,
         up_to_update_id = excluded.up_to_update_id, updated_at = excluded.updated_at`,
    );
    this.#deleteUpdates = db.prepare<[string, number]>(
      'DELETE FROM doc_updates WHERE doc_id = ? AND id <= ?',
    );
    this.#hasSnapshot = db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM doc_snapshots WHERE doc_id = ?',
    );
    this.#hasUpdate = db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM doc_updates WHERE doc_id = ? LIMIT 1',
    );
    this.#list = db.prepare<[], { doc_id: string }>(
      'SELECT doc_id FROM doc_snapshots UNION SELECT doc_id FROM doc_updates ORDER BY doc_id',
    );
    this.#append = db.transaction((docId: string, updates: readonly Uint8Array[]) => {
      let last = 0;
      for (const u of updates) last = Number(this.#insertUpdate.run(docId, u).lastInsertRowid);
      return last;
    });
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
    return {
      snapshot: snap ? snap.state : null,
      updates,
      lastUpdateId: lastRow ? lastRow.id : (snap?.up_to_update_id ?? 0),
      bytes,
    };
  }

  async appendUpdates(docId: string, updates: readonly Uint8Array[]): Promise<number> {
    if (updates.length === 0) throw new RangeError('appendUpdates: nothing to append');
    return this.#append(docId, updates);
  }

  async writeSnapshot(docId: string, state: Uint8Array, upToUpdateId: number): Promise<void> {
    this.#snapshot(docId, state, upToUpdateId);
  }

  async has(docId: string): Promise<boolean> {
    return this.#hasSnapshot.get(docId) !== undefined || this.#hasUpdate.get(docId) !== undefined;
  }

  async list(): Promise<string[]> {
    return this.#list.all().map((r) => r.doc_id);
  }
}
