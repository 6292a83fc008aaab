import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAuth } from '../auth/index.js';
import { FAST_SCRYPT } from '../auth/testing.js';
import { storageMigrations } from '../storage/migrations.js';
import { SqliteDocStorage } from '../storage/sqlite.js';
import { tempDir } from '../test/harness.js';
import { type BackupSummary, backupDatabase, describeBackup, runBackupCommand } from './backup.js';
import { type Database, openDatabase, runMigrations } from './database.js';

const dirs: string[] = [];
const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = tempDir('tavla-backup-');
  dirs.push(d);
  return d;
}

/** A Tavla database with accounts and two documents, left open: its commits sit in the WAL. */
async function liveDatabase(folder: string) {
  const file = path.join(folder, 'tavla.db');
  const db = openDatabase(file);
  open.push(db);
  runMigrations(db, storageMigrations);
  const auth = createAuth(db, { scrypt: FAST_SCRYPT });
  await auth.seedDemo();
  auth.accounts.createAgreement({ id: 'nord', title: 'Vekstavtale Nord' });
  const storage = new SqliteDocStorage(db);
  for (const [docId, text] of [
    ['tromsvekstavtalen', 'Tiltak'],
    ['nord', 'Nordlys'],
  ] as const) {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, text);
    await storage.appendUpdates(docId, [Y.encodeStateAsUpdate(doc)]);
  }
  return { file, db };
}

/** Every row of every table, for comparing a database with its copy. */
function contents(db: BetterSqlite3.Database): Record<string, unknown[]> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]),
  );
}

async function run(args: string[], dbFile: string, cwd = '/') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBackupCommand(args, {
    dbFile,
    cwd,
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tavla backup', () => {
  it('[D9] copies every table row by row, commits still in the WAL included, into one file', async () => {
    const folder = dir();
    const { file, db } = await liveDatabase(folder);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const target = path.join(dir(), 'tavla-backup.db');

    const saved = await backupDatabase(file, target);

    const copy = new BetterSqlite3(target, { readonly: true, fileMustExist: true });
    try {
      expect(contents(copy)).toEqual(contents(db));
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      copy.close();
    }
    expect(fs.readdirSync(path.dirname(target))).toEqual(['tavla-backup.db']);
    expect(saved).toEqual<BackupSummary>({
      file: target,
      bytes: fs.statSync(target).size,
      agreements: 2,
      documents: 2,
      users: 3,
    });
  });

  it('[D9] prints what was saved, with a path relative to the folder the command ran in', async () => {
    const { file } = await liveDatabase(dir());
    const cwd = dir();
    const { code, out, err } = await run(['--to', 'saved.db'], file, cwd);
    expect(err).toBe('');
    expect(code).toBe(0);
    const bytes = fs.statSync(path.join(cwd, 'saved.db')).size;
    expect(out).toBe(
      `Saved ${path.join(cwd, 'saved.db')}: ${(bytes / 1e6).toFixed(1)} MB (${bytes} bytes); ` +
        '2 agreements, 2 documents, 3 users; integrity ok.',
    );
    expect(describeBackup({ file: '/b', bytes: 1, agreements: 1, documents: 1, users: 1 })).toBe(
      'Saved /b: 0.0 MB (1 bytes); 1 agreement, 1 document, 1 user; integrity ok.',
    );
  });

  it('[D9] refuses an existing file and leaves it as it was', async () => {
    const { file } = await liveDatabase(dir());
    const folder = dir();
    const target = path.join(folder, 'monday.db');
    fs.writeFileSync(target, 'an older backup');
    const { code, err } = await run(['--to', target], file);
    expect(code).toBe(1);
    expect(err).toContain(`backup refused: ${target} already exists`);
    expect(fs.readFileSync(target, 'utf8')).toBe('an older backup');
    expect(fs.readdirSync(folder)).toEqual(['monday.db']);
  });

  it('[D9] refuses a folder that does not exist', async () => {
    const { file } = await liveDatabase(dir());
    const folder = dir();
    const { code, err } = await run(['--to', path.join(folder, 'missing', 'b.db')], file);
    expect(code).toBe(1);
    expect(err).toContain(`the folder ${path.join(folder, 'missing')} does not exist`);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('[D9] refuses the live database itself, however it is spelled, and its -wal', async () => {
    const folder = dir();
    const { file } = await liveDatabase(folder);
    const before = fs.readdirSync(folder).sort();
    fs.symlinkSync(folder, path.join(dir(), 'link'));
    const link = path.join(dirs.at(-1)!, 'link', 'tavla.db');
    for (const to of [file, `${folder}/./sub/../tavla.db`, link, `${file}-wal`]) {
      const { code, err } = await run(['--to', to], file);
      expect(code, to).toBe(1);
      expect(err).toContain('is the live database');
    }
    // Also while the server is stopped (no -wal/-shm): the name alone decides.
    const stopped = path.join(dir(), 'stopped.db');
    const { code } = await run(['--to', `${stopped}-shm`], stopped);
    expect(code).toBe(1);
    expect(fs.readdirSync(folder).sort()).toEqual(before);
  });

  it('[D9] without --to (or with an unknown option) it is a usage error', async () => {
    const { file } = await liveDatabase(dir());
    for (const args of [[], ['--to'], ['--to', ''], ['--into', 'x.db']]) {
      const { code, err } = await run(args, file);
      expect(code, args.join(' ')).toBe(2);
      expect(err).toContain('Usage: tavla');
    }
    expect((await run([], file)).err).toContain('--to is required');
  });

  it('[D9] a missing database is refused without creating one', async () => {
    const folder = dir();
    const target = path.join(dir(), 'b.db');
    const { code, err } = await run(['--to', target], path.join(folder, 'tavla.db'));
    expect(code).toBe(1);
    expect(err).toContain('cannot open the database');
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('[D9] a copy that fails verification leaves neither FILE nor a temporary file', async () => {
    const folder = dir();
    const other = path.join(folder, 'other.db');
    const db = new BetterSqlite3(other);
    db.exec('CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES (1)');
    db.close();
    const out = dir();
    const { code, err } = await run(['--to', path.join(out, 'b.db')], other);
    expect(code).toBe(1);
    expect(err).toContain('backup failed: the copy has no schema_migrations table');
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
