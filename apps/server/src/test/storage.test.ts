import path from 'node:path';
import { afterAll } from 'vitest';
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
