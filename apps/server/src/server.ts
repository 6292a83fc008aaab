import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { initAgreement, migrate, readMeta } from '@tavla/domain';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { ActivityLog } from './activity/log.js';
import { activityMigrations } from './activity/migrations.js';
import { ActivityTracker } from './activity/tracker.js';
import { createApp } from './app.js';
import { type Auth, type AuthOptionsInput, createAuth, type DemoAccount } from './auth/index.js';
import type { Config } from './config.js';
import { checkpoint, type Database, openDatabase, runMigrations } from './db/database.js';
import { registerActivityRoutes } from './http/activityRoutes.js';
import type { ApiApp } from './http/context.js';
import { registerReadModelRoutes } from './http/readModelRoutes.js';
import { routeContext } from './http/routes.js';
import { clientIp } from './http/requestInfo.js';
import { createLogger, type Logger } from './log.js';
import { demoPeople } from './seed/demo.js';
import { readModelMigrations } from './readmodel/migrations.js';
import { ReadModel } from './readmodel/readModel.js';
import { storageMigrations } from './storage/migrations.js';
import { SqliteDocStorage } from './storage/sqlite.js';
import type { DocStorage } from './storage/types.js';
import { CloseCode } from './sync/closeCodes.js';
import type { Connection } from './sync/connection.js';
import { SyncGateway } from './sync/gateway.js';
import { composeHooks, type DocHooks } from './sync/hooks.js';
import { DocRegistry } from './sync/registry.js';
import type { Role } from './sync/types.js';

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
  /** Issue 4: agreement documents projected into SQL tables. */
  readModel: ReadModel;
  /** Issue 5: who changed what in the documents. */
  activity: ActivityLog;
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
    runMigrations(db, readModelMigrations);
    runMigrations(db, activityMigrations);
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

  const readModel = new ReadModel({
    db,
    storage,
    log,
    delayMs: config.sync.projectionDelayMs,
  });
  // [RM3] before serving: nothing is loaded yet, so nothing races the rebuild.
  await readModel.rebuild();
  const activity = new ActivityLog(db);
  const tracker = new ActivityTracker(activity, cachedNames(auth), log);
  const registry = new DocRegistry({
    storage,
    limits: config.limits,
    timings: config.sync,
    log,
    // Fixed order [S7]: observers first, so they see what the setup (migration) changes.
    hooks: composeHooks(
      readModel.hooks,
      tracker.hooks,
      documentSetupHooks(auth, log),
      options.hooks,
    ),
  });
  const gateway = new SyncGateway({
    registry,
    auth,
    limits: config.limits,
    timings: config.sync,
    log,
    // [L4] per client: behind a trusted proxy, the address it forwarded, not its own.
    clientAddress: (c) => clientIp(c, auth.options.trustProxy),
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
  // [A7] a removed membership closes with 4404, another role with 1013 (reconnect as that role).
  const applyRole = (conn: Connection, role: Role | null) => {
    if (role === null) conn.close(CloseCode.NOT_FOUND, 'access removed');
    else if (role !== conn.role) conn.close(CloseCode.TRY_AGAIN_LATER, 'role changed');
  };
  // [A8] sessions also simply expire: sockets do not outlive them by more than one interval.
  // Memberships are checked again too: the CLI changes them from another process, whose
  // changes no listener here hears of.
  const sessionCheck = setInterval(() => {
    for (const conn of [...gateway.conns]) {
      if (conn.closed) continue;
      // The sync layer's Principal is the auth principal it was given, seen through a subset.
      const principal = conn.principal as Parameters<Auth['isStillValid']>[0];
      if (!auth.isStillValid(principal)) {
        conn.close(CloseCode.UNAUTHENTICATED, 'session expired');
        continue;
      }
      applyRole(conn, auth.roleFor(principal.userId, conn.docId));
    }
  }, config.sync.sessionCheckIntervalMs);
  sessionCheck.unref();
  auth.onAccessChange((userId, agreementId, role) => {
    for (const conn of [...gateway.conns]) {
      if (conn.principal.userId === userId && conn.docId === agreementId) applyRole(conn, role);
    }
  });

  const apiContext = routeContext(auth.service);
  registerReadModelRoutes(auth.routes as unknown as ApiApp, apiContext, readModel, {
    timeZone: config.timeZone,
  });
  registerActivityRoutes(auth.routes as unknown as ApiApp, apiContext, activity);
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
    serverOptions: httpTimeouts(config.limits),
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
      clearInterval(sessionCheck);
      gateway.stopAccepting();
      httpServer.close();
      if ('closeIdleConnections' in httpServer) httpServer.closeIdleConnections();
      const stored = await registry.shutdown(deadline);
      readModel.close();
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
    readModel,
    activity,
    log,
    demoAccounts,
    demoExposed,
    shutdown,
  };
}

