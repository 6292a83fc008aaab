import type { IncomingMessage } from 'node:http';
import { upgradeWebSocket } from '@hono/node-server';
import type { Context } from 'hono';
import type { WebSocket } from 'ws';
import type { Limits, SyncTimings } from '../config.js';
import type { Logger } from '../log.js';
import { CloseCode } from './closeCodes.js';
import { Connection } from './connection.js';
import type { DocRegistry } from './registry.js';
import type { Principal, Role, SyncAuth } from './types.js';

/** Agreement ids are slugs: letters, digits, '-' and '_', starting with a letter or digit. */
const DOC_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function isValidDocId(id: string | undefined, maxLength: number): id is string {
  return id !== undefined && id.length <= maxLength && DOC_ID.test(id);
}

export interface GatewayOptions {
  registry: DocRegistry;
  auth: SyncAuth;
  limits: Limits;
  timings: SyncTimings;
  log: Logger;
  /**
   * The client's address for [L4]; default: the socket's peer. Behind a trusted reverse proxy
   * every socket comes from the proxy, so the server passes the address the proxy forwarded.
   */
  clientAddress?: (c: Context) => string;
}

type Verdict =
  | { ok: true; principal: Principal; role: Role; docId: string }
  | { ok: false; code: number; reason: string };

/**
 * The websocket door: /ws/:agreementId upgrades are checked (id, Origin, authentication,
 * membership, connection limits) on the HTTP request, then accepted and either served or
 * closed at once with a named close code. Closing with a 44xx code (rather than answering
 * the upgrade with an HTTP status) tells the stock y-websocket client to stop retrying.
 */
export class SyncGateway {
  readonly conns = new Set<Connection>();
  readonly #perUser = new Map<string, number>();
  readonly #perIp = new Map<string, number>();
  readonly #opts: GatewayOptions;
  readonly #heartbeat: NodeJS.Timeout;
  #closing = false;

  constructor(opts: GatewayOptions) {
    this.#opts = opts;
    this.#heartbeat = setInterval(() => {
      for (const c of this.conns) c.heartbeat();
    }, opts.timings.pingIntervalMs);
    this.#heartbeat.unref();
  }

  /** Stops accepting connections (shutdown); existing ones are closed by the registry. */
  stopAccepting(): void {
    this.#closing = true;
    clearInterval(this.#heartbeat);
  }

  /** Hono handler for `/ws/:agreementId` (and for stray upgrades, with `docId` undefined). */
  handle = async (c: Context, docId: string | undefined): Promise<Response> => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      return c.json(
        { error: { code: 'upgrade_required', message: 'Expected a websocket upgrade' } },
        426,
      );
    }
    const verdict = await this.#check(c, docId);
    if (!verdict.ok) {
      this.#opts.log.debug('websocket refused', { code: verdict.code, reason: verdict.reason });
      return upgradeWebSocket(c, {
        onOpen: (_evt, ws) => ws.close(verdict.code, verdict.reason),
      });
    }
    const ip = this.#clientAddress(c);
    return upgradeWebSocket(c, {
      onOpen: (_evt, ctx) => this.#accept(ctx.raw as WebSocket, verdict, ip),
    });
  };

  async #check(c: Context, docId: string | undefined): Promise<Verdict> {
    const { auth, limits } = this.#opts;
    if (this.#closing) return { ok: false, code: CloseCode.GOING_AWAY, reason: 'shutting down' };
    if (!isValidDocId(docId, limits.maxDocIdLength)) {
      return { ok: false, code: CloseCode.BAD_MESSAGE, reason: 'invalid agreement id' };
    }
    // [A2] a browser page from another site must not ride on the user's cookie (CSWSH).
    if (!auth.isAllowedOrigin(c.req.header('origin'), c.req.header('host'))) {
      return { ok: false, code: CloseCode.FORBIDDEN, reason: 'origin not allowed' };
    }
    let principal: Principal | null;
    let timer: NodeJS.Timeout | undefined;
    try {
      principal = await Promise.race([
        auth.authenticateRequest(c.req.raw.headers),
        new Promise<'timeout'>((r) => {
          timer = setTimeout(() => r('timeout'), limits.authTimeoutMs);
        }),
      ]).then((p) => {
        if (p === 'timeout') throw new Error('timeout');
        return p;
      });
    } catch (err) {
      const timedOut = (err as Error).message === 'timeout';
      if (!timedOut) this.#opts.log.error('authentication failed', { error: err as Error });
      return timedOut
        ? { ok: false, code: CloseCode.AUTH_TIMEOUT, reason: 'authentication timed out' }
        : { ok: false, code: CloseCode.INTERNAL, reason: 'authentication failed' };
    } finally {
      clearTimeout(timer);
    }
    // [A1] no session cookie or bearer token, no socket.
    if (!principal) {
      return { ok: false, code: CloseCode.UNAUTHENTICATED, reason: 'authentication required' };
    }
    // [A4] not a member looks exactly like "no such agreement".
    const role = await auth.roleFor(principal.userId, docId);
    if (!role) return { ok: false, code: CloseCode.NOT_FOUND, reason: 'agreement not found' };
    const limited = this.#overLimit(principal.userId, this.#clientAddress(c));
    if (limited) return { ok: false, code: CloseCode.RATE_LIMITED, reason: limited };
    return { ok: true, principal, role, docId };
  }

  #clientAddress(c: Context): string {
    return this.#opts.clientAddress?.(c) ?? remoteAddress(c);
  }

  #overLimit(userId: string, ip: string): string | null {
    const { limits } = this.#opts;
    if ((this.#perUser.get(userId) ?? 0) >= limits.maxConnectionsPerUser) {
      return 'too many connections for this user';
    }
    if ((this.#perIp.get(ip) ?? 0) >= limits.maxConnectionsPerIp) {
      return 'too many connections from this address';
    }
    return null;
  }

  #accept(ws: WebSocket, v: Verdict & { ok: true }, ip: string): void {
    const { limits, log, registry } = this.#opts;
    if (this.#closing) {
      ws.close(CloseCode.GOING_AWAY, 'shutting down');
      return;
    }
    // Checked again now that the socket exists: concurrent upgrades all passed #check.
    const limited = this.#overLimit(v.principal.userId, ip);
    if (limited) {
      ws.close(CloseCode.RATE_LIMITED, limited);
      return;
    }
    const conn = new Connection(ws, v.principal, v.role, v.docId, ip, limits, log);
    this.conns.add(conn);
    bump(this.#perUser, v.principal.userId, 1);
    bump(this.#perIp, ip, 1);
    conn.onClosed(() => {
      this.conns.delete(conn);
      bump(this.#perUser, v.principal.userId, -1);
      bump(this.#perIp, ip, -1);
    });
    conn.log.debug('connection opened', { role: v.role });
    registry.join(conn);
  }
}

function bump(map: Map<string, number>, key: string, delta: number): void {
  const n = (map.get(key) ?? 0) + delta;
  if (n <= 0) map.delete(key);
  else map.set(key, n);
}

function remoteAddress(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket.remoteAddress ?? 'unknown';
}
