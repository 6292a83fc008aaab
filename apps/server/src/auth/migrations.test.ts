import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { authMigrations, migrateAuth } from './migrations.js';

describe('migrateAuth', () => {
  it('creates the tables once and records each migration', () => {
    const db = new Database(':memory:');
    migrateAuth(db);
    migrateAuth(db);
    const ids = db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all();
    expect(ids).toEqual(authMigrations.map((m) => m.id));
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    for (const t of [
      'organisations',
      'users',
      'sessions',
      'api_tokens',
      'agreements',
      'memberships',
    ]) {
      expect(tables).toContain(t);
    }
  });

  it('shares schema_migrations with migrations of other modules', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
    db.prepare("INSERT INTO schema_migrations VALUES ('storage-001-docs', 1)").run();
    migrateAuth(db);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(
      authMigrations.length + 1,
    );
  });

  it('keeps e-mail addresses lowercase at the database level', () => {
    const db = new Database(':memory:');
    migrateAuth(db);
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (id, email, name, created_at) VALUES ('u', 'Kari@Example', 'K', 0)",
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});

describe('migrations through the server database module', () => {
  it('are not applied twice when runMigrations ran them first', async () => {
    const { openDatabase, runMigrations } = await import('../db/database.js');
    const db = openDatabase(':memory:');
    expect(runMigrations(db, authMigrations)).toEqual(authMigrations.map((m) => m.id));
    migrateAuth(db);
    expect(runMigrations(db, authMigrations)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(
      authMigrations.length,
    );
  });
});
