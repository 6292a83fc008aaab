import type { SessionInfo } from '@tavla/domain';
import { deleteCookie } from 'hono/cookie';
import * as z from 'zod/mini';
import { newPasswordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password.js';
import { SESSION_COOKIE, sessionSecretFrom, toPublicUser } from '../auth/service.js';
import { type ApiApp, type RouteContext, setSessionCookie } from './context.js';
import { ApiError, readJson } from './errors.js';
import { newPasswordText } from './text.js';
import { clientIp } from './requestInfo.js';

const loginBody = z.object({
  // Any string up to the RFC 5321 length: a malformed e-mail is just a wrong credential.
  email: z.string().check(z.maxLength(254)),
  password: z.string().check(z.maxLength(PASSWORD_MAX_LENGTH)),
});
const passwordBody = z.object({
  currentPassword: z.string().check(z.maxLength(PASSWORD_MAX_LENGTH)),
  newPassword: newPasswordText(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH),
});

const retryAfter = (ms: number) => ({ 'Retry-After': String(Math.ceil(ms / 1000)) });

/** Sign in and out, the caller's own account. */
export function registerSessionRoutes(app: ApiApp, { service, requireAuth }: RouteContext): void {
  const { options } = service;

  app.post('/auth/login', async (c) => {
    const body = await readJson(c, loginBody);
    const result = await service.login({
      email: body.email,
      password: body.password,
      ip: clientIp(c, options.trustProxy),
      userAgent: c.req.header('user-agent'),
    });
    if (!result.ok) {
      if (result.reason === 'rate_limited') {
        throw new ApiError(
          429,
          'rate_limited',
          'too many failed sign-ins; try again later',
          retryAfter(result.retryAfterMs),
        );
      }
      if (result.reason === 'busy') {
        throw new ApiError(503, 'unavailable', 'too many sign-ins at once; try again', {
          'Retry-After': '1',
        });
      }
      throw new ApiError(401, 'invalid_credentials', 'wrong e-mail address or password');
    }
    // A new session id at every login (no session fixation); end the one the browser had.
    const previous = service.authenticate(c.req.raw.headers);
    if (previous?.sessionId) service.logout(previous.sessionId);
    setSessionCookie(c, service, result.sessionSecret);
    return c.json({ user: toPublicUser(result.user) });
  });

  app.post('/auth/logout', (c) => {
    const principal = service.authenticate(c.req.raw.headers);
    if (principal?.sessionId) service.logout(principal.sessionId);
    if (sessionSecretFrom(c.req.raw.headers) !== undefined) deleteCookie(c, SESSION_COOKIE);
    return c.body(null, 204);
  });

  app.post('/auth/logout-everywhere', requireAuth, (c) => {
    service.revokeSessions(c.get('principal').userId);
    deleteCookie(c, SESSION_COOKIE);
    return c.body(null, 204);
  });

  app.get('/me', requireAuth, (c) => {
    const principal = c.get('principal');
    return c.json({
      user: toPublicUser({ ...principal, id: principal.userId }),
      isInstanceAdmin: principal.isInstanceAdmin,
      // Asked for on every page load: the web client's estimate of the server's clock starts
      // here (apps/web/src/api/serverClock.ts).
      serverTime: new Date().toISOString(),
    });
  });

  // Where am I signed in? The id is the stored hash, not the cookie secret: it cannot sign in.
  app.get('/me/sessions', requireAuth, (c) => {
    const principal = c.get('principal');
    const sessions = service.sessions
      .listLive(principal.userId)
      .map((s): SessionInfo => ({ ...s, current: s.id === principal.sessionId }));
    return c.json({ sessions });
  });

  app.delete('/me/sessions/:id', requireAuth, (c) => {
    const principal = c.get('principal');
    const id = c.req.param('id');
    if (service.sessions.ownerOf(id) !== principal.userId || !service.sessions.isLive(id)) {
      throw new ApiError(404, 'not_found', 'session not found');
    }
    service.logout(id);
    if (id === principal.sessionId) deleteCookie(c, SESSION_COOKIE);
    return c.body(null, 204);
  });

  app.post('/me/password', requireAuth, async (c) => {
    const body = await readJson(c, passwordBody);
    const principal = c.get('principal');
    const problem = newPasswordProblem(body.newPassword, principal);
    if (problem) throw new ApiError(400, 'bad_request', `newPassword: ${problem}`);
    const result = await service.changePassword({
      principal,
      currentPassword: body.currentPassword,
      newPassword: body.newPassword,
      ip: clientIp(c, options.trustProxy),
    });
    if (result === 'invalid_credentials') {
      throw new ApiError(400, 'wrong_password', 'the current password is wrong');
    }
    if (result !== 'ok') {
      throw new ApiError(
        429,
        'rate_limited',
        'too many failed attempts; try again later',
        retryAfter(result.retryAfterMs),
      );
    }
    return c.body(null, 204);
  });
}
