import type { Context } from 'hono';

/**
 * The client's IP address, for login throttling. Behind a reverse proxy (`trustProxy`), the last
 * X-Forwarded-For entry is the one our proxy appended; earlier entries are client-supplied.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Whether the request reached us over https (directly, or via a trusted proxy). */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (proto) return proto === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

/** The Host the browser addressed: the Host header, or the URL's host when there is none. */
export function requestHost(c: Context): string {
  return c.req.header('host') ?? new URL(c.req.url).host;
}
