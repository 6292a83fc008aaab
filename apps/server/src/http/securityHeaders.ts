import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers for the whole app (the server's app.ts may `app.use(securityHeaders())`).
 * CSP without inline or eval scripts (issue 5, ASVS 14.4.3). Styles allow 'unsafe-inline'
 * because component libraries set style attributes; that is not script execution.
 * `connect-src 'self'` covers same-origin ws:/wss: in current browsers (CSP Level 3).
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}

/**
 * Headers for JSON API responses: nothing to render, so the strictest CSP; and `no-store`,
 * because responses carry personal data and tokens that must not sit in shared caches.
 */
export function apiSecurityHeaders(): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
  });
  return async (c, next) => {
    await headers(c, next);
    c.header('Cache-Control', 'no-store');
  };
}
