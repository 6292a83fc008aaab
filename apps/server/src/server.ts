import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { createApp } from './app.js';
import { type Auth, type AuthOptionsInput, createAuth, type DemoAccount } from './auth/index.js';
import type { Config } from './config.js';
import { checkpoint, type Database, openDatabase, runMigrations } from './db/database.js';
import { createLogger, type Logger } from './log.js';
import { storageMigrations } from './storage/migrations.js';
import { SqliteDocStorage } from './storage/sqlite.js';
import type { DocStorage } from './storage/types.js';
import { CloseCode } from './sync/closeCodes.js';
import { SyncGateway } from './sync/gateway.js';
import type { DocHooks } from './sync/hooks.js';
import { DocRegistry } from './sync/registry.js';

export interface StartOptions {
  config: Config;
  log?: Logger;
  /** Extra options for the auth module (tests pass cheap scrypt parameters). */
  authOptions?: AuthOptionsInput;
  /** Wraps the SQLite storage (tests inject failures); default: as is. */
  wrapStorage?: (storage: DocStorage) => DocStorage;
  hooks?: DocHooks;
}

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  config: Config;
  db: Database;
  auth: Auth;
  storage: DocStorage;
  registry: DocRegistry;
  gateway: SyncGateway;
  log: Logger;
  /** Demo accounts seeded (or found) at start; empty when SEED=none. */
  demoAccounts: DemoAccount[];
  /** Whether the demo accounts exist while listening on a non-loopback address. */
  demoExposed: boolean;
  /**
   * Graceful shutdown [S5]: stop accepting, close sockets with 1001, store every pending update,
   * compact, checkpoint and close the database. Resolves true when everything was stored.
   */
  shutdown(): Promise<boolean>;
}

const DEMO_EMAILS = ['koordinator@fylke.example', 'radgiver@ipr.example', 'leder@fylke.example'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * Opens the database, runs migrations, seeds (SEED=demo), and listens. Everything the process
 * does lives in the returned object; tests start one per test on port 0.
 *
 * @example
 * const server = await startServer({ config: loadConfig(process.env) });
 * process.on('SIGTERM', () => server.shutdown().then(() => process.exit(0)));
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const log = options.log ?? createLogger({ level: config.logLevel });
  const db = openDatabase(config.dbFile);
  let shuttingDown = false;
  try {
    runMigrations(db, storageMigrations);
  } catch (err) {
    db.close();
    throw err;
  }
  const auth = createAuth(db, { allowedOrigins: config.allowedOrigins, ...options.authOptions });
  const sqlite = new SqliteDocStorage(db);
  const storage = options.wrapStorage ? options.wrapStorage(sqlite) : sqlite;

  let demoAccounts: DemoAccount[] = [];
  if (config.seed === 'demo') demoAccounts = await seedDemo(auth, storage, log);
  const demoExposed =
    !isLoopback(config.host) && DEMO_EMAILS.some((e) => auth.accounts.userByEmail(e) !== null);

  const registry = new DocRegistry({
    storage,
    limits: config.limits,
    timings: config.sync,
    log,
    hooks: options.hooks,
  });
  const gateway = new SyncGateway({
    registry,
    auth,
    limits: config.limits,
    timings: config.sync,
    log,
  });
  // Access is checked on the upgrade; these keep open sockets honest afterwards.
  auth.onCredentialRevoked(({ sessionIds, tokenIds }) => {
    for (const conn of [...gateway.conns]) {
      const p = conn.principal;
      if (
        (p.sessionId && sessionIds.includes(p.sessionId)) ||
        (p.tokenId && tokenIds.includes(p.tokenId))
      ) {
        conn.close(CloseCode.UNAUTHENTICATED, 'credential revoked');
      }
    }
  });
  auth.onAccessChange((userId, agreementId, role) => {
    for (const conn of [...gateway.conns]) {
      if (conn.principal.userId !== userId || conn.docId !== agreementId) continue;
      if (role === null) conn.close(CloseCode.NOT_FOUND, 'access removed');
      else if (role !== conn.role) conn.close(CloseCode.TRY_AGAIN_LATER, 'role changed');
    }
  });

  const app = createApp({
    apiRoutes: auth.routes,
    gateway,
    isHealthy: () => db.open && !shuttingDown,
    webDist: config.webDist,
    log,
  });
  const wss = new WebSocketServer({
    noServer: true,
    // [L1] ws defaults to 100 MiB frames; larger frames than this close with 1009.
    maxPayload: config.limits.maxPayloadBytes,
    // Compression costs CPU per frame per peer; edits are small.
    perMessageDeflate: false,
  });
  const httpServer = createAdaptorServer({
    fetch: app.fetch,
    hostname: config.host,
    websocket: { server: wss },
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const port = address.port;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl}:${port}`;
  log.info('listening', { url, dataDir: config.dataDir, seed: config.seed });

  let shutdownPromise: Promise<boolean> | null = null;
  const shutdown = (): Promise<boolean> => {
    shutdownPromise ??= (async () => {
      const started = Date.now();
      const deadline = started + config.sync.shutdownTimeoutMs;
      shuttingDown = true;
      gateway.stopAccepting();
      httpServer.close();
      if ('closeIdleConnections' in httpServer) httpServer.closeIdleConnections();
      const stored = await registry.shutdown(deadline);
      try {
        checkpoint(db);
      } catch (err) {
        log.error('checkpoint failed', { error: err as Error });
      }
      db.close();
      wss.close();
      if ('closeAllConnections' in httpServer) httpServer.closeAllConnections();
      log.info('stopped', { ms: Date.now() - started, allStored: stored });
      return stored;
    })();
    return shutdownPromise;
  };

  return {
    url,
    port,
    config,
    db,
    auth,
    storage,
    registry,
    gateway,
    log,
    demoAccounts,
    demoExposed,
    shutdown,
  };
}

/**
 * SEED=demo: the demo accounts (auth module, idempotent) and the Tromsvekstavtalen document,
 * stored as a snapshot only when nothing is stored for it yet — a restart never seeds twice
 * and never overwrites edits [S4].
 */
async function seedDemo(auth: Auth, storage: DocStorage, log: Logger): Promise<DemoAccount[]> {
  const accounts = await auth.seedDemo();
  // Loaded only when seeding: the server itself never needs the document model in memory.
  const { seedTromsvekstavtalen, TROMSVEKSTAVTALEN_ID } = await import('@tavla/domain');
  if (!(await storage.has(TROMSVEKSTAVTALEN_ID))) {
    const doc = new Y.Doc();
    seedTromsvekstavtalen(doc, { agreementId: TROMSVEKSTAVTALEN_ID, demoMeasures: true });
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await storage.writeSnapshot(TROMSVEKSTAVTALEN_ID, state, 0);
    log.info('seeded agreement document', { doc: TROMSVEKSTAVTALEN_ID, bytes: state.byteLength });
  }
  return accounts;
}
