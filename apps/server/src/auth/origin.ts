/**
 * Origin checks for browser requests: REST state changes (CSRF) and websocket upgrades
 * (cross-site websocket hijacking). Browsers always send Origin on those; its absence means a
 * non-browser client (curl, scripts with API tokens), which cannot ride a victim's cookies.
 */

/** `scheme://host[:port]` in canonical form (lowercase, default port dropped), or null. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** `host[:port]` of a Host header in canonical form, or null. */
function normaliseHost(host: string, scheme: 'http' | 'https'): string | null {
  try {
    const url = new URL(`${scheme}://${host}`);
    if (url.username || url.password || url.pathname !== '/' || url.search) return null;
    return url.host;
  } catch {
    return null;
  }
}

/**
 * Decides whether a request with this Origin may act with the user's cookie.
 * - No Origin: allowed (non-browser client).
 * - `allowedOrigins` configured: the origin must be one of them.
 * - Otherwise: the origin must be the request's own (`http(s)://` + the Host header).
 * The opaque origin `null` (sandboxed iframes, file://) is never allowed.
 *
 * @example isAllowedOrigin('http://localhost:3000', 'localhost:3000', []) // true
 */
export function isAllowedOrigin(
  origin: string | undefined | null,
  host: string | undefined | null,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined || origin === null) return true;
  const normalised = normaliseOrigin(origin);
  if (!normalised) return false;
  if (allowedOrigins.length > 0) {
    return allowedOrigins.some((allowed) => normaliseOrigin(allowed) === normalised);
  }
  if (!host) return false;
  const url = new URL(normalised);
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  return normaliseHost(host, scheme) === url.host;
}
