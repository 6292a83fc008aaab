/**
 * Property-based fuzz test of the whole REST API ([R1] in docs/server-rules.md): "bad input
 * gets a clear error and loses nothing". Every request generated here is one the API must
 * refuse — bad bodies, bad path parameters, bad query strings, callers without the right,
 * cross-site requests, wrong content types, oversized bodies, wrong methods and paths — and
 * every refusal must be a 4xx with the documented `{ error: { code, message } }` body
 * (docs/api.md), come within 5 s, echo no secret, set no cookie and change nothing in the
 * database. GETs with any query string may answer, but never 5xx and never write.
 *
 * The routes come from the real app (`app.routes`), so a new route fails this test until it is
 * described in `restFuzzRoutes.ts`. fast-check prints the seed and the shrunk request on failure;
 * FC_RUNS (runs per property, default 100) and FC_SEED change the search.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { hashSecret } from '../auth/secrets.js';
import { cookiePair } from '../auth/testing.js';
import { API_ERROR_CODES } from '../http/errors.js';
import { TestContext, testLog } from './harness.js';
import { rawHttp } from './rawHttp.js';
import { badBodies, encodeSegment, type RawBody } from './restFuzzInputs.js';
import { type Caller, type Fixture, ROUTES, type RouteSpec, UNFUZZED } from './restFuzzRoutes.js';

const RUNS = Number(process.env.FC_RUNS ?? 100);
const SEED = Number(process.env.FC_SEED ?? 20_261_127);
const ORIGIN = 'http://localhost';
const AGREEMENT = 'tromsvekstavtalen';
const PASSWORD = 'tavla-demo';
const DRIFT_PASSWORD = 'drift-passord-1234';
const CALLERS: Caller[] = [
  'admin',
  'adminBearer',
  'editor',
  'viewer',
  'instanceAdmin',
  'anonymous',
  'badCredentials',
];
const COOKIE_CALLERS: Caller[] = ['admin', 'editor', 'viewer', 'instanceAdmin', 'anonymous'];
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const ctx = new TestContext();
let app: Hono;
let db: Database;
let serverUrl: string;
let adminBearerToken: string;
let f: Fixture;
let callerHeaders: Record<Exclude<Caller, 'badCredentials'>, Record<string, string>>;
let badCredentials: fc.Arbitrary<Record<string, string>>;
/** Strings that no answer may contain: passwords, cookies, tokens, link secrets. */
let secrets: string[];

