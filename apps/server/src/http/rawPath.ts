import type { Context, MiddlewareHandler } from 'hono';

/**
 * [R6] Paths are taken as sent. The URL parser resolves dot segments before any route sees the
 * path (`/api/%2e%2e/me` becomes `/me`, `/api/x/../me` becomes `/api/me`) and Hono decodes
 * percent-escapes (`/%61pi/me` is routed as `/api/me`); a proxy or log in front of us sees the
 * path as it was sent. So a request is the API's when either its raw path or the path it was
 * resolved to is under `/api`, and such a request whose raw path has a dot segment (also
 * percent-encoded), or that the resolution moved into or out of `/api`, is no route: 404,
 * answered by the API in JSON.
 */
export function apiRawPathGuard(notFound: (c: Context) => Response): MiddlewareHandler {
  return async (c, next) => {
    const raw = rawPath(c);
    if (raw !== null) {
      const rawApi = underApi(raw);
      const resolvedApi = underApi(c.req.path);
      if ((rawApi || resolvedApi) && (rawApi !== resolvedApi || DOT_SEGMENT.test(raw))) {
        c.header('Cache-Control', 'no-store');
        return notFound(c);
      }
    }
    await next();
  };
}

/** A `.` or `..` segment, also percent-encoded (`%2e`, `.%2E`), between `/` (or `\`). */
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){1,2}(?=$|[/\\])/i;

const underApi = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * The path of the request target as the client sent it, without the query; null when the
 * request did not come through the Node server (`app.request` in tests), which resolves it.
 */
export function rawPath(c: Context): string | null {
  // @hono/node-server passes the IncomingMessage as `env.incoming`; its `url` is the target.
  const target = (c.env as { incoming?: { url?: unknown } } | undefined)?.incoming?.url;
  if (typeof target !== 'string') return null;
  let path = target;
  // The absolute form (`GET http://host/api/me HTTP/1.1`), which HTTP/1.1 servers must accept.
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path);
  if (authority) path = path.slice(authority[0].length) || '/';
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}
