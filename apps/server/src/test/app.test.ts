import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listMeasures, readMeasure } from '@tavla/domain';
import { Hono } from 'hono';
import { createApp } from '../app.js';
import { DEFAULTS, loadConfig } from '../config.js';
import { createLogger, silentLogger } from '../log.js';
import { isLoopback } from '../server.js';
import type { SyncGateway } from '../sync/gateway.js';
import { addUser, storedDoc, TestContext } from './harness.js';
import { rawHttp } from './rawHttp.js';

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

function webDist(): string {
  const dir = ctx.dir();
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Tavla</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  return dir;
}

describe('HTTP surface', () => {
  it('serves the web app with security headers and an SPA fallback', async () => {
    const server = await ctx.start({ overrides: { webDist: webDist() } });
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Tavla</title>');
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const asset = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const deep = await fetch(`${server.url}/board/focus-1?view=timeline`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>Tavla</title>');
    const traversal = await fetch(`${server.url}/%2e%2e/%2e%2e/etc/passwd`);
    expect(await traversal.text()).not.toContain('root:');
  });

  it('keeps /api and /ws out of the SPA fallback', async () => {
    const server = await ctx.start({ overrides: { webDist: webDist() } });
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    const ws = await fetch(`${server.url}/ws/tromsvekstavtalen`);
    expect(ws.status).toBe(426);
  });

  it('[R5] a method a path does not have is 405 with Allow; OPTIONS lists them; HEAD goes with GET', async () => {
    const server = await ctx.start();
    const put = await fetch(`${server.url}/api/me`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(put.headers.get('cache-control')).toBe('no-store');
    expect(await put.json()).toEqual({
      error: { code: 'method_not_allowed', message: expect.any(String) },
    });
    const get = await fetch(`${server.url}/api/auth/login`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    const head = await fetch(`${server.url}/api/auth/login`, { method: 'HEAD' });
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('POST, OPTIONS');
    // Parameters are matched as the routes match them.
    const members = await fetch(`${server.url}/api/agreements/x/members/y`, { method: 'POST' });
    expect(members.status).toBe(405);
    expect(members.headers.get('allow')).toBe('PATCH, DELETE, OPTIONS');
    const options = await fetch(`${server.url}/api/tokens`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect(options.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${server.url}/api/me`, { method: 'HEAD' })).status).toBe(401);
    expect((await fetch(`${server.url}/api/health`, { method: 'HEAD' })).status).toBe(200);
    const none = await fetch(`${server.url}/api/nope`, { method: 'OPTIONS' });
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('[R6] every raw /api path is answered by the API: dot segments resolve to no endpoint', async () => {
    const server = await ctx.start({ overrides: { webDist: webDist() } });
    const user = addUser(server, null);
    const refused = [
      '/api/../me',
      '/api/%2e%2e/me',
      '/api/%2E%2e/me',
      '/api/.%2e/me',
      '/api/./me',
      '/api/x/../me',
      '/api/agreements/%2e%2e/me',
      '/api/me/..',
      '/api/..',
      '/../api/me',
      '/x/%2e%2e/api/me',
      '/%61pi/me',
      '/api//me',
      '/api/me/',
      'http://127.0.0.1/api/../me',
      '/api/%2e%2e/ws/x',
    ];
    for (const target of refused) {
      for (const method of ['GET', 'DELETE']) {
        const res = await rawHttp(server.url, method, target, user.headers);
        expect(res.status, `${method} ${target}`).toBe(404);
        expect(res.headers['content-type'], target).toMatch(/^application\/json/);
        expect(res.headers['cache-control'], target).toBe('no-store');
        expect(JSON.parse(res.body), target).toEqual({
          error: { code: 'not_found', message: expect.any(String) },
        });
      }
    }
    // What is not a dot segment is served as before; the web app resolves its own paths.
    for (const target of [
      '/api/me',
      '/api/me?next=/../x',
      '/api/me?%2e%2e',
      'http://127.0.0.1/api/me',
    ]) {
      expect((await rawHttp(server.url, 'GET', target, user.headers)).status, target).toBe(200);
    }
    const web = await rawHttp(server.url, 'GET', '/board/../assets/app-abc123.js');
    expect(web.status).toBe(200);
    expect(web.body).toBe('console.log(1)');
  });

  it('answers /api/health with 200 while serving', async () => {
    const server = await ctx.start();
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('[S5] /api/health answers 503 once the server stops serving', async () => {
    let healthy = true;
    const app = createApp({
      apiRoutes: new Hono(),
      gateway: {} as SyncGateway,
      isHealthy: () => healthy,
      webDist: null,
      log: silentLogger,
    });
    expect((await app.request('/api/health')).status).toBe(200);
    healthy = false;
    const res = await app.request('/api/health');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
  });

  it('[S4] SEED=demo seeds accounts and the agreement once, restart-safe', async () => {
    const dataDir = ctx.dir();
    const first = await ctx.start({ dataDir, overrides: { seed: 'demo' } });
    expect(first.demoAccounts.map((a) => `${a.email}:${a.role}`)).toEqual([
      'koordinator@fylke.example:admin',
      'radgiver@ipr.example:editor',
      'leder@fylke.example:viewer',
    ]);
    const seeded = await first.storage.load('tromsvekstavtalen');
    expect(seeded?.snapshot).not.toBeNull();
    await first.shutdown();
    const second = await ctx.start({ dataDir, overrides: { seed: 'demo' } });
    const again = await second.storage.load('tromsvekstavtalen');
    // Not re-seeded: the stored state is the one from the first start.
    expect(Buffer.from(again!.snapshot!).equals(Buffer.from(seeded!.snapshot!))).toBe(true);
    expect(second.demoExposed).toBe(false);
  });

  it('[S4] SEED=demo makes the demo accounts owners of demo measures, named by the members API', async () => {
    const server = await ctx.start({ overrides: { seed: 'demo' } });
    const byEmail = (email: string) => server.auth.accounts.userByEmail(email)!.id;
    const kari = byEmail('koordinator@fylke.example');
    const ola = byEmail('radgiver@ipr.example');
    const ingrid = byEmail('leder@fylke.example');
    expect(server.demoAccounts.map((a) => a.userId)).toEqual([kari, ola, ingrid]);
    const doc = await storedDoc(server.storage, 'tromsvekstavtalen');
    const measures = listMeasures(doc);
    const owners = new Set(measures.flatMap((m) => m.owners));
    // Real, per-installation ids, never the seed's placeholders; the viewer owns nothing.
    expect(owners).toEqual(new Set([kari, ola]));
    expect(readMeasure(doc, 'm-1-1')!.owners).toEqual([ola]);
    expect(readMeasure(doc, 'm-1-2')!.owners).toEqual([kari, ola]);
    expect(measures.some((m) => m.owners.length === 0)).toBe(true);
    // The names the web shows for owners come from the agreement's members.
    const { token } = server.auth.service.createToken(ingrid, 'test');
    const res = await fetch(`${server.url}/api/agreements/tromsvekstavtalen/members`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const { members } = (await res.json()) as { members: { userId: string; name: string }[] };
    const nameOf = (id: string) => members.find((m) => m.userId === id)?.name;
    expect([...owners].map(nameOf).sort()).toEqual(['Kari Nordmann', 'Ola Hansen']);
  });

  it('[S4] SEED=demo makes the demo accounts authors of demo status updates and comments', async () => {
    const server = await ctx.start({ overrides: { seed: 'demo' } });
    const byEmail = (email: string) => server.auth.accounts.userByEmail(email)!.id;
    const kari = byEmail('koordinator@fylke.example');
    const ola = byEmail('radgiver@ipr.example');
    const doc = await storedDoc(server.storage, 'tromsvekstavtalen');
    const texts = listMeasures(doc)
      .map((m) => readMeasure(doc, m.id)!)
      .flatMap((m) => [...m.statusUpdates, ...m.comments]);
    expect(texts.length).toBeGreaterThan(0);
    // Real, per-installation ids beside the names, never the seed's placeholders (seed-kari).
    expect(new Set(texts.map((x) => x.authorId))).toEqual(new Set([kari, ola]));
    expect(readMeasure(doc, 'm-1-1')!.statusUpdates[0]?.authorId).toBe(ola);
    // The ids are members of the agreement, under the names the texts carry.
    const ingrid = byEmail('leder@fylke.example');
    const { token } = server.auth.service.createToken(ingrid, 'test');
    const res = await fetch(`${server.url}/api/agreements/tromsvekstavtalen/members`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const { members } = (await res.json()) as { members: { userId: string; name: string }[] };
    for (const x of texts) {
      expect(members.find((m) => m.userId === x.authorId)?.name).toBe(x.authorName);
    }
  });

  it('[S4] knows when demo accounts are exposed on a non-loopback address', async () => {
    const server = await ctx.start({ overrides: { seed: 'demo', host: '0.0.0.0' } });
    expect(server.demoExposed).toBe(true);
  });
});

describe('config', () => {
  it('defaults follow the service contract', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.seed).toBe('demo');
    expect(c.dbFile).toBe(path.resolve('./data/tavla.db'));
    expect(c.webDist).toBe(DEFAULTS.webDist);
    expect(c.webDist?.endsWith(path.join('apps', 'web', 'dist'))).toBe(true);
    expect(c.limits.maxPayloadBytes).toBe(8 * 1024 * 1024);
    expect(c.timeZone).toBe('Europe/Oslo');
  });

  it('reads the environment and rejects nonsense', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/x',
      SEED: 'none',
      ALLOWED_ORIGINS: 'https://a.example/, https://b.example',
      WEB_DIST: 'none',
      MAX_PAYLOAD_BYTES: '2048',
    });
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', seed: 'none', webDist: null });
    expect(c.dbFile).toBe('/tmp/x/tavla.db');
    expect(c.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.limits.maxPayloadBytes).toBe(2048);
  });

  it('resolves a relative DATA_DIR against the folder pnpm was started in (INIT_CWD)', () => {
    expect(loadConfig({ INIT_CWD: '/srv/tavla', DATA_DIR: './data' }).dbFile).toBe(
      '/srv/tavla/data/tavla.db',
    );
    expect(loadConfig({ INIT_CWD: '/srv/tavla' }).dataDir).toBe('/srv/tavla/data');
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ SEED: 'yes' })).toThrow(/SEED/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(loadConfig({ TIME_ZONE: 'America/New_York' }).timeZone).toBe('America/New_York');
    expect(() => loadConfig({ TIME_ZONE: 'Norge/Tromsø' })).toThrow(/TIME_ZONE/);
  });

  it('asks ICU about the time zone only when one is set (its data costs ~10 MB of memory)', () => {
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(loadConfig({}).timeZone).toBe('Europe/Oslo');
      expect(spy).not.toHaveBeenCalled();
      loadConfig({ TIME_ZONE: 'Europe/Oslo' });
      expect(spy).not.toHaveBeenCalled();
      loadConfig({ TIME_ZONE: 'UTC' });
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('knows loopback addresses', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('10.0.0.5')).toBe(false);
  });
});

describe('logs', () => {
  it('are JSON lines and never carry secrets', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(l) });
    log.debug('hidden');
    log.child({ conn: 'c1' }).info('hello', {
      headers: { cookie: 'tavla_session=abc', authorization: 'Bearer tavla_x' },
      token: 'tavla_secret',
      password: 'hunter2',
      error: new Error('boom'),
    });
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]!);
    expect(rec).toMatchObject({ level: 'info', msg: 'hello', conn: 'c1' });
    expect(rec.error.message).toBe('boom');
    expect(lines[0]).not.toMatch(/abc|tavla_x|tavla_secret|hunter2/);
  });
});
