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

describe('auth-0005: e-mail addresses in Unicode normal form C', () => {
  const before = authMigrations.filter((m) => m.id < 'auth-0005');

  it('rewrites stored addresses with combining characters, users and invitations', () => {
    const db = new Database(':memory:');
    migrateAuth(db, before);
    const decomposed = 'ka\u030are@kommune.example';
    db.prepare("INSERT INTO users (id, email, name, created_at) VALUES ('u1', ?, 'K', 0)").run(
      decomposed,
    );
    db.prepare(
      "INSERT INTO users (id, email, name, created_at) VALUES ('u2', 'ola@kommune.example', 'O', 0)",
    ).run();
    db.prepare("INSERT INTO agreements (id, title, created_at) VALUES ('a', 'A', 0)").run();
    db.prepare(
      `INSERT INTO invitations (id, agreement_id, email, role, token_hash, created_at, expires_at)
       VALUES ('i1', 'a', ?, 'editor', 'h1', 0, 1)`,
    ).run('\u00f8ystein.a\u030as@kommune.example');
    migrateAuth(db);
    const emails = db.prepare('SELECT email FROM users ORDER BY id').pluck().all();
    expect(emails).toEqual(['kåre@kommune.example', 'ola@kommune.example']);
    expect(db.prepare('SELECT email FROM invitations').pluck().get()).toBe(
      'øystein.ås@kommune.example',
    );
  });

  it('leaves an address alone when another user already has its normal form', () => {
    const db = new Database(':memory:');
    migrateAuth(db, before);
    const insert = db.prepare(
      'INSERT INTO users (id, email, name, created_at) VALUES (?, ?, ?, 0)',
    );
    insert.run('u1', 'kåre@kommune.example', 'Kåre (NFC)');
    insert.run('u2', 'ka\u030are@kommune.example', 'Kåre (NFD)');
    migrateAuth(db);
    expect(db.prepare('SELECT id, email FROM users ORDER BY id').all()).toEqual([
      { id: 'u1', email: 'kåre@kommune.example' },
      { id: 'u2', email: 'ka\u030are@kommune.example' },
    ]);
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
