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
];
