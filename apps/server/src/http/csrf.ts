import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';
import { requestHost } from './requestInfo.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for state-changing requests (OWASP ASVS 4.2.2, issue 5). Requests that may
 * carry the session cookie must come from an allowed Origin (or, without Origin, not be marked
 * cross-site by the browser's Sec-Fetch-Site). Requests with an Authorization header are exempt
 * from that: browsers never attach one by themselves, and `authenticate` then ignores the cookie.
 *
 * Every state-changing request, cookie or token, must carry JSON (or no body): HTML forms can
 * only send urlencoded, multipart or text/plain, and a cross-origin fetch with
 * `application/json` needs a CORS preflight that we never grant. For token clients it is the
 * API's contract ("everything is JSON"): a body of another type is refused (415) before any
 * route reads it, also by routes that take no body and would otherwise act on it unread.
 */
export function csrfProtection(
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean,
): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (c.req.header('authorization') === undefined) {
      const origin = c.req.header('origin');
      if (origin !== undefined) {
        if (!isAllowedOrigin(origin, requestHost(c))) {
          throw new ApiError(403, 'forbidden_origin', 'origin not allowed');
        }
      } else {
        const site = c.req.header('sec-fetch-site');
        if (site !== undefined && site !== 'same-origin' && site !== 'none') {
          throw new ApiError(403, 'forbidden_origin', 'cross-site request refused');
        }
      }
    }
    const contentType = c.req.header('content-type');
    if (contentType !== undefined) {
      const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
      if (mediaType !== 'application/json') {
        throw new ApiError(415, 'unsupported_media_type', 'send application/json');
      }
    } else if (hasBody(c.req.header('content-length'), c.req.header('transfer-encoding'))) {
      throw new ApiError(415, 'unsupported_media_type', 'send application/json');
    }
    return next();
  };
}

function hasBody(contentLength: string | undefined, transferEncoding: string | undefined): boolean {
  if (transferEncoding !== undefined) return true;
  return contentLength !== undefined && contentLength !== '0';
}
