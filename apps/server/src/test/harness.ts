import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { FAST_SCRYPT } from '../auth/testing.js';
import type { Role } from '../auth/index.js';
import { type Config, configWith } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { type RunningServer, type StartOptions, startServer } from '../server.js';
import type { DocStorage } from '../storage/types.js';

/**
 * Test harness: a real server on port 0 with its own temporary data directory, real sockets,
 * the stock y-websocket provider. Everything started here is torn down by `cleanup()`.
 */

// Each stock provider adds a process 'exit' listener; 20+ per test is expected here.
process.setMaxListeners(200);

export const testLog = (): Logger =>
  createLogger({ level: (process.env.TEST_LOG_LEVEL as Config['logLevel']) ?? 'silent' });

export function tempDir(prefix = 'tavla-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export type ConfigOverrides = Parameters<typeof configWith>[0];

/** Config for tests: loopback, port 0, no seed, no web app, quick unload. */
export function testConfig(dataDir: string, overrides: ConfigOverrides = {}): Config {
  return configWith({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    dbFile: path.join(dataDir, 'tavla.db'),
    seed: 'none',
    webDist: null,
    logLevel: 'silent',
    ...overrides,
    limits: { ...overrides.limits },
    sync: { unloadDelayMs: 20, ...overrides.sync },
  });
}

/** The websocket address of a document, for a raw peer. */
export const wsUrl = (server: { url: string }, docId: string) =>
  `${server.url.replace('http', 'ws')}/ws/${docId}`;

export interface TestUser {
  id: string;
  name: string;
  token: string;
  headers: Record<string, string>;
}

export class TestContext {
  readonly servers: RunningServer[] = [];
  readonly providers: WebsocketProvider[] = [];
  readonly sockets: WebSocket[] = [];
  readonly dirs: string[] = [];

  async start(
    options: { dataDir?: string; overrides?: ConfigOverrides } & Partial<StartOptions> = {},
  ): Promise<RunningServer> {
    const dataDir = options.dataDir ?? this.dir();
    const server = await startServer({
      ...options,
      config: options.config ?? testConfig(dataDir, options.overrides),
      log: options.log ?? testLog(),
      authOptions: { scrypt: FAST_SCRYPT, ...options.authOptions },
    });
    this.servers.push(server);
    return server;
  }

  /**
   * A server whose storage is wrapped in a ControlledStorage, to count its calls and to delay or
   * fail them.
   */
  async startControlled(
    options: Parameters<TestContext['start']>[0] = {},
  ): Promise<{ server: RunningServer; storage: ControlledStorage }> {
    const wrapped: { storage?: ControlledStorage } = {};
    const server = await this.start({
      ...options,
      wrapStorage: (s) => {
        wrapped.storage = new ControlledStorage(s);
        return wrapped.storage;
      },
    });
    if (!wrapped.storage) throw new Error('the server did not wrap its storage');
    return { server, storage: wrapped.storage };
  }

  dir(): string {
    const d = tempDir();
    this.dirs.push(d);
    return d;
  }

  /** A provider of the stock y-websocket client, authenticated by bearer token. */
  provider(
    server: { url: string },
    docId: string,
    user: TestUser | null,
    opts: { doc?: Y.Doc; headers?: Record<string, string>; connect?: boolean } = {},
  ): WebsocketProvider {
    const doc = opts.doc ?? new Y.Doc();
    const headers = { ...user?.headers, ...opts.headers };
    const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/ws`, docId, doc, {
      WebSocketPolyfill: socketClassWith(headers) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      connect: opts.connect ?? true,
      maxBackoffTime: 200,
    });
    this.providers.push(provider);
    return provider;
  }

  /** A raw `ws` socket (for attack frames). */
  rawSocket(server: { url: string }, pathname: string, headers: Record<string, string> = {}) {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}${pathname}`, { headers });
    ws.on('error', () => {});
    this.sockets.push(ws);
    return ws;
  }

  async cleanup(): Promise<void> {
    for (const p of this.providers.splice(0)) {
      try {
        p.destroy();
      } catch {
        // already gone
      }
    }
    for (const s of this.sockets.splice(0)) s.terminate();
    await Promise.all(this.servers.splice(0).map((s) => s.shutdown().catch(() => false)));
    for (const d of this.dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  }
}

/** A `ws` WebSocket class that sends fixed headers (the browser sends cookies by itself). */
export function socketClassWith(
  headers: Record<string, string>,
): new (
  url: string | URL,
  protocols?: string | string[],
) => WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

let userCounter = 0;

/** Creates a user who is a member of `agreementId` with `role` (creating the agreement if needed). */
export function addUser(
  server: RunningServer,
  agreementId: string | null,
  role: Role = 'editor',
  name = `Test User ${++userCounter}`,
): TestUser {
  const accounts = server.auth.accounts;
  const user = accounts.createUser({
    email: `user${userCounter}-${Math.random().toString(36).slice(2, 8)}@test.example`,
    name,
    passwordHash: null,
  });
  if (agreementId) {
    if (!accounts.agreement(agreementId)) {
      accounts.createAgreement({ id: agreementId, title: `Agreement ${agreementId}` });
    }
    accounts.addMembership({ agreementId, userId: user.id, role });
  }
  const { token } = server.auth.service.createToken(user.id, 'test');
  return { id: user.id, name, token, headers: { authorization: `Bearer ${token}` } };
}

/** Polls until `check` returns true (or a value that is not false/undefined). */
export async function until<T>(
  check: () => T | Promise<T>,
  { timeout = 10_000, interval = 10, message = 'condition' } = {},
): Promise<Exclude<T, false | undefined | null>> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== false && v !== undefined && v !== null)
        return v as Exclude<T, false | undefined | null>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${message}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

