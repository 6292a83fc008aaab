import Database, { type Database as SqliteDatabase } from 'better-sqlite3';
import { Hono } from 'hono';
import { type Auth, createAuth } from './index.js';
import type { DemoAccount } from '../seed/demo.js';
import type { AuthOptionsInput } from './options.js';

/** Cheap scrypt parameters for tests; production uses DEFAULT_AUTH_OPTIONS.scrypt. */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };
export const ORIGIN = 'http://localhost';

/** A response whose JSON body tests read without casts (assertions check its shape). */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by the assertions
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/**
 * An auth module over an in-memory database with the demo accounts, a controllable clock and
 * the REST routes mounted at /api as the server mounts them. For tests of this module and of
 * its callers (the sync layer's upgrade tests).
 */
export interface TestAuth {
  db: SqliteDatabase;
  auth: Auth;
  /** A server-like app with the routes mounted at /api. */
  app: Hono;
  demo: DemoAccount[];
  request(path: string, init?: RequestInit & { cookie?: string }): Promise<TestResponse>;
  login(email: string, password?: string): Promise<string>;
  clock: { advance(ms: number): void; now(): number };
}

export async function createTestAuth(options: AuthOptionsInput = {}): Promise<TestAuth> {
  const db: SqliteDatabase = new Database(':memory:');
  let now = Date.UTC(2026, 10, 27, 8, 0, 0);
  const auth: Auth = createAuth(db, { scrypt: FAST_SCRYPT, now: () => now, ...options });
  const demo = await auth.seedDemo();
  const app = new Hono();
  app.route('/api', auth.routes);

  /** A request as a same-origin browser page would send it. */
  const request = async (
    path: string,
    init: RequestInit & { cookie?: string } = {},
  ): Promise<TestResponse> => {
    const headers = new Headers(init.headers);
    if (init.cookie) headers.set('cookie', init.cookie);
    if (init.body !== undefined && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    if (init.method && init.method !== 'GET' && !headers.has('origin')) {
      headers.set('origin', ORIGIN);
    }
    return await app.request(`${ORIGIN}${path}`, { ...init, headers });
  };

  /** Signs in and returns the `tavla_session=...` cookie pair. */
  const login = async (email: string, password = 'tavla-demo') => {
    const res = await request('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    return cookiePair(res);
  };

  return {
    db,
    auth,
    app,
    demo,
    request,
    login,
    clock: {
      advance(ms: number) {
        now += ms;
      },
      now: () => now,
    },
  };
}

/** `name=value` of the response's session cookie. */
export function cookiePair(res: Pick<Response, 'headers'>): string {
  const setCookie = res.headers.get('set-cookie') ?? '';
  const pair = setCookie.split(';')[0] ?? '';
  if (!pair.startsWith('tavla_session=')) throw new Error(`no session cookie: ${setCookie}`);
  return pair;
}
