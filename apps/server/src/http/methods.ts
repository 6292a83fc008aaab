import { TrieRouter } from 'hono/router/trie-router';

/** The order methods are listed in an `Allow` header. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** A route as Hono lists it in `app.routes`. */
export interface ListedRoute {
  method: string;
  path: string;
}

/**
 * [R5] The methods a path under `prefix` has, derived from the app's own route list (so a new
 * route is known here the moment it is registered; nothing is kept by hand). Paths are matched
 * the way the app matches them (Hono's router syntax: `/agreements/:id`, wildcards, patterns).
 * A path that is no route has none. HEAD goes with GET (Hono answers it from the GET route) and
 * OPTIONS with every path that has a route (the API fallback answers it, see `app.ts`).
 *
 * @example
 * const methodsOf = routeMethods(app.routes, '/api');
 * methodsOf('/api/me'); // ['GET', 'HEAD', 'OPTIONS']
 * methodsOf('/api/nope'); // []
 */
export function routeMethods(
  routes: readonly ListedRoute[],
  prefix: string,
): (path: string) => string[] {
  const router = new TrieRouter<string>();
  for (const r of routes) {
    if (r.path !== prefix && !r.path.startsWith(`${prefix}/`)) continue;
    // Middleware (`app.use`) and catch-alls are listed as ALL with a wildcard path: no route.
    if (r.method === 'ALL' && r.path.endsWith('*')) continue;
    router.add('ALL', r.path, r.method.toUpperCase());
  }
  return (path) => {
    const [matches] = router.match('GET', path);
    const methods = new Set(matches.map(([method]) => method));
    if (methods.size === 0) return [];
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return [...methods].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  };
}

function rank(method: string): number {
  const i = METHOD_ORDER.indexOf(method);
  return i === -1 ? METHOD_ORDER.length : i;
}
