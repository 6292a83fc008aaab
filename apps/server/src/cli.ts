#!/usr/bin/env node
import { runAdminCommand } from './accounts/adminCli.js';
import { authOptionsFromEnv, createAuth } from './auth/index.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';

/**
 * `tavla` administration CLI (`pnpm tavla <command>`); see accounts/adminCli.ts for commands.
 * Works on the same SQLite file as the server (WAL: safe while the server runs).
 */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const db = openDatabase(config.dbFile);
  try {
    const auth = createAuth(db, {
      ...authOptionsFromEnv(process.env),
      allowedOrigins: config.allowedOrigins,
    });
    return await runAdminCommand(auth, process.argv.slice(2), {
      readStdin,
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
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
