import { type ChildProcess, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createAuth } from '../auth/index.js';
import { FAST_SCRYPT } from '../auth/testing.js';
import { openDatabase, runMigrations } from '../db/database.js';
import { storageMigrations } from '../storage/migrations.js';
import { SqliteDocStorage } from '../storage/sqlite.js';
import { TestContext, type TestUser, until } from './harness.js';
import { freePort, LAUNCHER, spawnServer as spawnChild } from './childServer.js';
import { RawPeer } from './rawPeer.js';

/**
 * The real process (`bin/tavla-server`, as `pnpm start` runs it) with a temporary DATA_DIR,
 * killed and restarted: [D1] under SIGKILL and [S5] under SIGTERM; and [P5] its settings.
 */

const ctx = new TestContext();
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  await ctx.cleanup();
});

/** Creates agreements, users and tokens in the database file before the server starts. */
function prepare(dataDir: string, agreements: string[], users: number): TestUser[] {
  const db = openDatabase(path.join(dataDir, 'tavla.db'));
  runMigrations(db, storageMigrations);
  const auth = createAuth(db, { scrypt: FAST_SCRYPT });
  for (const id of agreements) auth.accounts.createAgreement({ id, title: id });
  const out: TestUser[] = [];
  for (let i = 0; i < users; i++) {
    const user = auth.accounts.createUser({
      email: `p${i}@test.example`,
      name: `P${i}`,
      passwordHash: null,
    });
    for (const id of agreements) {
      auth.accounts.addMembership({ agreementId: id, userId: user.id, role: 'editor' });
    }
    const { token } = auth.service.createToken(user.id, 'process test');
    out.push({ id: user.id, name: `P${i}`, token, headers: { authorization: `Bearer ${token}` } });
  }
  db.close();
  return out;
}

function spawnServer(dataDir: string, port: number, env: Record<string, string> = {}) {
  return spawnChild(children, dataDir, port, env);
}

function integrityCheck(dataDir: string): string {
  const db = openDatabase(path.join(dataDir, 'tavla.db'));
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check;
  } finally {
    db.close();
  }
}

async function readStored(dataDir: string, docId: string) {
  const db = openDatabase(path.join(dataDir, 'tavla.db'));
  try {
    const stored = await new SqliteDocStorage(db).load(docId);
    const doc = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored?.updates ?? []) Y.applyUpdate(doc, u);
    return { doc, logEntries: stored?.updates.length ?? 0, snapshot: stored?.snapshot ?? null };
  } finally {
    db.close();
  }
}

