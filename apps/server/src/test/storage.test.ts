import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, runMigrations } from '../db/database.js';
import { MemoryDocStorage } from '../storage/memory.js';
import { storageMigrations } from '../storage/migrations.js';
import { SqliteDocStorage } from '../storage/sqlite.js';
import { tempDir } from './harness.js';
import { storageContract } from './storageContract.js';
import fs from 'node:fs';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

storageContract('memory', () => ({ storage: new MemoryDocStorage() }));

storageContract('sqlite', () => {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'tavla.db');
  const open: Database[] = [];
  const make = () => {
    const db = openDatabase(file);
    runMigrations(db, storageMigrations);
    open.push(db);
    return new SqliteDocStorage(db);
  };
  return {
    storage: make(),
    reopen: make,
    dispose: () => {
      for (const db of open) db.close();
    },
  };
});

describe('sqlite storage: the log without rowid [P4]', () => {
  const fresh = () => {
    const dir = tempDir();
    dirs.push(dir);
    return path.join(dir, 'tavla.db');
  };
  const u = (n: number) => new Uint8Array([n, n, n]);

  it('storage-002 moves a storage-001 log and snapshot over, in order, and numbers after them', async () => {
    const file = fresh();
    const old = openDatabase(file);
    runMigrations(old, storageMigrations.slice(0, 1));
    old.prepare("INSERT INTO doc_snapshots VALUES ('a', ?, 7, 0)").run(Buffer.from([9]));
    // Global AUTOINCREMENT ids, interleaved between documents, with gaps from compactions.
    const insert = old.prepare('INSERT INTO doc_updates (id, doc_id, data) VALUES (?, ?, ?)');
    insert.run(8, 'a', Buffer.from(u(1)));
    insert.run(9, 'b', Buffer.from(u(2)));
    insert.run(12, 'a', Buffer.from(u(3)));
    old.close();

    const db = openDatabase(file);
    expect(runMigrations(db, storageMigrations)).toEqual(['storage-002-log-without-rowid']);
    const storage = new SqliteDocStorage(db);
    const a = await storage.load('a');
    expect(a?.snapshot && [...a.snapshot]).toEqual([9]);
    expect(a?.updates.map((x) => [...x])).toEqual([
      [1, 1, 1],
      [3, 3, 3],
    ]);
    expect(a?.lastUpdateId).toBe(12);
    expect(await storage.appendUpdates('a', [u(4)])).toBe(13);
    // Never loaded here: the next number is read from the file.
    expect(await storage.appendUpdates('b', [u(5)])).toBe(10);
    expect(await storage.list()).toEqual(['a', 'b']);
    db.close();
  });

  it('numbers above a snapshot that covers every entry (nothing reused after compaction)', async () => {
    const db = openDatabase(fresh());
    runMigrations(db, storageMigrations);
    const one = new SqliteDocStorage(db);
    await one.appendUpdates('d', [u(1), u(2)]);
    await one.writeSnapshot('d', u(7), 2);
    // A second instance on the same file (as after a restart) knows only what the file says.
    const two = new SqliteDocStorage(db);
    expect(await two.appendUpdates('d', [u(3)])).toBe(3);
    expect((await two.load('d'))?.lastUpdateId).toBe(3);
    db.close();
  });

  it('an append that collides with another writer is numbered after that writer and written', async () => {
    const file = fresh();
    const db = openDatabase(file);
    runMigrations(db, storageMigrations);
    const server = new SqliteDocStorage(db);
    await server.appendUpdates('d', [u(1)]); // the server now remembers seq 1
    const cliDb = openDatabase(file);
    const cli = new SqliteDocStorage(cliDb);
    expect(await cli.appendUpdates('d', [u(2)])).toBe(2);
    expect(await server.appendUpdates('d', [u(3)])).toBe(3);
    expect(await server.appendUpdates('d', [u(4)])).toBe(4);
    const loaded = await server.load('d');
    expect(loaded?.updates.map((x) => x[0])).toEqual([1, 2, 3, 4]);
    cliDb.close();
    db.close();
  });
});