export const synced = (p: WebsocketProvider) =>
  until(() => p.synced, { message: `provider ${p.roomname} synced` });

/** Resolves with the close code of a raw socket. */
export function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(-1);
    ws.once('close', (code) => resolve(code));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Storage wrapper that counts calls and injects delays and failures (tests of [D*], [S*]). */
export class ControlledStorage implements DocStorage {
  loads = 0;
  appends: { docId: string; count: number; at: number }[] = [];
  snapshots: { docId: string; upTo: number }[] = [];
  failAppend = false;
  failLoad = false;
  appendDelayMs = 0;
  loadDelayMs = 0;
  /** When each load resolved (ms, performance.now()). */
  loadResolvedAt: number[] = [];

  constructor(readonly inner: DocStorage) {}

  async load(docId: string) {
    this.loads++;
    if (this.loadDelayMs) await sleep(this.loadDelayMs);
    if (this.failLoad) throw new Error('injected load failure');
    const result = await this.inner.load(docId);
    this.loadResolvedAt.push(performance.now());
    return result;
  }

  async appendUpdates(docId: string, updates: readonly Uint8Array[]) {
    if (this.appendDelayMs) await sleep(this.appendDelayMs);
    if (this.failAppend) throw new Error('injected write failure');
    const id = await this.inner.appendUpdates(docId, updates);
    this.appends.push({ docId, count: updates.length, at: performance.now() });
    return id;
  }

  async writeSnapshot(docId: string, state: Uint8Array, upTo: number) {
    if (this.failAppend) throw new Error('injected write failure');
    await this.inner.writeSnapshot(docId, state, upTo);
    this.snapshots.push({ docId, upTo });
  }

  has(docId: string) {
    return this.inner.has(docId);
  }

  list() {
    return this.inner.list();
  }
}

/** The document as stored (snapshot + log), materialised into a fresh Y.Doc. */
export async function storedDoc(storage: DocStorage, docId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const stored = await storage.load(docId);
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored?.updates ?? []) Y.applyUpdate(doc, u);
  return doc;
}