describe('the server process', () => {
  it('[D1] SIGKILL while clients write loses nothing any other client had received', async () => {
    const dataDir = ctx.dir();
    const users = prepare(dataDir, ['crash'], 5);
    const port = await freePort();
    const first = await spawnServer(dataDir, port);
    const providers: WebsocketProvider[] = users.map((u) => ctx.provider(first, 'crash', u));
    await until(() => providers.every((p) => p.synced), { message: 'all synced' });

    // Four writers add keys every few ms; provider 4 only watches.
    const writers = providers.slice(0, 4);
    let n = 0;
    const timer = setInterval(() => {
      n++;
      for (const [w, p] of writers.entries()) {
        p.doc.getMap('m').set(`w${w}-${n}`, n);
        if (n % 7 === 0) p.doc.getText('t').insert(0, `${w}`);
      }
    }, 3);
    await until(() => providers[4]!.doc.getMap('m').size > 200, { message: 'writes flowing' });
    first.child.kill('SIGKILL');
    await first.exited;
    clearInterval(timer);
    await until(() => providers.every((p) => !p.wsconnected), { message: 'all disconnected' });

    // Everything a client had received from someone else...
    const seenByOthers = new Set<string>();
    for (const [i, p] of providers.entries()) {
      for (const key of p.doc.getMap('m').keys()) {
        if (!key.startsWith(`w${i}-`)) seenByOthers.add(key);
      }
    }
    expect(seenByOthers.size).toBeGreaterThan(200);
    expect(integrityCheck(dataDir)).toBe('ok');
    // ...is on disk, before any client had a chance to resend it.
    const { doc: stored } = await readStored(dataDir, 'crash');
    const missing = [...seenByOthers].filter((k) => !stored.getMap('m').has(k));
    expect(missing).toEqual([]);

    // Restart on the same port: the providers reconnect by themselves and converge, with
    // every write of every writer (the server's gaps are resent through sync).
    const second = await spawnServer(dataDir, port);
    const total = 4 * n;
    const keys = (p: WebsocketProvider) => [...p.doc.getMap('m').keys()].sort().join(',');
    await until(
      () =>
        providers.every(
          (p) => p.doc.getMap('m').size === total && keys(p) === keys(providers[0]!),
        ) &&
        providers.every(
          (p) => p.doc.getText('t').toString() === providers[0]!.doc.getText('t').toString(),
        ),
      { timeout: 20_000, message: 'reconnected clients converge' },
    );
    const fresh = ctx.provider(second, 'crash', users[4]!);
    await until(() => fresh.synced && fresh.doc.getMap('m').size === total);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    expect(integrityCheck(dataDir)).toBe('ok');
  });

  it('[S5] SIGTERM with many dirty documents stores all and exits 0 within 5 s', async () => {
    const dataDir = ctx.dir();
    const docs = Array.from({ length: 20 }, (_, i) => `doc-${i}`);
    const [user] = prepare(dataDir, docs, 1);
    const port = await freePort();
    // A long group-commit window keeps every document's updates pending at SIGTERM.
    const server = await spawnServer(dataDir, port, {
      GROUP_COMMIT_DELAY_MS: '2000',
      MAX_CONNECTIONS_PER_USER: '100',
    });
    const wsBase = server.url.replace('http', 'ws');
    const peers = docs.map((d) => RawPeer.connect(`${wsBase}/ws/${d}`, user!.headers));
    await Promise.all(peers.map((p) => p.opened));
    for (const p of peers) p.sendStep1();
    await until(() => peers.every((p) => p.count(0, 1) === 1), { message: 'step 2 for all' });
    for (const [i, p] of peers.entries()) {
      for (let k = 0; k < 30; k++) p.change((d) => d.getMap('m').set(`k${k}`, `${i}-${k}`));
      // Awareness is answered at once: its echo proves the server has read the updates.
      p.sendAwareness([{ clientId: p.doc.clientID, clock: 1, state: { barrier: true } }]);
    }
    await until(() => peers.every((p) => p.awarenessStates.has(p.doc.clientID)), {
      message: 'updates received by the server',
    });
    // Nothing was broadcast yet: all of it is pending.
    const started = Date.now();
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    const elapsed = Date.now() - started;
    expect(code).toBe(0);
    expect(elapsed).toBeLessThan(5_000);
    await until(() => peers.every((p) => p.closeCode !== null), { message: 'sockets closed' });
    expect(peers.map((p) => p.closeCode)).toEqual(peers.map(() => 1001));
    expect(integrityCheck(dataDir)).toBe('ok');
    for (const [i, id] of docs.entries()) {
      const { doc, logEntries, snapshot } = await readStored(dataDir, id);
      expect(doc.getMap('m').size).toBe(30);
      expect(doc.getMap('m').get('k29')).toBe(`${i}-29`);
      // Compacted on the way out.
      expect(snapshot).not.toBeNull();
      expect(logEntries).toBe(0);
    }
  });

  it('[P5] the launcher runs node itself (same pid) with the memory settings', async () => {
    const dataDir = ctx.dir();
    const server = await spawnServer(dataDir, await freePort());
    const pid = server.child.pid!;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(argv[0]).toBe(process.execPath);
    expect(argv).toContain('--max-semi-space-size=1');
    expect(argv.some((a) => a.endsWith(path.join('dist', 'tavla-server.mjs')))).toBe(true);
    const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(env).toContain('MALLOC_ARENA_MAX=2');
    expect(env).toContain('MALLOC_MMAP_THRESHOLD_=131072');
    // A signal to the launched pid reaches the server (no shell in between).
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('[P7] the launcher says what is missing when the server was not built', () => {
    // A copy of the launcher in a package with no dist/: what a checkout before its build has.
    const pkg = ctx.dir();
    mkdirSync(path.join(pkg, 'bin'));
    copyFileSync(LAUNCHER, path.join(pkg, 'bin', 'tavla-server'));
    const run = spawnSync('/bin/sh', [path.join(pkg, 'bin', 'tavla-server')], {
      env: { ...process.env, NODE: process.execPath },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/dist\/tavla-server\.mjs is missing: build the server first/);
  });
});
