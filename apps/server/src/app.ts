import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { errorBody } from './http/errors.js';
import { routeMethods } from './http/methods.js';
import { apiRawPathGuard } from './http/rawPath.js';
import { securityHeaders } from './http/securityHeaders.js';
import type { Logger } from './log.js';
import type { SyncGateway } from './sync/gateway.js';

export interface AppDeps {
  /** The auth module's REST routes, mounted at /api. */
  apiRoutes: Hono;
  gateway: SyncGateway;
  /** True while the database is open and the server is not shutting down. */
  isHealthy(): boolean;
  /** Built web app directory, or null. */
  webDist: string | null;
  log: Logger;
}

const WS_PATH = /^\/ws\/[^/]+$/;

const apiError = (c: Context, status: 404 | 500 | 503, code: string, message: string) =>
  c.json({ error: { code, message } }, status);

/**
 * The HTTP surface: /api/health, the auth module's /api routes, the /ws/:agreementId sync
 * door, and the built web app with SPA fallback. Security headers on everything.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    deps.log.error('unhandled request error', { error: err, path: c.req.path });
    return apiError(c, 500, 'internal', 'internal error');
  });

  // Websocket upgrades anywhere but /ws/:agreementId are closed with 4400 ([L9]).
  app.use('*', async (c, next) => {
    if (c.req.header('upgrade')?.toLowerCase() === 'websocket' && !WS_PATH.test(c.req.path)) {
      return deps.gateway.handle(c, undefined);
    }
    await next();
  });

  app.use('*', securityHeaders());
  // [R6] /api paths are taken as sent: nothing resolves into or out of the API.
  app.use(
    '*',
    apiRawPathGuard((c) => apiError(c, 404, 'not_found', 'no such endpoint')),
  );

  app.get('/api/health', (c) => {
    c.header('Cache-Control', 'no-store');
    return deps.isHealthy()
      ? c.json({ ok: true })
      : c.json({ ok: false, error: { code: 'unavailable', message: 'not serving' } }, 503);
  });
  app.route('/api', deps.apiRoutes);
  // [R5] A path that is a route but not for this method: 405 with the methods it has; OPTIONS
  // is answered with them. Derived from the routes themselves, once all are registered.
  let methodsOf: ((path: string) => string[]) | null = null;
  app.all('/api/*', (c) => {
    methodsOf ??= routeMethods(app.routes, '/api');
    const methods = methodsOf(c.req.path);
    if (methods.length === 0) return apiError(c, 404, 'not_found', 'no such endpoint');
    const allow = methods.join(', ');
    // No CORS headers: a browser's preflight still fails, as it should ([R2]).
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: allow });
    return c.json(errorBody('method_not_allowed', 'method not allowed; see Allow'), 405, {
      Allow: allow,
    });
  });

  app.get('/ws/:agreementId', (c) => deps.gateway.handle(c, c.req.param('agreementId')));
  app.all('/ws/*', (c) => deps.gateway.handle(c, undefined));

  const webDist = deps.webDist;
  const index = webDist ? path.join(webDist, 'index.html') : null;
  if (webDist && index && fs.existsSync(index)) {
    app.use(
      '*',
      serveStatic({
        root: webDist,
        onFound: (file, c) => {
          // Vite puts content-hashed files under assets/: cache forever; the rest revalidates.
          const immutable = file.includes(`${path.sep}assets${path.sep}`);
          c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      }),
    );
    // SPA fallback: client-side routes get index.html (never for /api or /ws, handled above).
    app.get('*', async (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(await fs.promises.readFile(index, 'utf8'));
    });
  } else {
    deps.log.warn('web app not found; serving API and websocket only', { webDist });
    app.get('*', (c) =>
      c.text('Tavla server: the web app is not built (pnpm --filter @tavla/web build).', 404),
    );
  }
  return app;
}
