import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password.js';
import {
  type AuthService,
  type Principal,
  SESSION_COOKIE,
  sessionSecretFrom,
  toPublicUser,
} from '../auth/service.js';
import { csrfProtection } from './csrf.js';
import { ApiError, apiErrorHandler, readJson } from './errors.js';
import { clientIp, isHttps } from './requestInfo.js';
import { apiSecurityHeaders } from './securityHeaders.js';

type Env = { Variables: { principal: Principal } };

/** Limits a user's live API tokens: enough for every script they run, not unbounded rows. */
const MAX_TOKENS_PER_USER = 50;

const loginBody = z.object({
  // Any string up to the RFC 5321 length: a malformed e-mail is just a wrong credential.
  email: z.string().max(254),
  password: z.string().max(PASSWORD_MAX_LENGTH),
});
const passwordBody = z.object({
  currentPassword: z.string().max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});
const tokenBody = z.object({ name: z.string().trim().min(1).max(100) });

const notFound = () => new ApiError(404, 'not_found', 'agreement not found');

/**
 * The REST API of accounts and access, to mount at `/api` (`app.route('/api', routes)`).
 * Every route answers JSON; errors are `{ error: { code, message } }`.
 */
export function createApiRoutes(
  service: AuthService,
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean,
): Hono<Env> {
  const { options, accounts } = service;
  const app = new Hono<Env>();
  app.onError(apiErrorHandler);
  app.use('*', apiSecurityHeaders());
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'request body too large');
      },
    }),
  );
  app.use('*', csrfProtection(isAllowedOrigin));

  const requireAuth: MiddlewareHandler<Env> = async (c, next) => {
    const principal = service.authenticate(c.req.raw.headers);
    if (!principal) throw new ApiError(401, 'unauthenticated', 'sign in first');
    c.set('principal', principal);
    await next();
  };

  const memberRole = (principal: Principal, agreementId: string) => {
    // Unknown agreement and "not a member" answer the same 404: no existence leak.
    const role = service.roleFor(principal.userId, agreementId);
    if (!role) throw notFound();
    return role;
  };

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
        const seconds = Math.ceil(result.retryAfterMs / 1000);
        throw new ApiError(429, 'rate_limited', 'too many failed sign-ins; try again later', {
          'Retry-After': String(seconds),
        });
      }
      throw new ApiError(401, 'invalid_credentials', 'wrong e-mail address or password');
    }
    // A new session id at every login (no session fixation); end the one the browser had.
    const previous = service.authenticate(c.req.raw.headers);
    if (previous?.sessionId) service.logout(previous.sessionId);
    setCookie(c, SESSION_COOKIE, result.sessionSecret, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure:
        options.secureCookie === 'auto' ? isHttps(c, options.trustProxy) : options.secureCookie,
      maxAge: Math.floor(options.sessionAbsoluteTtlMs / 1000),
    });
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
    });
  });

  app.post('/me/password', requireAuth, async (c) => {
    const body = await readJson(c, passwordBody);
    const result = await service.changePassword({
      principal: c.get('principal'),
      currentPassword: body.currentPassword,
      newPassword: body.newPassword,
      ip: clientIp(c, options.trustProxy),
    });
    if (result === 'invalid_credentials') {
      throw new ApiError(400, 'wrong_password', 'the current password is wrong');
    }
    if (result !== 'ok') {
      throw new ApiError(429, 'rate_limited', 'too many failed attempts; try again later', {
        'Retry-After': String(Math.ceil(result.retryAfterMs / 1000)),
      });
    }
    return c.body(null, 204);
  });

  app.get('/agreements', requireAuth, (c) => {
    return c.json({ agreements: accounts.agreementsOf(c.get('principal').userId) });
  });

  app.get('/agreements/:id', requireAuth, (c) => {
    const id = c.req.param('id');
    const role = memberRole(c.get('principal'), id);
    const agreement = accounts.agreement(id);
    if (!agreement) throw notFound();
    return c.json({ id: agreement.id, title: agreement.title, role });
  });

  app.get('/agreements/:id/members', requireAuth, (c) => {
    const id = c.req.param('id');
    memberRole(c.get('principal'), id);
    return c.json({ members: accounts.members(id) });
  });

  app.post('/tokens', requireAuth, async (c) => {
    const principal = c.get('principal');
    // A token cannot mint tokens: a leaked one must not outlive its own revocation.
    if (!principal.sessionId) {
      throw new ApiError(403, 'session_required', 'create tokens from a signed-in browser');
    }
    const body = await readJson(c, tokenBody);
    if (service.tokens.list(principal.userId).length >= MAX_TOKENS_PER_USER) {
      throw new ApiError(409, 'conflict', `at most ${MAX_TOKENS_PER_USER} tokens; revoke one`);
    }
    const token = service.createToken(principal.userId, body.name);
    return c.json(
      { id: token.id, name: token.name, token: token.token, createdAt: token.createdAt },
      201,
    );
  });

  app.get('/tokens', requireAuth, (c) => {
    return c.json({ tokens: service.tokens.list(c.get('principal').userId) });
  });

  app.delete('/tokens/:id', requireAuth, (c) => {
    if (!service.revokeToken(c.get('principal').userId, c.req.param('id'))) {
      throw new ApiError(404, 'not_found', 'token not found');
    }
    return c.body(null, 204);
  });

  return app;
}
