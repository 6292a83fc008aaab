import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Server configuration. Every limit and timing lives in {@link DEFAULTS} with the reason for its
 * value (in the spirit of Hocuspocus' `defaultConfiguration`); `loadConfig(env)` overlays the
 * environment. Rule ids ([L1] ...) refer to docs/server-rules.md.
 */

export type SeedMode = 'demo' | 'none';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Limits {
  /** [L1] Largest websocket frame accepted; larger frames close the socket with 1009. */
  maxPayloadBytes: number;
  /** [L2] Largest stored size of one document (snapshot + update log) before writes are refused. */
  maxDocBytes: number;
  /** [L3] Messages a connection may send before its document has loaded (they are queued). */
  maxMessagesBeforeReady: number;
  /** [L4] Open sockets per user. */
  maxConnectionsPerUser: number;
  /** [L4] Open sockets per client IP address. */
  maxConnectionsPerIp: number;
  /** [L5] Sustained messages per second per connection (token bucket refill rate). */
  messagesPerSecond: number;
  /** [L5] Burst size of the per-connection token bucket. */
  messageBurst: number;
  /** [L6] A document load that takes longer than this fails its waiting connections (1011). */
  loadTimeoutMs: number;
  /** [L6] Authenticating an upgrade that takes longer than this closes it with 4408. */
  authTimeoutMs: number;
  /** [L7] Largest presence state (JSON) of one client; a larger one closes with 1009. */
  maxAwarenessBytes: number;
  /** [L7] Awareness bytes per second one connection may send, sustained (token bucket refill). */
  awarenessBytesPerSecond: number;
  /** [L7] Burst size, in bytes, of that bucket. */
  awarenessByteBurst: number;
  /** [L7] Awareness clientIDs one connection may own. */
  maxClientIdsPerConnection: number;
  /** [L8] Unsent bytes queued for one socket before it is closed as a slow consumer. */
  maxBufferedBytes: number;
  /** [L9] Longest accepted agreement id in /ws/:agreementId. */
  maxDocIdLength: number;
  /**
   * [L11] Time a client has from the start of a request to the end of its headers; then 408 and
   * the connection closed (slowloris). 0: only `requestTimeoutMs`. At most that (Node's rule).
   */
  headersTimeoutMs: number;
  /**
   * [L11] Time a client has to send a whole request, headers and body; then 408 and closed. The
   * answer (a download) and an upgraded websocket are not bounded by it. 0: no limit.
   */
  requestTimeoutMs: number;
}

export interface SyncTimings {
  /**
   * Group commit window. 0 = updates that arrive in the same event-loop turn share one SQLite
   * transaction (setImmediate); > 0 waits this many ms to collect more, trading latency for
   * fewer commits and fewer frames.
   */
  groupCommitDelayMs: number;
  /**
   * [P6] Large rooms: with at least this many connections on a document (0: never), a commit
   * waits largeRoomCommitDelayMs to collect more updates, so each peer gets at most one frame
   * per window; below it, nothing waits.
   */
  largeRoomPeers: number;
  largeRoomCommitDelayMs: number;
  /**
   * Compact (snapshot + delete covered log rows) once this many updates are logged and the
   * document has been quiet for compactQuietMs; at 10x this many, compact at once.
   */
  compactAfterUpdates: number;
  compactQuietMs: number;
  /** Keep a document in memory this long after its last connection left. */
  unloadDelayMs: number;
  /** First retry delay after a failed store; doubles up to storeRetryMaxMs. */
  storeRetryBaseMs: number;
  storeRetryMaxMs: number;
  /** Ping interval; a socket that missed one pong is terminated. */
  pingIntervalMs: number;
  /** Merge updates of one group commit into one frame per socket. */
  coalesceUpdates: boolean;
  /** Hard limit for graceful shutdown before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** [A8] How often open sockets are checked for an expired session (closed with 4401). */
  sessionCheckIntervalMs: number;
  /** [RM3] Longest time between a change and its projection into the read model. */
  projectionDelayMs: number;
  /** [A3] At most one "your changes were not stored" per read-only connection per this long. */
  readOnlyNoticeIntervalMs: number;
  /**
   * [P3] Cold open: a document stored as a snapshot of at least coldOpenMinBytes is applied only
   * once every waiting connection has sent its sync step 1 (fresh ones are answered from the
   * stored bytes meanwhile) and those answers are written, or after coldOpenWaitMs at most.
   * 0 ms: apply at once.
   */
  coldOpenWaitMs: number;
  coldOpenMinBytes: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** SQLite file; DATA_DIR/tavla.db unless DB_PATH is set. */
  dbFile: string;
  seed: SeedMode;
  /** Extra allowed Origins for websocket upgrades and state-changing REST calls. */
  allowedOrigins: string[];
  /** Built web app to serve; null = serve no static files. */
  webDist: string | null;
  logLevel: LogLevel;
  /**
   * IANA time zone whose calendar day is "today" for the read model (late measures, overdue
   * milestones, the summary's `today`): TIME_ZONE, Europe/Oslo by default.
   */
  timeZone: string;
  limits: Limits;
  sync: SyncTimings;
  /** Section reserved for the auth module (sessions, login rate limits ...). */
  auth: Record<string, unknown>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export const DEFAULTS = {
  // Loopback and 3000: the service contract in DESIGN.md; exposing it is a deliberate act.
  port: 3000,
  host: '127.0.0.1',
  // Relative to the working directory, as the service contract says (`./data`).
  dataDir: './data',
  // `pnpm start` is the demo path of the service contract; SEED=none opts out.
  seed: 'demo' as SeedMode,
  allowedOrigins: [] as string[],
  // The web app built by `pnpm --filter @tavla/web build`, found from this package (dist/ or src/).
  webDist: path.resolve(here, '../../web/dist'),
  logLevel: 'info' as LogLevel,
  // The agreement's parties are in Troms: their day, not UTC's (00:30 in Tromsø is yesterday in UTC).
  timeZone: 'Europe/Oslo',
  limits: {
    // ws defaults to 100 MiB frames; a client must not make us buffer that. An edit is a few
    // hundred bytes, but a client's sync step 2 carries everything it has that the server
    // lacks, in one frame (Yjs does not split updates): after a restore from backup, a whole
    // 5,000-measure agreement (~2.7 MB). 8 MiB leaves room for ~3x that.
    maxPayloadBytes: 8 * 1024 * 1024,
    // ~10x the 5,000-measure benchmark document; beyond it loads and initial syncs get slow
    // for everyone on the agreement, so we refuse growth instead of degrading silently.
    maxDocBytes: 32 * 1024 * 1024,
    // Auth runs on the HTTP upgrade, so the only window before a connection is served is the
    // document load. A stock client sends 2 messages then (sync step 1 + awareness); 100 bounds
    // the queue (Hocuspocus' unauthenticated-queue lesson) without hurting honest clients.
    maxMessagesBeforeReady: 100,
    // Several tabs and devices per person; more than 20 is a script gone wrong.
    maxConnectionsPerUser: 20,
    // A joint meeting may sit behind one office NAT (both parties, ~50 people, a few tabs each).
    maxConnectionsPerIp: 200,
    // Typing sends one update per key plus awareness; dragging a card sends awareness per
    // frame (~60/s). 100/s sustained with a burst of 500 (offline catch-up) is far above that.
    messagesPerSecond: 100,
    messageBurst: 500,
    // SQLite loads even a large agreement in milliseconds; 10 s means storage is broken.
    loadTimeoutMs: 10_000,
    // Auth on the upgrade is a cookie or token lookup in SQLite: milliseconds. 5 s means trouble.
    authTimeoutMs: 5_000,
    // Presence is a user, a card id, a cursor: a few hundred bytes. 64 KiB is generous and
    // stops one client from making every peer parse megabytes of JSON many times a second.
    // It limits a client's own state, not a message: joining a room, a stock client echoes
    // everyone's state in one message (~250 bytes a person), which the server skips unread.
    maxAwarenessBytes: 64 * 1024,
    // Every awareness update is sent on to every peer, so its bytes are multiplied by the room:
    // without a budget one member (a viewer too) could send 64 KiB 100 times a second (~6 MB/s
    // into every peer's socket). Presence while dragging is ~60 updates/s of a few hundred
    // bytes (~30 KB/s); 64 KiB/s sustained with a 512 KiB burst leaves it twice that.
    awarenessBytesPerSecond: 64 * 1024,
    awarenessByteBurst: 512 * 1024,
    // A tab has one Y.Doc clientID; Yjs may pick a new one on a clientID clash. 4 allows that
    // while stopping one connection from flooding presence with fake users.
    maxClientIdsPerConnection: 4,
    // 16 MiB of unsent frames means the peer cannot keep up (or does not read at all).
    maxBufferedBytes: 16 * 1024 * 1024,
    // Ids are slugs such as `tromsvekstavtalen`; 64 is generous and bounds log lines and keys.
    maxDocIdLength: 64,
    // Node holds a request whose headers or body never finish for 60 s (headers) and 300 s
    // (whole request) by default: every connection a slowloris client opens, or a client that
    // declares a Content-Length and stops, is held that long. Tavla's requests are headers of a
    // few KiB and JSON bodies of at most 16 KiB ([R3]): even on a poor mobile connection (a
    // train, 20 kB/s) they arrive in about a second, so 15 s for the headers and 30 s for
    // the whole request leave a wide margin. Only receiving the request is timed: answers (a
    // large download to a slow reader) and upgraded websockets run as long as they need.
    headersTimeoutMs: 15_000,
    requestTimeoutMs: 30_000,
  },
  sync: {
    // 0: group the updates that arrive in one event-loop turn, adding no latency. SQLite in WAL
    // with synchronous=NORMAL commits without fsync, so a commit costs microseconds.
    groupCommitDelayMs: 0,
    // At 100 peers every update costs ~100 sends: at 100 edits/s merging a 30 ms window's updates
    // into one frame per peer cuts the frames to a quarter (and the work of every laptop in the
    // room that applies them), for ~15 ms more latency on average, which nobody notices in a
    // meeting that large; small groups co-typing never wait (docs/performance.md, round 6).
    largeRoomPeers: 100,
    largeRoomCommitDelayMs: 30,
    // Loading replays the log; 500 small updates replay in ~1 ms and compacting a large
    // document costs a few ms, so this keeps both cheap.
    compactAfterUpdates: 500,
    // Encoding a 5,000-measure agreement takes ~50-100 ms of one core; doing it in a pause of
    // the editing, not in the middle of a burst, keeps it out of everyone's latency.
    compactQuietMs: 1_000,
    // Page reloads and reconnect storms reuse the loaded document instead of reloading it.
    unloadDelayMs: 1_000,
    storeRetryBaseMs: 100,
    storeRetryMaxMs: 5_000,
    // Same as the reference y-websocket server: detects dead peers behind NATs.
    pingIntervalMs: 30_000,
    // One frame per socket per commit instead of one per update (fewer syscalls at fan-out).
    coalesceUpdates: true,
    // The service contract: SIGTERM exits within 5 s.
    shutdownTimeoutMs: 4_500,
    // Sessions expire after hours (idle/absolute TTL); a minute late is the bound issue 5 accepts
    // for expiry (revocation and role changes close sockets at once, see [A7]).
    sessionCheckIntervalMs: 60_000,
    // Issue 4: the read model is current within a second of an edit; 250 ms batches a burst of
    // typing into one SQL transaction and leaves room for the write itself.
    projectionDelayMs: 250,
    // [A3] A viewer is told once that its edits were refused; a client that keeps sending
    // (a modified one, or one typing into a stale page) gets it again at most every 10 s, not
    // once per keystroke.
    readOnlyNoticeIntervalMs: 10_000,
    // [P3] Applying 5,000 measures' 2.8 MB snapshot takes Yjs ~200 ms, and SQLite returns it
    // in the upgrade's own event-loop turn, before any client has asked: without a wait the
    // apply ran first and the stored bytes answered nobody (docs/performance.md, "Cold open").
    // A client asks one round trip after the upgrade; 100 ms covers most networks and is less
    // than the apply it saves, so a client that never asks costs at most that (and one with
    // state of its own, answered only after the apply, one round trip). Below 256 KiB
    // (~450 measures) the apply takes ~20 ms at most: nothing waits.
    coldOpenWaitMs: 100,
    coldOpenMinBytes: 256 * 1024,
  },
} as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

function intFrom(env: Record<string, string | undefined>, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${key} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * Node refuses to start a server whose headers timeout is longer than its request timeout
 * (both on); said here in the person's words instead of as Node's ERR_OUT_OF_RANGE.
 */
function checkHttpTimeouts(headersTimeoutMs: number, requestTimeoutMs: number): void {
  if (requestTimeoutMs > 0 && headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      `HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not be longer than HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`,
    );
  }
}

/** Reads configuration from environment variables, falling back to {@link DEFAULTS}. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const port = intFrom(env, 'PORT', DEFAULTS.port);
  if (port > 65535) throw new ConfigError(`PORT out of range: ${port}`);
  const seedRaw = env.SEED ?? DEFAULTS.seed;
  if (seedRaw !== 'demo' && seedRaw !== 'none') {
    throw new ConfigError(`SEED must be "demo" or "none", got ${JSON.stringify(seedRaw)}`);
  }
  const logLevel = (env.LOG_LEVEL ?? DEFAULTS.logLevel) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  // Relative paths are the person's: `pnpm start` runs us inside apps/server, but pnpm passes the
  // folder the command was typed in as INIT_CWD, so `DATA_DIR=./data` means ./data there.
  const base = env.INIT_CWD || process.cwd();
  const dataDir = path.resolve(base, env.DATA_DIR || DEFAULTS.dataDir);
  const webDistRaw = env.WEB_DIST;
  const webDist =
    webDistRaw === 'none' ? null : webDistRaw ? path.resolve(base, webDistRaw) : DEFAULTS.webDist;
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter((o) => o.length > 0);
  const timeZone = env.TIME_ZONE || DEFAULTS.timeZone;
  // Checked only when set: asking ICU about a time zone maps ~10 MB of its data into the process
  // (docs/performance.md, round 9), which the default need not pay before the first overview.
  if (timeZone !== DEFAULTS.timeZone && !isTimeZone(timeZone)) {
    throw new ConfigError(
      `TIME_ZONE must be an IANA time zone such as Europe/Oslo, got ${JSON.stringify(timeZone)}`,
    );
  }
  const d = DEFAULTS.limits;
  const s = DEFAULTS.sync;
  const headersTimeoutMs = intFrom(env, 'HTTP_HEADERS_TIMEOUT_MS', d.headersTimeoutMs);
  const requestTimeoutMs = intFrom(env, 'HTTP_REQUEST_TIMEOUT_MS', d.requestTimeoutMs);
  checkHttpTimeouts(headersTimeoutMs, requestTimeoutMs);
  return {
    port,
    host: env.HOST || DEFAULTS.host,
    dataDir,
    dbFile: env.DB_PATH ? path.resolve(base, env.DB_PATH) : path.join(dataDir, 'tavla.db'),
    seed: seedRaw,
    allowedOrigins,
    webDist,
    logLevel,
    timeZone,
    limits: {
      maxPayloadBytes: intFrom(env, 'MAX_PAYLOAD_BYTES', d.maxPayloadBytes),
      maxDocBytes: intFrom(env, 'MAX_DOC_BYTES', d.maxDocBytes),
      maxMessagesBeforeReady: intFrom(env, 'MAX_MESSAGES_BEFORE_READY', d.maxMessagesBeforeReady),
      maxConnectionsPerUser: intFrom(env, 'MAX_CONNECTIONS_PER_USER', d.maxConnectionsPerUser),
      maxConnectionsPerIp: intFrom(env, 'MAX_CONNECTIONS_PER_IP', d.maxConnectionsPerIp),
      messagesPerSecond: intFrom(env, 'MESSAGES_PER_SECOND', d.messagesPerSecond),
      messageBurst: intFrom(env, 'MESSAGE_BURST', d.messageBurst),
      loadTimeoutMs: intFrom(env, 'LOAD_TIMEOUT_MS', d.loadTimeoutMs),
      authTimeoutMs: intFrom(env, 'AUTH_TIMEOUT_MS', d.authTimeoutMs),
      maxAwarenessBytes: intFrom(env, 'MAX_AWARENESS_BYTES', d.maxAwarenessBytes),
      awarenessBytesPerSecond: intFrom(
        env,
        'AWARENESS_BYTES_PER_SECOND',
        d.awarenessBytesPerSecond,
      ),
      awarenessByteBurst: intFrom(env, 'AWARENESS_BYTE_BURST', d.awarenessByteBurst),
      maxClientIdsPerConnection: d.maxClientIdsPerConnection,
      maxBufferedBytes: intFrom(env, 'MAX_BUFFERED_BYTES', d.maxBufferedBytes),
      maxDocIdLength: d.maxDocIdLength,
      headersTimeoutMs,
      requestTimeoutMs,
    },
    sync: {
      groupCommitDelayMs: intFrom(env, 'GROUP_COMMIT_DELAY_MS', s.groupCommitDelayMs),
      largeRoomPeers: intFrom(env, 'LARGE_ROOM_PEERS', s.largeRoomPeers),
      largeRoomCommitDelayMs: intFrom(env, 'LARGE_ROOM_COMMIT_DELAY_MS', s.largeRoomCommitDelayMs),
      compactAfterUpdates: Math.max(
        1,
        intFrom(env, 'COMPACT_AFTER_UPDATES', s.compactAfterUpdates),
      ),
      compactQuietMs: intFrom(env, 'COMPACT_QUIET_MS', s.compactQuietMs),
      unloadDelayMs: intFrom(env, 'UNLOAD_DELAY_MS', s.unloadDelayMs),
      storeRetryBaseMs: s.storeRetryBaseMs,
      storeRetryMaxMs: s.storeRetryMaxMs,
      pingIntervalMs: intFrom(env, 'PING_INTERVAL_MS', s.pingIntervalMs),
      coalesceUpdates: env.COALESCE_UPDATES !== '0',
      shutdownTimeoutMs: intFrom(env, 'SHUTDOWN_TIMEOUT_MS', s.shutdownTimeoutMs),
      sessionCheckIntervalMs: Math.max(
        1,
        intFrom(env, 'SESSION_CHECK_INTERVAL_MS', s.sessionCheckIntervalMs),
      ),
      projectionDelayMs: intFrom(env, 'PROJECTION_DELAY_MS', s.projectionDelayMs),
      readOnlyNoticeIntervalMs: s.readOnlyNoticeIntervalMs,
      coldOpenWaitMs: intFrom(env, 'COLD_OPEN_WAIT_MS', s.coldOpenWaitMs),
      coldOpenMinBytes: intFrom(env, 'COLD_OPEN_MIN_BYTES', s.coldOpenMinBytes),
    },
    auth: {},
  };
}

/** A config for tests and embedding: defaults with overrides, no environment. */
export function configWith(
  overrides: {
    [K in keyof Config]?: Config[K] extends object ? Partial<Config[K]> : Config[K];
  },
): Config {
  const base = loadConfig({});
  return {
    ...base,
    ...(overrides as Partial<Config>),
    limits: { ...base.limits, ...overrides.limits },
    sync: { ...base.sync, ...overrides.sync },
    auth: { ...base.auth, ...overrides.auth },
    allowedOrigins: (overrides.allowedOrigins as string[] | undefined) ?? base.allowedOrigins,
  };
}
