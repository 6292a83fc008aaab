import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export type Database = BetterSqlite3.Database;

export interface Migration {
  /** Stable, unique across modules, e.g. `storage-001-docs`. Never rename an applied one. */
  id: string;
  up(db: Database): void;
}

/**
 * Opens (creating if needed) the SQLite file with the settings the durability rules rely on:
 * WAL so readers never block the writer and a commit is one append; synchronous=NORMAL, which in
 * WAL mode survives a process crash (SIGKILL) without an fsync per commit — only power loss can
 * lose the last commits. `:memory:` opens an in-memory database (tests).
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction. */
export function runMigrations(db: Database, migrations: readonly Migration[]): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT PRIMARY KEY,
    applied_at INTEGER NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id),
  );
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const ran: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      m.up(db);
      record.run(m.id, Date.now());
    })();
    ran.push(m.id);
  }
  return ran;
}

/** Folds the WAL into the main file (called on shutdown so the file is self-contained). */
export function checkpoint(db: Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
