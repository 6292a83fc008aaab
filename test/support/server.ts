// Starts the real, built Tavla server as a child process on a free loopback port with its own
// temporary data folder, for integration and browser tests. The harness owns its lifetime.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// What production runs: the one-file bundle of the server (bin/tavla-server, [P7]).
export const serverMain = join(repoRoot, 'apps', 'server', 'dist', 'tavla-server.mjs');
export const webDist = join(repoRoot, 'apps', 'web', 'dist');

export interface TavlaServer {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Stops the server (SIGTERM, or the given signal) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts a new server process on the same port and data folder. */
  restart(): Promise<TavlaServer>;
  /** Stops the server and removes its data folder. */
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export interface StartOptions {
  seed?: 'demo' | 'none';
  env?: Record<string, string>;
  dataDir?: string;
  port?: number;
}

export async function startServer(options: StartOptions = {}): Promise<TavlaServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tavla-test-'));
  const port = options.port ?? (await freePort());
  let log = '';
  const child = spawn(process.execPath, [serverMain], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED: options.seed ?? 'demo',
      WEB_DIST: webDist,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy within 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const server: TavlaServer = {
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    port,
    dataDir,
    child,
    output: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async restart() {
      await server.stop();
      return startServer({ ...options, dataDir, port });
    },
    async dispose() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Logs in through the REST API and returns the session cookie (`name=value`). */
export async function login(url: string, email: string, password = 'tavla-demo'): Promise<string> {
  let res: Response | undefined;
  // After a restart on the same port, fetch's keep-alive pool may still hold a socket to the old
  // process; the request on it fails at once, and a new attempt opens a fresh connection.
  for (let attempt = 0; !res; attempt++) {
    try {
      res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ email, password }),
      });
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  if (!res.ok) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tavla_session='));
  if (!cookie) throw new Error('login set no tavla_session cookie');
  return cookie.split(';')[0] as string;
}

export const demo = {
  admin: 'koordinator@fylke.example',
  editor: 'radgiver@ipr.example',
  viewer: 'leder@fylke.example',
  agreementId: 'tromsvekstavtalen',
} as const;

/** Polls `check` until it returns true (or a value), failing with `message` after `timeoutMs`. */
export async function until<T>(
  check: () => T | Promise<T>,
  message: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`${message} (timed out after ${timeoutMs} ms)${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
