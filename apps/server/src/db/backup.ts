import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { type CliIo, USAGE } from '../accounts/adminCli.js';

/**
 * [D9] Online backup of the live database (`pnpm tavla backup --to FILE`), safe while the server
 * runs and writes. A `cp` of `tavla.db` alone misses what is still only in `tavla.db-wal`, and
 * copying the three files one after another can catch them at different moments; SQLite's
 * online backup API (https://sqlite.org/backup.html) reads the database through a connection,
 * WAL included, in one read transaction. It never writes the live file: the source is opened
 * read-only.
 */

export type BackupErrorCode = 'exists' | 'no_folder' | 'live_database' | 'no_database' | 'invalid';

/** A backup that was refused (or whose copy failed its checks); nothing is left under FILE. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupSummary {
  /** Absolute path of the new backup. */
  file: string;
  bytes: number;
  agreements: number;
  /** Documents with stored content (snapshot or log entries). */
  documents: number;
  users: number;
}

/**
 * Pages per backup step: all of them. In steps, every commit the server makes between two steps
 * restarts the copy from page 1 (sqlite.org/c3ref/backup_finish.html), so a busy server could
 * keep it from ever finishing. One step is one read transaction — a consistent snapshot — and in
 * WAL mode a reader does not block the server's writes (it only holds back the checkpoint).
 * better-sqlite3 clamps the rate to this maximum.
 */
const ALL_PAGES = 0x7fffffff;

/** Files SQLite keeps next to a database; a backup must never land on one of the live ones. */
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

/**
 * Copies the database at `liveFile` to the new file `target`: online backup into a temporary
 * file next to it, made self-contained (`journal_mode=DELETE`), verified read-only, then linked
 * into place — `target` is either absent or the complete, checked copy.
 *
 * @example
 *   const saved = await backupDatabase('/srv/tavla/data/tavla.db', '/backup/tavla-2026-05-01.db');
 *   console.log(describeBackup(saved));
 */
