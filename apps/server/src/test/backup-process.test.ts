import { type ChildProcess, execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createMeasure, listFocusAreas, listMeasures } from '@tavla/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, spawnServer } from './childServer.js';
import { synced, TestContext, until } from './harness.js';

/**
 * [D9] `tavla backup` (the built CLI, as `pnpm tavla backup` runs it) against the real server
 * process while it writes, and a new server restored from nothing but the backup file.
 */

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli.js');
const ctx = new TestContext();
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  await ctx.cleanup();
});

async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password: 'tavla-demo' }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

function board(server: { url: string }, cookie: string) {
  return ctx.provider(server, 'tromsvekstavtalen', null, {
    headers: { cookie, origin: server.url },
  });
}

describe('backup of the running server', () => {
  it('[D9] a backup taken while the server writes restores every edit acknowledged before it', async () => {
    const dataDir = ctx.dir();
    const server = await spawnServer(children, dataDir, await freePort(), { SEED: 'demo' });
    const cookie = await login(server.url, 'radgiver@ipr.example');
    const writer = board(server, cookie);
    const watcher = board(server, await login(server.url, 'koordinator@fylke.example'));
    await synced(writer);
    await synced(watcher);
    const focusAreaId = listFocusAreas(writer.doc)[0]!.id;
    const seeded = listMeasures(watcher.doc).length;
    const titles = (p: typeof watcher) => new Set(listMeasures(p.doc).map((m) => m.title));

    // The writer keeps adding measures before, during and after the backup, so the server is
    // committing (to the WAL; its checkpoint waits for a pause) all the while.
    let n = 0;
    const add = () => {
      createMeasure(writer.doc, {
        focusAreaId,
        columnId: 'col-idea',
        title: `Backup-tiltak ${++n}`,
      });
    };
    const timer = setInterval(add, 5);
    try {
      await until(() => listMeasures(watcher.doc).length >= seeded + 20, {
        message: 'edits reach the other client',
      });
      // What another client has received is on disk ([D1]): the backup must contain it.
      const acknowledged = [...titles(watcher)].filter((t) => t.startsWith('Backup-tiltak'));
      expect(fs.statSync(path.join(dataDir, 'tavla.db-wal')).size).toBeGreaterThan(0);

      const backupDir = ctx.dir();
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [CLI, 'backup', '--to', 'tavla-backup.db'],
        // INIT_CWD: the folder the operator typed `pnpm tavla` in (pnpm runs it in apps/server).
        { env: { ...process.env, INIT_CWD: backupDir, DATA_DIR: dataDir, DB_PATH: '' } },
      );
      const file = path.join(backupDir, 'tavla-backup.db');
      expect(stdout).toMatch(
        new RegExp(`^Saved ${file}: .* MB \\(\\d+ bytes\\); 1 agreement, 1 document, 3 users;`),
      );
      expect(n).toBeGreaterThan(acknowledged.length);
      clearInterval(timer);

      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);

      // A new installation with only the backup: no seed, so the accounts come from the file.
      const restoredDir = ctx.dir();
      fs.copyFileSync(file, path.join(restoredDir, 'tavla.db'));
      expect(fs.readdirSync(restoredDir)).toEqual(['tavla.db']);
      const restored = await spawnServer(children, restoredDir, await freePort(), {
        SEED: 'none',
      });
      const reader = board(restored, await login(restored.url, 'leder@fylke.example'));
      await synced(reader);
      const back = titles(reader);
      expect(acknowledged.filter((t) => !back.has(t))).toEqual([]);
      expect(listMeasures(reader.doc).length).toBeGreaterThanOrEqual(seeded + acknowledged.length);
      restored.child.kill('SIGTERM');
      expect((await restored.exited).code).toBe(0);
    } finally {
      clearInterval(timer);
    }
  });
});
