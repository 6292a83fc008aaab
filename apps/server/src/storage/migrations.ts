import type { Migration } from '../db/database.js';

/** Schema of document storage. Ids are global across modules (see db/database.ts). */
export const storageMigrations: Migration[] = [
  {
    id: 'storage-001-documents',
    up(db) {
      db.exec(`
        CREATE TABLE doc_snapshots (
          doc_id TEXT PRIMARY KEY,
          state BLOB NOT NULL,
          up_to_update_id INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        -- AUTOINCREMENT: ids are never reused after compaction deleted the newest rows, so a
        -- snapshot's up_to_update_id can never cover an update appended later.
        CREATE TABLE doc_updates (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          doc_id TEXT NOT NULL,
          data BLOB NOT NULL
        );
        CREATE INDEX doc_updates_by_doc ON doc_updates (doc_id, id);
      `);
    },
  },
  {
    // [P4] One B-tree instead of three: the rowid table, its (doc_id, id) index and the
    // AUTOINCREMENT counter in sqlite_sequence each cost a page in every commit's WAL frames.
    // Sequence numbers are per document and assigned by the storage: the next one is above
    // both the newest entry and the snapshot's up_to_seq, so they are never reused either.
    id: 'storage-002-log-without-rowid',
    up(db) {
      db.exec(`
        CREATE TABLE doc_log (
          doc_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (doc_id, seq)
        ) WITHOUT ROWID;
        INSERT INTO doc_log (doc_id, seq, data) SELECT doc_id, id, data FROM doc_updates;
        DROP TABLE doc_updates;
        ALTER TABLE doc_snapshots RENAME COLUMN up_to_update_id TO up_to_seq;
      `);
    },
  },
];
