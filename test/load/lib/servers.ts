// Starting the three servers under test, each as its own child process on a random loopback
// port, so that its CPU and memory are measured apart from the load generator (this process).
import { type ChildProcess, spawn } from 'node:child_process';

import { existsSync, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * reference: @y/websocket-server; relay: forwards frames and does nothing else (the floor);
 * durable-relay: the relay writing every update to SQLite as Tavla does before forwarding it (the
 * floor under DESIGN.md's durability rule, servers/relay.mjs); tavla: our server as deployed.
 */
export type ServerKind = 'reference' | 'relay' | 'durable-relay' | 'tavla';

export const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
/** The server package to run; BENCH_TAVLA_DIR points at another build (A/B of two commits). */
const tavlaDir = process.env.BENCH_TAVLA_DIR
  ? resolve(process.env.BENCH_TAVLA_DIR)
  : join(repoRoot, 'apps/server');
export const tavlaMain = join(tavlaDir, 'dist/tavla-server.mjs');
/** How production starts it (`pnpm start`): node with the server's memory settings. */
export const tavlaLauncher = join(tavlaDir, 'bin/tavla-server');
/** The administration CLI (`pnpm tavla ...` runs this after building). */
export const tavlaCli = join(tavlaDir, 'dist/cli.js');

export const TAVLA_AGREEMENT = 'tromsvekstavtalen';
export const DEMO_EMAIL = 'koordinator@fylke.example';
export const DEMO_PASSWORD = 'tavla-demo';

export interface RunningServer {
  kind: ServerKind;
  pid: number;
  port: number;
  /** Websocket URL of the room used by the bench. */
  wsUrl: string;
  /** Headers to pass on the websocket upgrade (session cookie for Tavla). */
  headers: Record<string, string>;
  /** Where the server's stdout/stderr went (Tavla), for the report on failure. */
  logFile?: string;
  /** Tavla's data directory (SQLite database and log). */
  dataDir?: string;
  stop(): Promise<number | null>;
}

export interface StartOptions {
  /** Extra node flags for the server child, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/x']. */
  nodeFlags?: string[];
  /** Room name for reference and relay (Tavla always uses its seeded agreement). */
  room?: string;
  /**
   * Tavla: run on this existing data directory (a restart) instead of a fresh temporary one;
   * it is then the caller's to remove.
   */
  dataDir?: string;
  /** Tavla: keep its data directory when it stops (the caller removes it). */
  keepData?: boolean;
  /** Tavla: extra environment, e.g. { LOG_LEVEL: 'debug' }. */
  env?: Record<string, string>;
}

/** Children still running, killed if the bench itself is stopped or crashes. */
const live = new Set<ChildProcess>();
let cleanupInstalled = false;
function track(child: ChildProcess) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const c of live) c.kill('SIGKILL');
      process.exit(130);
    });
  }
}

function waitExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((res) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      res(code);
    });
  });
}

async function startForked(
  kind: 'reference' | 'relay' | 'durable-relay',
  opts: StartOptions,
): Promise<RunningServer> {
  const durable = kind === 'durable-relay';
  const script = join(here, '..', 'servers', `${durable ? 'relay' : kind}.mjs`);
  // The durable relay's database, in a fresh folder of its own like Tavla's DATA_DIR.
  const dataDir = durable ? mkdtempSync(join(tmpdir(), 'tavla-bench-relay-')) : undefined;
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), script], {
    cwd: join(here, '..'),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: dataDir ? { ...process.env, RELAY_DB: join(dataDir, 'relay.db') } : process.env,
  });
  if (dataDir) child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  track(child);
  const port = await new Promise<number>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${kind} did not start within 15 s`)), 15_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      res((m as { port: number }).port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`${kind} exited with ${code} before listening`));
    });
  });
  const room = opts.room ?? 'bench';
  return {
    kind,
    pid: child.pid!,
    port,
    wsUrl: `ws://127.0.0.1:${port}/ws/${room}`,
    headers: {},
    async stop() {
      child.kill('SIGTERM');
      const code = await waitExit(child, 5000);
      if (child.connected) child.disconnect();
      return code;
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export function tavlaAvailable(): boolean {
  return existsSync(tavlaMain);
}

async function sleep(ms: number) {
  await new Promise((r) => setTimeout(r, ms));
}

/** Logs in as the demo coordinator and returns the `tavla_session` cookie pair. */
export async function tavlaLogin(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status !== 200) {
    throw new Error(`Tavla login failed: ${res.status} ${await res.text()}`);
  }
  const setCookies = res.headers.getSetCookie();
  for (const c of setCookies) {
    const pair = c.split(';')[0]!;
    if (pair.startsWith('tavla_session=')) return pair;
  }
  throw new Error(`Tavla login set no tavla_session cookie: ${JSON.stringify(setCookies)}`);
}

async function startTavla(opts: StartOptions): Promise<RunningServer> {
  const port = await freePort();
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'tavla-bench-'));
  const logFile = join(dataDir, 'server.log');
  const fd = openSync(logFile, 'a');
  // The launcher execs node (same pid) with the flags and environment production uses.
  const child = spawn('/bin/sh', [tavlaLauncher], {
    cwd: dirname(dirname(tavlaMain)),
    env: {
      ...process.env,
      NODE: process.execPath,
      TAVLA_NODE_FLAGS: (opts.nodeFlags ?? []).join(' '),
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED: 'demo',
      ...benchLimits,
      ...opts.env,
      // Extra server settings for experiments, e.g. TAVLA_BENCH_ENV='{"COALESCE_UPDATES":"0"}'.
      ...(process.env.TAVLA_BENCH_ENV ? JSON.parse(process.env.TAVLA_BENCH_ENV) : {}),
    },
    stdio: ['ignore', fd, fd],
  });
  track(child);
  closeSync(fd);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  let healthy = false;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const r = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) {
        healthy = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  if (!healthy) {
    child.kill('SIGKILL');
    throw new Error(`Tavla did not become healthy (log: ${logFile})`);
  }
  const cookie = await tavlaLogin(base);
  return {
    kind: 'tavla',
    pid: child.pid!,
    port,
    wsUrl: `ws://127.0.0.1:${port}/ws/${TAVLA_AGREEMENT}`,
    headers: { cookie },
    logFile,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      const code = await waitExit(child, 10_000);
      if (ownDir && !opts.keepData && !process.env.BENCH_KEEP_DATA) {
        rmSync(dataDir, { recursive: true, force: true });
      }
      return code;
    },
  };
}

/**
 * Limits raised for the bench (env names of apps/server/src/config.ts): all bench clients are
 * one demo user on one address, which the defaults (20 per user, 200 per IP) would refuse.
 * Everything else (payload, rate limits, group commit, coalescing) stays at its default.
 */
export const benchLimits: Record<string, string> = {
  MAX_CONNECTIONS_PER_USER: '1000',
  MAX_CONNECTIONS_PER_IP: '1000',
  WEB_DIST: 'none',
};

export function startServer(kind: ServerKind, opts: StartOptions = {}): Promise<RunningServer> {
  return kind === 'tavla' ? startTavla(opts) : startForked(kind, opts);
}