beforeAll(async () => {
  const server = await ctx.start({ overrides: { seed: 'demo' } });
  db = server.db;
  serverUrl = server.url;
  // The app exactly as the server composes it (server.ts), in-process.
  app = createApp({
    apiRoutes: server.auth.routes,
    gateway: server.gateway,
    isHealthy: () => true,
    webDist: null,
    log: testLog(),
  });
  const { accounts, service } = server.auth;
  const id = (email: string) => accounts.userByEmail(email)!.id;
  const drift = accounts.createUser({
    email: 'drift@fylke.example',
    name: 'Drift Driftesen',
    passwordHash: await server.auth.hashPassword(DRIFT_PASSWORD),
    isInstanceAdmin: true,
  });
  const target = accounts.createUser({
    email: 'maal@ipr.example',
    name: 'Mål Person',
    passwordHash: null,
    organisationId: 'tromso',
  });
  accounts.addMembership({ agreementId: AGREEMENT, userId: target.id, role: 'editor' });
  const outsider = accounts.createUser({
    email: 'ute@kommune.example',
    name: 'Ute Utenfor',
    passwordHash: await server.auth.hashPassword(PASSWORD),
  });
  accounts.createAgreement({ id: 'annen-avtale', title: 'Annen avtale' });
  accounts.addMembership({ agreementId: 'annen-avtale', userId: outsider.id, role: 'admin' });

  const login = async (email: string, password = PASSWORD) => {
    const res = await app.request(`${ORIGIN}/api/auth/login`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(res.status).toBe(200);
    return cookiePair(res);
  };
  const sessionId = (cookie: string) => hashSecret(cookie.slice('tavla_session='.length));
  const admin = await login('koordinator@fylke.example');
  const editor = await login('radgiver@ipr.example');
  const viewer = await login('leder@fylke.example');
  const instanceAdmin = await login('drift@fylke.example', DRIFT_PASSWORD);
  const adminSpare = await login('koordinator@fylke.example');
  const outsiderSession = await login('ute@kommune.example');
  const revokedSession = await login('ute@kommune.example');
  service.logout(sessionId(revokedSession));

  const adminId = id('koordinator@fylke.example');
  const adminToken = service.createToken(adminId, 'fuzz');
  const spareToken = service.createToken(adminId, 'reserve');
  const outsiderToken = service.createToken(outsider.id, 'ute');
  const revokedToken = service.createToken(adminId, 'trukket');
  service.revokeToken(adminId, revokedToken.id);

  const invite = (agreementId: string, email: string, invitedBy: string) =>
    service.invitations.create({ agreementId, email, role: 'editor', invitedBy });
  const invitation = invite(AGREEMENT, 'invitert@kommune.example', adminId);
  const foreignInvitation = invite('annen-avtale', 'annen@kommune.example', outsider.id);
  const revokedInvitation = invite(AGREEMENT, 'trukket@kommune.example', adminId);
  service.invitations.revoke(AGREEMENT, revokedInvitation.id);
  const usedInvitation = invite(AGREEMENT, 'brukt@kommune.example', adminId);
  service.invitations.consume(usedInvitation.secret);

  f = {
    agreement: AGREEMENT,
    foreignAgreement: 'annen-avtale',
    userIds: {
      admin: adminId,
      editor: id('radgiver@ipr.example'),
      viewer: id('leder@fylke.example'),
      instanceAdmin: drift.id,
      target: target.id,
      outsider: outsider.id,
    },
    adminSpareSession: sessionId(adminSpare),
    adminSpareToken: spareToken.id,
    invitation: { id: invitation.id, token: invitation.secret },
    foreign: {
      sessionIds: [sessionId(outsiderSession), sessionId(revokedSession)],
      tokenIds: [outsiderToken.id, revokedToken.id],
      invitationIds: [foreignInvitation.id, revokedInvitation.id, usedInvitation.id],
      invitationTokens: [revokedInvitation.secret, usedInvitation.secret],
    },
  };
  adminBearerToken = adminToken.token;
  callerHeaders = {
    admin: { cookie: admin },
    adminBearer: { authorization: `Bearer ${adminToken.token}` },
    editor: { cookie: editor },
    viewer: { cookie: viewer },
    instanceAdmin: { cookie: instanceAdmin },
    anonymous: {},
  };
  badCredentials = fc.oneof(
    fc.constantFrom<Record<string, string>>(
      { cookie: revokedSession },
      { cookie: `tavla_session=${'x'.repeat(43)}` },
      { cookie: 'tavla_session=' },
      { cookie: 'tavla_session="unterminated' },
      { cookie: `tavla_session=${admin.slice(14, 40)}` },
      { authorization: `Bearer ${revokedToken.token}` },
      { authorization: 'Bearer' },
      { authorization: 'Bearer ' },
      { authorization: '' },
      { authorization: 'Basic a29vcmRpbmF0b3I6dGF2bGEtZGVtbw==' },
      { authorization: `Bearer ${adminToken.token}x` },
      { authorization: `Bearer ${adminToken.token} ${adminToken.token}` },
      { authorization: `Token ${adminToken.token}` },
      { authorization: 'Bearer tavla_' },
    ),
    fc
      .string({ unit: 'binary-ascii', maxLength: 80 })
      .map((s) => ({ authorization: `Bearer ${s.replace(/[^\x20-\x7e]/g, '')}` })),
    fc
      .string({ unit: 'binary-ascii', maxLength: 80 })
      .map((s) => ({ cookie: `tavla_session=${s.replace(/[^\x21-\x7e]|;/g, '')}` })),
  );
  secrets = [
    PASSWORD,
    DRIFT_PASSWORD,
    ...[admin, editor, viewer, instanceAdmin, adminSpare, outsiderSession, revokedSession].map(
      (c) => c.slice('tavla_session='.length),
    ),
    ...[adminToken, spareToken, outsiderToken, revokedToken].map((t) => t.token),
    ...[invitation, foreignInvitation, revokedInvitation, usedInvitation].map((i) => i.secret),
    '$scrypt$',
  ];
});

afterAll(() => ctx.cleanup());

// ---------------------------------------------------------------------------------------------
// Requests and the checks every refusal passes

interface FuzzRequest {
  method: string;
  /** Path with its parameters filled in (already percent-encoded), without the query. */
  path: string;
  query?: string;
  headers: Record<string, string>;
  body?: RawBody;
  /** What makes it bad, for the failure report. */
  note: string;
}

interface Refusal {
  status?: number | number[];
  code?: string;
  /** A GET that may also be answered (odd but harmless input); it must still change nothing. */
  mayAnswer?: boolean;
  /** Headers the refusal must carry, with these values (`Allow` of a 405). */
  headers?: Record<string, string>;
}

function describeRequest(req: FuzzRequest): string {
  const body =
    req.body === undefined
      ? ''
      : typeof req.body === 'string'
        ? ` body ${JSON.stringify(req.body.slice(0, 200))}${req.body.length > 200 ? `… (${req.body.length})` : ''}`
        : ` body bytes(${req.body.length})`;
  const path = req.path.length > 200 ? `${req.path.slice(0, 200)}…` : req.path;
  return `${req.method} ${path}${req.query ? `?${req.query.slice(0, 200)}` : ''} [${req.note}] headers ${JSON.stringify(req.headers).slice(0, 300)}${body}`;
}

/** Rows of every table, as a digest per table. Leaves out what a refused request may write. */
function snapshot(): Map<string, string> {
  const tables = db
    .prepare<[], string>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence' ORDER BY name",
    )
    .pluck()
    .all();
  const out = new Map<string, string>();
  for (const table of tables) {
    const stmt = db.prepare(`SELECT * FROM "${table}"`);
    const columns = stmt.columns().map((c) => c.name);
    const hash = createHash('sha256');
    let failedLogins = 0;
    for (const row of stmt.raw().iterate() as Iterable<unknown[]>) {
      // A session's or token's "last used" time moves when it is used, refused or not.
      if (table === 'sessions' || table === 'api_tokens') {
        row[columns.indexOf(table === 'sessions' ? 'last_seen_at' : 'last_used_at')] = null;
      }
      // A failed sign-in is recorded (audit_events), refused or not: counted on its own.
      if (table === 'audit_events' && row[columns.indexOf('kind')] === 'login.failed') {
        failedLogins += 1;
        continue;
      }
      for (const value of row) {
        hash.update(Buffer.isBuffer(value) ? value : `${typeof value}:${String(value)}`);
        hash.update('\u0000');
      }
      hash.update('\n');
    }
    out.set(table, hash.digest('hex'));
    if (table === 'audit_events') out.set('audit_events login.failed', String(failedLogins));
  }
  return out;
}