/**
 * [L11] Node's request timeouts, from the configuration. Node enforces them by checking every
 * `connectionsCheckingInterval` (default 30 s, which would let a stalled request live up to
 * 30 s past its timeout); a check only walks the connections with a request in flight, so once
 * a second (or a quarter of a shorter timeout) costs nothing. Node stops timing a connection
 * once its request has arrived (the answer may take as long as the reader needs) and when it
 * is upgraded (a websocket lives for hours).
 */
function httpTimeouts(limits: Pick<Config['limits'], 'headersTimeoutMs' | 'requestTimeoutMs'>) {
  const on = [limits.headersTimeoutMs, limits.requestTimeoutMs].filter((ms) => ms > 0);
  const shortest = on.length > 0 ? Math.min(...on) : 4_000;
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(shortest / 4))),
  };
}

/** How long a display name looked up for the activity log is reused. */
const NAME_CACHE_MS = 1_000;

/**
 * Display names for the activity log ([AL1]: the name at the time). The tracker asks once per
 * document transaction, i.e. per keystroke; an SQL lookup each time was ~10% of the server's
 * main-thread time under load (docs/performance.md), so a name is reused for a second.
 */
function cachedNames(auth: Auth): (userId: string) => string | null {
  const cache = new Map<string, { name: string | null; at: number }>();
  return (userId) => {
    const now = Date.now();
    const hit = cache.get(userId);
    if (hit && now - hit.at < NAME_CACHE_MS) return hit.name;
    if (cache.size >= 1000) cache.clear();
    const name = auth.accounts.user(userId)?.name ?? null;
    cache.set(userId, { name, at: now });
    return name;
  };
}

/**
 * SEED=demo: the demo accounts (auth module, idempotent) and the Tromsvekstavtalen document,
 * its demo measures owned (and their status updates and comments written) by those accounts,
 * stored as a snapshot only when nothing is stored for it yet — a restart never seeds twice and
 * never overwrites edits [S4].
 */
async function seedDemo(auth: Auth, storage: DocStorage, log: Logger): Promise<DemoAccount[]> {
  const accounts = await auth.seedDemo();
  // Loaded only when seeding: the server itself never needs the document model in memory.
  const { seedTromsvekstavtalen, TROMSVEKSTAVTALEN_ID } = await import('@tavla/domain');
  if (!(await storage.has(TROMSVEKSTAVTALEN_ID))) {
    const doc = new Y.Doc();
    seedTromsvekstavtalen(doc, {
      agreementId: TROMSVEKSTAVTALEN_ID,
      demoMeasures: true,
      demoPeople: demoPeople(accounts),
    });
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await storage.writeSnapshot(TROMSVEKSTAVTALEN_ID, state, 0);
    log.info('seeded agreement document', { doc: TROMSVEKSTAVTALEN_ID, bytes: state.byteLength });
  }
  return accounts;
}

/**
 * What every loaded agreement document gets before anyone is answered: (1) schema migrations
 * ([M1]; origin `migration`, so the result is stored like any change); (2) an agreement created
 * over REST or the CLI has only its database row: its first, empty document is initialised with
 * the meta and default columns ([S8]) — never for an id without an agreement row.
 */
function documentSetupHooks(auth: Auth, log: Logger): DocHooks {
  return {
    afterLoad(docId, doc) {
      try {
        migrate(doc);
      } catch (err) {
        // A document from a newer build: serve it untouched rather than lock everyone out.
        log.error('document not migrated', { doc: docId, error: err as Error });
        return;
      }
      try {
        if (readMeta(doc).agreementId !== '') return;
        const agreement = auth.accounts.agreement(docId);
        if (!agreement) return;
        initAgreement(doc, { agreementId: docId, title: agreement.title }, { source: 'seed' });
        log.info('initialised agreement document', { doc: docId });
      } catch (err) {
        // Editors can write anything into the document (e.g. an empty meta.agreementId, which
        // initAgreement refuses as another agreement's): a failing hook fails the load, every
        // time, which would lock everyone out of the agreement for good. Serve it as it is.
        log.error('document not initialised', { doc: docId, error: err as Error });
      }
    },
  };
}
