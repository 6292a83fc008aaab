import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { until } from './harness.js';

/**
 * The real process for tests that kill it, started as production starts it (`pnpm start`:
 * `bin/tavla-server`, which execs node on the bundle dist/tavla-server.mjs, same pid): a free port, a temporary
 * DATA_DIR of the test's, no seed and no web app unless `env` says otherwise.
 */
export const LAUNCHER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../bin/tavla-server',
);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Starts the server and waits for /api/health; `children` collects it for the test's cleanup. */
export async function spawnServer(
  children: ChildProcess[],
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
) {
  const child = spawn('/bin/sh', [LAUNCHER], {
    env: {
      ...process.env,
      NODE: process.execPath,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED: 'none',
      WEB_DIST: 'none',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      return (await fetch(`${url}/api/health`)).status === 200;
    },
    { timeout: 15_000, interval: 25, message: 'server health' },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, url, exited, output: () => output };
}