export async function backupDatabase(liveFile: string, target: string): Promise<BackupSummary> {
  const live = path.resolve(liveFile);
  const file = path.resolve(target);
  checkTarget(live, file);

  let source: BetterSqlite3.Database;
  try {
    source = new BetterSqlite3(live, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(
      'no_database',
      `cannot open the database ${live} (${(err as Error).message}); set DB_PATH or DATA_DIR`,
    );
  }
  const temp = path.join(
    path.dirname(file),
    `${path.basename(file)}.incomplete-${randomBytes(4).toString('hex')}`,
  );
  try {
    try {
      await source.backup(temp, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
    makeSelfContained(temp);
    const counts = verify(temp);
    syncFile(temp);
    publish(temp, file);
    return { file, bytes: fs.statSync(file).size, ...counts };
  } finally {
    for (const suffix of SIDE_FILES) fs.rmSync(`${temp}${suffix}`, { force: true });
  }
}

/** The refusals that need no database: missing folder, the live files, an existing file. */
function checkTarget(live: string, file: string): void {
  const folder = path.dirname(file);
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new BackupError('no_folder', `the folder ${folder} does not exist`);
  }
  // Compared through the folders' real paths (symlinks, `..`) and, for existing files, by inode
  // (a hard link or a symlink to the database is the database too).
  const real = (p: string) => {
    try {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return p;
    }
  };
  const liveStat = fs.statSync(live, { throwIfNoEntry: false });
  const fileStat = fs.statSync(file, { throwIfNoEntry: false });
  const sameInode =
    liveStat && fileStat && liveStat.dev === fileStat.dev && liveStat.ino === fileStat.ino;
  if (sameInode || SIDE_FILES.some((suffix) => real(file) === real(live) + suffix)) {
    throw new BackupError(
      'live_database',
      `${file} is the live database (${live}); write the backup to a new file`,
    );
  }
  // lstat: a dangling symlink is a name in use too.
  if (fs.lstatSync(file, { throwIfNoEntry: false })) {
    throw new BackupError(
      'exists',
      `${file} already exists; a backup never replaces a file, choose a new name`,
    );
  }
}

/**
 * The copy keeps the source's WAL flag in its header; in rollback-journal mode it is one file
 * that opens without a -wal/-shm beside it, also from a read-only medium.
 */
function makeSelfContained(temp: string): void {
  const db = new BetterSqlite3(temp, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Opens the copy read-only: it must be intact, self-contained and a Tavla database. */
function verify(temp: string): Omit<BackupSummary, 'file' | 'bytes'> {
  const db = new BetterSqlite3(temp, { readonly: true, fileMustExist: true });
  try {
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (row) => row.integrity_check,
    );
    if (problems.join() !== 'ok') {
      throw new BackupError('invalid', `the copy failed integrity_check: ${problems.join('; ')}`);
    }
    const mode = db.pragma('journal_mode', { simple: true });
    if (mode !== 'delete') {
      throw new BackupError('invalid', `the copy is in journal_mode ${String(mode)}, not delete`);
    }
    const tables = new Set(
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[],
    );
    if (!tables.has('schema_migrations')) {
      throw new BackupError(
        'invalid',
        'the copy has no schema_migrations table: the database is not a Tavla database',
      );
    }
    const count = (sql: string, ...needs: string[]) =>
      needs.every((t) => tables.has(t)) ? (db.prepare(sql).pluck().get() as number) : 0;
    return {
      agreements: count('SELECT count(*) FROM agreements', 'agreements'),
      documents: count(
        'SELECT count(*) FROM (SELECT doc_id FROM doc_snapshots UNION SELECT doc_id FROM doc_log)',
        'doc_snapshots',
        'doc_log',
      ),
      users: count('SELECT count(*) FROM users', 'users'),
    };
  } finally {
    db.close();
  }
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Gives the verified copy its name without ever replacing a file: link(2) fails with EEXIST
 * where rename(2) would overwrite one created since checkTarget. Filesystems without hard links
 * get a rename after a last existence check.
 */
function publish(temp: string, file: string): void {
  try {
    fs.linkSync(temp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new BackupError('exists', `${file} appeared during the backup; it was left as it is`);
    }
    if (fs.lstatSync(file, { throwIfNoEntry: false })) throw err;
    fs.renameSync(temp, file);
  }
  // The new directory entry survives a power loss only once the folder is synced (Linux).
  try {
    const dir = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  } catch {
    // Folders cannot be opened or synced on every platform (Windows); the file itself is synced.
  }
}

/** One line for the operator: `Saved /b/tavla.db: 1.2 MB (1234567 bytes); 1 agreement, ...`. */
export function describeBackup(s: BackupSummary): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return (
    `Saved ${s.file}: ${(s.bytes / 1e6).toFixed(1)} MB (${s.bytes} bytes); ` +
    `${n(s.agreements, 'agreement')}, ${n(s.documents, 'document')}, ${n(s.users, 'user')}; ` +
    'integrity ok.'
  );
}

/**
 * `tavla backup --to FILE`: exit code 0 saved, 1 refused or failed (nothing left under FILE),
 * 2 usage. `cwd` is the folder relative paths mean (the one the operator typed the command in).
 */
export async function runBackupCommand(
  args: string[],
  options: { dbFile: string; cwd: string; io: Pick<CliIo, 'out' | 'err'> },
): Promise<number> {
  const { io } = options;
  let to: string | undefined;
  try {
    ({
      values: { to },
    } = parseArgs({ args, strict: true, options: { to: { type: 'string' } } }));
  } catch (err) {
    // parseArgs throws TypeError with code ERR_PARSE_ARGS_* for unknown or malformed options.
    io.err(`tavla: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (to === undefined || to.trim() === '') {
    io.err(`tavla: --to is required\n\n${USAGE}`);
    return 2;
  }
  try {
    const saved = await backupDatabase(options.dbFile, path.resolve(options.cwd, to));
    io.out(describeBackup(saved));
    return 0;
  } catch (err) {
    const refused = err instanceof BackupError && err.code !== 'invalid';
    io.err(`tavla: backup ${refused ? 'refused' : 'failed'}: ${(err as Error).message}`);
    return 1;
  }
}