async function send(req: FuzzRequest): Promise<Response> {
  const url = `${ORIGIN}${req.path}${req.query !== undefined ? `?${req.query}` : ''}`;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5_000);
  });
  try {
    return await Promise.race([
      app.request(url, { method: req.method, headers: req.headers, body: req.body }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends a request that must be refused and checks the refusal. Throws what is wrong. */
async function expectRefused(req: FuzzRequest, refusal: Refusal = {}): Promise<void> {
  const before = snapshot();
  const res = await send(req);
  const text = await res.text();
  const problems: string[] = [];
  const statuses = [refusal.status ?? []].flat();
  const answered = refusal.mayAnswer === true && res.status >= 200 && res.status < 300;
  if (!answered && (res.status < 400 || res.status > 499)) {
    problems.push(`status ${res.status}, not 4xx`);
  } else if (!answered && statuses.length > 0 && !statuses.includes(res.status)) {
    problems.push(`status ${res.status}, not ${statuses.join(' or ')}`);
  }
  if (!answered && req.method !== 'HEAD') problems.push(...errorBodyProblems(res, text, refusal));
  if (res.headers.get('set-cookie') !== null) problems.push('set a cookie');
  for (const [name, value] of Object.entries(refusal.headers ?? {})) {
    if (res.headers.get(name) !== value) {
      problems.push(`header ${name}: ${res.headers.get(name)}, not ${value}`);
    }
  }
  const shown = `${text}\n${[...res.headers.values()].join('\n')}`;
  for (const secret of [...secrets, ...sentSecrets(req)]) {
    if (shown.includes(secret)) problems.push(`the answer shows a secret (${secret.slice(0, 4)}…)`);
  }
  const after = snapshot();
  const isLogin = req.method === 'POST' && req.path === '/api/auth/login';
  for (const [table, digest] of before) {
    if (isLogin && table === 'audit_events login.failed') continue;
    if (after.get(table) !== digest) problems.push(`table ${table} changed`);
  }
  if (problems.length > 0) {
    throw new Error(
      `${describeRequest(req)}\n  -> ${res.status} ${text.slice(0, 300)}\n  ${problems.join('\n  ')}`,
    );
  }
}

function errorBodyProblems(res: Response, text: string, refusal: Refusal): string[] {
  if (!res.headers.get('content-type')?.startsWith('application/json')) {
    return [`content-type ${res.headers.get('content-type')}, not JSON`];
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return ['the body is not JSON'];
  }
  const error = (body as { error?: unknown })?.error as Record<string, unknown> | undefined;
  if (
    typeof body !== 'object' ||
    body === null ||
    Object.keys(body).join() !== 'error' ||
    typeof error !== 'object' ||
    error === null ||
    Object.keys(error).sort().join() !== 'code,message'
  ) {
    return ['the body is not { error: { code, message } }'];
  }
  const problems: string[] = [];
  if (!(API_ERROR_CODES as readonly unknown[]).includes(error.code)) {
    problems.push(`code ${String(error.code)} is not documented`);
  }
  if (typeof error.message !== 'string' || error.message.trim() === '') {
    problems.push('no message');
  } else if (error.message.length > 500) problems.push('a message over 500 characters');
  if (refusal.code && error.code !== refusal.code) problems.push(`code ${String(error.code)}`);
  return problems;
}

/** Password and token values of the request's own JSON body (never to be echoed back). */
function sentSecrets(req: FuzzRequest): string[] {
  if (typeof req.body !== 'string') return [];
  try {
    const body = JSON.parse(req.body) as Record<string, unknown>;
    return Object.entries(body)
      .filter(([k, v]) => /password|token|secret/i.test(k) && typeof v === 'string')
      .map(([, v]) => v as string)
      .filter((v) => v.length >= 8);
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// The routes, from the app itself

interface Route {
  key: string;
  method: string;
  path: string;
  spec: RouteSpec;
}

function appRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of app.routes) {
    if (!r.path.startsWith('/api/')) continue;
    // Middleware (app.use) is listed as ALL with a wildcard path; a route for ALL methods is not.
    if (r.method === 'ALL' && r.path.endsWith('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}

let routes: Route[];
const routesWhere = (test: (r: Route) => boolean) => {
  const found = routes.filter(test);
  expect(found.length).toBeGreaterThan(0);
  return found;
};

beforeAll(() => {
  routes = appRoutes()
    .filter((r) => !(`${r.method} ${r.path}` in UNFUZZED))
    .map((r) => ({ ...r, key: `${r.method} ${r.path}`, spec: ROUTES[`${r.method} ${r.path}`]! }));
});

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return value;
  });
}

const validParams = (route: Route) =>
  Object.fromEntries(
    Object.entries(route.spec.params?.(f) ?? {}).map(([k, v]) => [k, encodeSegment(v)]),
  );
const validBody = (route: Route): string | undefined => {
  const fields = route.spec.body?.(f);
  return fields
    ? JSON.stringify(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.valid])))
    : undefined;
};
const callerArb = (callers: Caller[] = CALLERS): fc.Arbitrary<Record<string, string>> =>
  fc
    .constantFrom(...callers)
    .chain((c) => (c === 'badCredentials' ? badCredentials : fc.constant(callerHeaders[c])));
/** Mostly callers who may make the route's request (so that validation is reached), else anyone. */
const likelyCaller = (route: Route) => {
  const allowed = CALLERS.filter((c) => route.spec.allowed(c));
  return allowed.length === 0
    ? callerArb()
    : fc.oneof({ weight: 3, arbitrary: callerArb(allowed) }, { weight: 1, arbitrary: callerArb() });
};
const callerAndHeaders = (callers: Caller[] = CALLERS) =>
  fc
    .constantFrom(...callers)
    .chain((c) =>
      (c === 'badCredentials' ? badCredentials : fc.constant(callerHeaders[c])).map(
        (h) => [c, h] as const,
      ),
    );

/** Headers of a same-origin browser request (or a bearer client's) with a JSON body. */
const sameOrigin = (method: string, caller: Record<string, string>, hasBody: boolean) => ({
  ...caller,
  ...(MUTATING.has(method) ? { origin: ORIGIN } : {}),
  ...(hasBody ? { 'content-type': 'application/json' } : {}),
});

const settings = (): fc.Parameters<unknown> => ({ numRuns: RUNS, seed: SEED });

// ---------------------------------------------------------------------------------------------

describe('[R1] REST fuzz: bad input gets a clear error and loses nothing', () => {
  it('knows every route of the app (describe a new route in restFuzzRoutes.ts)', () => {
    const listed = appRoutes().map((r) => `${r.method} ${r.path}`);
    const unknown = listed.filter((k) => !(k in ROUTES) && !(k in UNFUZZED));
    expect(unknown, 'routes the fuzz test does not know').toEqual([]);
    const stale = Object.keys(ROUTES).filter((k) => !listed.includes(k));
    expect(stale, 'described routes the app does not have').toEqual([]);
    for (const route of routes) {
      const params = route.path.match(/:\w+/g) ?? [];
      const described = Object.keys(route.spec.badParams?.(f) ?? {}).map((p) => `:${p}`);
      expect(described.sort(), `bad values for every parameter of ${route.key}`).toEqual(
        params.sort(),
      );
      if (MUTATING.has(route.method) && route.spec.body) expect(validBody(route)).toBeDefined();
    }
  });

  it('refuses bad JSON bodies with 4xx', async () => {
    const withBody = routesWhere((r) => r.spec.body !== undefined);
    const arb = fc
      .constantFrom(...withBody)
      .chain((route) =>
        fc.tuple(fc.constant(route), likelyCaller(route), badBodies(route.spec.body!(f))),
      );
    await fc.assert(
      fc.asyncProperty(arb, async ([route, caller, bad]) => {
        await expectRefused({
          method: route.method,
          path: fillPath(route.path, validParams(route)),
          headers: sameOrigin(route.method, caller, true),
          body: bad.body,
          note: `bad body: ${bad.how}`,
        });
      }),
      settings(),
    );
  });

  it('refuses path parameters that name nothing the caller may touch with 4xx', async () => {
    const withParams = routesWhere((r) => r.spec.badParams !== undefined);
    const arb = fc.constantFrom(...withParams).chain((route) => {
      const bad = route.spec.badParams!(f);
      return fc.tuple(
        fc.constant(route),
        likelyCaller(route),
        fc.constantFrom(...Object.keys(bad)).chain((name) =>
          bad[name]!.map((value) => {
            // Values with a '%' are percent-encoded already (malformed on purpose, some).
            const encoded = /%|^\.\.?$/.test(value) ? value : encodeSegment(value);
            return { name, value: encoded };
          }),
        ),
      );
    });
    await fc.assert(
      fc.asyncProperty(arb, async ([route, caller, bad]) => {
        const body = validBody(route);
        await expectRefused({
          method: route.method,
          path: fillPath(route.path, { ...validParams(route), [bad.name]: bad.value }),
          headers: sameOrigin(route.method, caller, body !== undefined),
          body,
          note: `bad :${bad.name}`,
        });
      }),
      settings(),
    );
  });

  it('refuses bad query strings with 4xx (400 for callers who may ask)', async () => {
    const withQuery = routesWhere((r) => r.spec.badQuery !== undefined);
    const junk = fc.constantFrom('', 'x=1&', 'limit[]=2&', '%zz=1&', '&&');
    const arb = fc
      .constantFrom(...withQuery)
      .chain((route) =>
        fc.tuple(fc.constant(route), callerAndHeaders(), junk, route.spec.badQuery!(f)),
      );
    await fc.assert(
      fc.asyncProperty(arb, async ([route, [caller, headers], prefix, query]) => {
        await expectRefused(
          {
            method: route.method,
            path: fillPath(route.path, validParams(route)),
            query: prefix + query,
            headers,
            note: 'bad query',
          },
          { status: route.spec.allowed(caller) ? [400, 404] : [401, 403, 404] },
        );
      }),
      settings(),
    );
  });

  it('answers any query string of a GET without 5xx, and changes nothing', async () => {
    const gets = routesWhere((r) => r.method === 'GET');
    const pair = fc.tuple(
      fc.oneof(
        fc.constantFrom('limit', 'before', 'from', 'to', 'agreementId', 'measureId', 'id'),
        fc.string({ unit: 'binary', maxLength: 8 }).map(encodeSegment),
        fc.constantFrom('%', '%zz', '__proto__', 'limit[]', ''),
      ),
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 20 }).map(encodeSegment),
        fc.constantFrom('%', '%E0%A4', '%ED%A0%80', '%00', '', '=', '&', 'a'.repeat(5000)),
      ),
    );
    const query = fc
      .array(pair, { minLength: 1, maxLength: 4 })
      .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
    const arb = fc.tuple(fc.constantFrom(...gets), callerArb(), query);
    await fc.assert(
      fc.asyncProperty(arb, async ([route, caller, q]) => {
        await expectRefused(
          {
            method: 'GET',
            path: fillPath(route.path, validParams(route)),
            query: q,
            headers: caller,
            note: 'odd query',
          },
          { mayAnswer: true },
        );
      }),
      settings(),
    );
  });

  it('refuses valid requests from callers without the right (401, 403 or 404)', async () => {
    const guarded = routes.filter((route) => CALLERS.some((c) => !route.spec.allowed(c)));
    const arb = fc
      .constantFrom(...guarded)
      .chain((route) =>
        fc.tuple(
          fc.constant(route),
          callerAndHeaders(CALLERS.filter((c) => !route.spec.allowed(c))),
        ),
      );
    await fc.assert(
      fc.asyncProperty(arb, async ([route, [, headers]]) => {
        const body = validBody(route);
        await expectRefused(
          {
            method: route.method,
            path: fillPath(route.path, validParams(route)),
            headers: sameOrigin(route.method, headers, body !== undefined),
            body,
            note: 'caller without the right',
          },
          { status: [401, 403, 404] },
        );
      }),
      settings(),
    );
  });

  it('[R2] refuses cross-site requests with the cookie (403 forbidden_origin), however valid', async () => {
    const mutating = routesWhere((r) => MUTATING.has(r.method));
    const crossSite = fc.constantFrom<Record<string, string>>(
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost:3001' },
      { origin: 'http://localhost.evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
    );
    const arb = fc.tuple(fc.constantFrom(...mutating), callerArb(COOKIE_CALLERS), crossSite);
    await fc.assert(
      fc.asyncProperty(arb, async ([route, caller, site]) => {
        const body = validBody(route);
        await expectRefused(
          {
            method: route.method,
            path: fillPath(route.path, validParams(route)),
            headers: {
              ...caller,
              ...site,
              ...(body ? { 'content-type': 'application/json' } : {}),
            },
            body,
            note: 'cross-site',
          },
          { status: 403, code: 'forbidden_origin' },
        );
      }),
      settings(),
    );
  });

  it('[R3] refuses bodies that are not JSON (415), also from token clients', async () => {
    const mutating = routesWhere((r) => MUTATING.has(r.method));
    const contentType = fc.constantFrom<string | null>(
      null,
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      'application/json-patch+json',
      'json',
      '',
    );
    const arb = fc.tuple(
      fc.constantFrom(...mutating),
      callerArb(['admin', 'adminBearer', 'viewer', 'anonymous']),
      contentType,
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([route, caller, type]) => {
        const headers: Record<string, string> = { ...caller, origin: ORIGIN };
        const text = validBody(route) ?? '{}';
        // Without a type: bytes (a string body would get text/plain) and their length, as a
        // client that forgot the header sends them.
        const body = type === null ? new Uint8Array(Buffer.from(text)) : text;
        if (type === null) headers['content-length'] = String(body.length);
        else headers['content-type'] = type;
        await expectRefused(
          {
            method: route.method,
            path: fillPath(route.path, validParams(route)),
            headers,
            body,
            note: `content-type ${type}`,
          },
          { status: 415, code: 'unsupported_media_type' },
        );
      }),
      settings(),
    );
  });

  it('[R3] refuses bodies over the size limit (413)', async () => {
    const mutating = routesWhere((r) => MUTATING.has(r.method));
    const huge = fc.oneof(
      fc.integer({ min: 16 * 1024 + 1, max: 200_000 }).map((n) => `{"name":"${'x'.repeat(n)}"}`),
      fc.integer({ min: 16 * 1024 + 1, max: 200_000 }).map((n) => '['.repeat(n)),
      fc.constant(Buffer.alloc(1024 * 1024, 0x7b).toString()),
    );
    const arb = fc.tuple(fc.constantFrom(...mutating), callerArb(), huge);
    await fc.assert(
      fc.asyncProperty(arb, async ([route, caller, body]) => {
        await expectRefused(
          {
            method: route.method,
            path: fillPath(route.path, validParams(route)),
            headers: sameOrigin(route.method, caller, true),
            body,
            note: `body of ${body.length} bytes`,
          },
          { status: 413, code: 'payload_too_large' },
        );
      }),
      settings(),
    );
  });

  /** The methods each route path has, as the app lists them, in `Allow` order ([R5]). */
  const allowOf = (path: string) => {
    const taken = new Set(appRoutes().flatMap((r) => (r.path === path ? [r.method] : [])));
    if (taken.has('GET')) taken.add('HEAD');
    taken.add('OPTIONS');
    const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
    return order.filter((m) => taken.has(m)).join(', ');
  };

  it('[R5] refuses methods a path does not have with 405 and the methods it has in Allow', async () => {
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'FOO'];
    const wrongMethod = fc.constantFrom(...routes).chain((route) => {
      const allow = allowOf(route.path).split(', ');
      return fc.constantFrom(...methods.filter((m) => !allow.includes(m))).map((method) => ({
        method,
        path: fillPath(route.path, validParams(route)),
        allow: allowOf(route.path),
      }));
    });
    await fc.assert(
      fc.asyncProperty(wrongMethod, callerArb(), async ({ method, path, allow }, caller) => {
        const hasBody = method !== 'GET' && method !== 'HEAD';
        await expectRefused(
          {
            method,
            path,
            headers: sameOrigin(method, caller, hasBody),
            body: hasBody ? '{}' : undefined,
            note: 'method the path does not have',
          },
          { status: 405, code: 'method_not_allowed', headers: { allow } },
        );
      }),
      settings(),
    );
  });

  it('[R5] answers OPTIONS on every route path with 204 and Allow, no CORS, and changes nothing', async () => {
    const paths = [...new Set(routes.map((r) => r.path))];
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      const route = routes.find((r) => r.path === path)!;
      for (const caller of [callerHeaders.anonymous, callerHeaders.admin]) {
        const before = snapshot();
        const res = await send({
          method: 'OPTIONS',
          path: fillPath(path, validParams(route)),
          // A browser's CORS preflight: it must still fail (no Access-Control-Allow-Origin).
          headers: {
            ...caller,
            origin: 'https://evil.example',
            'access-control-request-method': 'DELETE',
          },
          note: 'OPTIONS',
        });
        expect(res.status, `OPTIONS ${path}`).toBe(204);
        expect(res.headers.get('allow'), `OPTIONS ${path}`).toBe(allowOf(path));
        expect(await res.text()).toBe('');
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        expect(res.headers.get('set-cookie')).toBeNull();
        expect(snapshot()).toEqual(before);
      }
    }
  });

  it('refuses paths that are not routes with 404 not_found', async () => {
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'FOO'];
    const wrongPath = fc.tuple(
      fc.constantFrom(...methods),
      fc.constantFrom(
        '/api',
        '/api/',
        '/api//me',
        '/api/me/',
        '/api/ME',
        '/api/agreements/tromsvekstavtalen/',
        '/api/agreements/tromsvekstavtalen/members/x/y',
        '/api/tokens/a/b',
        '/api/auth',
        '/api/auth/login/x',
        '/api/health/x',
        '/api/invitations',
        `/api/${'a'.repeat(10_000)}`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(wrongPath, callerArb(), async ([method, path], caller) => {
        const hasBody = method !== 'GET';
        await expectRefused(
          {
            method,
            path,
            headers: sameOrigin(method, caller, hasBody),
            body: hasBody ? '{}' : undefined,
            note: 'no such route',
          },
          { status: 404, code: 'not_found' },
        );
      }),
      settings(),
    );
  });

  it('[R6] answers a path with a dot segment in or into /api with 404 not_found, sent as is', async () => {
    // Over a real socket: fetch and `new URL` resolve dot segments before anything is sent.
    const single = ['.', '%2e', '%2E'];
    const double = ['..', '%2e%2e', '.%2E', '%2E.', '%2e.'];
    const arb = fc
      .constantFrom(...routes)
      .chain((route) => {
        const segments = fillPath(route.path, validParams(route)).split('/');
        return fc.tuple(
          fc.constant(route),
          fc.constant(segments),
          // 1 is before `api` (`/../api/me`, `/x/%2e%2e/api/me`), the last after everything.
          fc.integer({ min: 1, max: segments.length }),
          fc.oneof(
            fc.constantFrom(...single).map((dot) => [dot]),
            // With a segment for the `..` to cancel, the path resolves to the route itself.
            fc.constantFrom(...double).chain((dot) => fc.constantFrom([dot], ['x', dot])),
          ),
          fc.constantFrom<Caller>('adminBearer', 'anonymous'),
        );
      })
      .map(([route, segments, at, inserted, caller]) => ({
        route,
        target: [...segments.slice(0, at), ...inserted, ...segments.slice(at)].join('/'),
        caller,
      }));
    await fc.assert(
      fc.asyncProperty(arb, async ({ route, target, caller }) => {
        const body = validBody(route);
        const headers = {
          ...callerHeaders[caller as Exclude<Caller, 'badCredentials'>],
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        };
        const before = snapshot();
        const raw = await rawHttp(serverUrl, route.method, target, headers, body);
        const res = new Response(raw.status === 204 ? null : raw.body, {
          status: raw.status,
          headers: raw.headers,
        });
        const problems = raw.status === 404 ? [] : [`status ${raw.status}, not 404`];
        problems.push(...errorBodyProblems(res, raw.body, { code: 'not_found' }));
        for (const [table, digest] of snapshot()) {
          if (before.get(table) !== digest) problems.push(`table ${table} changed`);
        }
        if (problems.length > 0) {
          throw new Error(
            `${route.method} ${target} as ${caller}\n  -> ${raw.status} ${raw.body.slice(0, 300)}\n  ${problems.join('\n  ')}`,
          );
        }
      }),
      settings(),
    );
  });

  it('changes nothing when a client goes away in the middle of its body, and keeps serving', async () => {
    const before = snapshot();
    const { port, hostname } = new URL(serverUrl);
    const body = JSON.stringify({ name: 'halvveis' });
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => {
        socket.write(
          `POST /api/tokens HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
            `Authorization: Bearer ${adminBearerToken}\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${body.length + 50}\r\n\r\n${body}`,
        );
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    const health = await fetch(`${serverUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(snapshot()).toEqual(before);
  });
});
