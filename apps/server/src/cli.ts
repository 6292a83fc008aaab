#!/usr/bin/env node
import { type CliIo, runAdminCommand } from './accounts/adminCli.js';
import { authOptionsFromEnv, createAuth } from './auth/index.js';
import { loadConfig } from './config.js';
import { runBackupCommand } from './db/backup.js';
import { openDatabase } from './db/database.js';

/**
 * `tavla` administration CLI (`pnpm tavla <command>`); see accounts/adminCli.ts for commands
 * and db/backup.ts for `backup`. Works on the same SQLite file as the server (WAL: safe while
 * the server runs).
 */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const io: CliIo = {
  readStdin,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'backup') {
    // Reads the database file only: no auth module, and openDatabase would create and migrate
    // a missing database instead of reporting it. Relative paths as in loadConfig (INIT_CWD:
    // the folder `pnpm tavla` was typed in, not apps/server).
    return runBackupCommand(rest, {
      dbFile: config.dbFile,
      cwd: process.env.INIT_CWD || process.cwd(),
      io,
    });
  }
  const db = openDatabase(config.dbFile);
  try {
    const auth = createAuth(db, {
      ...authOptionsFromEnv(process.env),
      allowedOrigins: config.allowedOrigins,
    });
    return await runAdminCommand(auth, process.argv.slice(2), io);
  } finally {
    db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`tavla: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
