/**
 * The narrow storage interface of the sync server: everything it persists about a document
 * goes through here, so another engine (PostgreSQL) can be added without touching sync code.
 * Every implementation must pass `src/test/storageContract.ts`.
 *
 * Model: a document is an optional snapshot (a Yjs update holding the state up to some update
 * id) plus a log of updates appended after it. Update ids increase strictly per storage (not
 * only per document) and are never reused.
 */
export interface StoredDoc {
  /** Full state at the time of the last compaction, or null if never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Id of the last update in `updates` (or the one the snapshot covers); 0 if none. */
  lastUpdateId: number;
  /** Bytes stored for the document (snapshot + updates). */
  bytes: number;
}

export interface DocStorage {
  /** Reads a document; null when nothing was ever stored for it. Rejects on storage failure. */
  load(docId: string): Promise<StoredDoc | null>;
  /**
   * Appends updates to the document's log in ONE atomic write (all or none) and resolves with
   * the id of the last one once they are durable.
   */
  appendUpdates(docId: string, updates: readonly Uint8Array[]): Promise<number>;
  /**
   * Stores `state` as the document's snapshot and deletes the log entries with id <=
   * `upToUpdateId`, atomically. `state` must contain everything those entries contain.
   */
  writeSnapshot(docId: string, state: Uint8Array, upToUpdateId: number): Promise<void>;
  /** Whether anything is stored for the document. */
  has(docId: string): Promise<boolean>;
  /** Ids of all stored documents, sorted. */
  list(): Promise<string[]>;
}
