import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuthService } from '../auth/service.js';
import { registerAdminRoutes } from './adminRoutes.js';
import { registerAgreementRoutes } from './agreementRoutes.js';
import type { Env, RouteContext } from './context.js';
import { csrfProtection } from './csrf.js';
import { ApiError, apiErrorHandler } from './errors.js';
import { registerInvitationRoutes } from './invitationRoutes.js';
import { apiSecurityHeaders } from './securityHeaders.js';
import { registerSessionRoutes } from './sessionRoutes.js';
import { registerTokenRoutes } from './tokenRoutes.js';

/**
 * The REST API of accounts and access, to mount at `/api` (`app.route('/api', routes)`).
 * Every route answers JSON; errors are `{ error: { code, message } }`. Middleware order:
 * security headers, body size limit, CSRF check, then the route (which authenticates).
 */
export function createApiRoutes(
  service: AuthService,
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean,
): Hono<Env> {
  const app = new Hono<Env>();
  app.onError(apiErrorHandler);
  app.use('*', apiSecurityHeaders());
  app.use(
    '*',
    bodyLimit({
      maxSize: service.options.maxBodyBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'request body too large');
      },
    }),
  );
  app.use('*', csrfProtection(isAllowedOrigin));

  const context = routeContext(service);

  registerSessionRoutes(app, context);
  registerTokenRoutes(app, context);
  registerAgreementRoutes(app, context);
  registerInvitationRoutes(app, context);
  registerAdminRoutes(app, context);
  return app;
}

/**
 * What routes of other modules (read model, activity) need to join these: the same
 * authentication middleware (sets `principal` or answers 401) and the auth service.
 */
export function routeContext(service: AuthService): RouteContext {
  const requireAuth: MiddlewareHandler<Env> = async (c, next) => {
    const principal = service.authenticate(c.req.raw.headers);
    if (!principal) throw new ApiError(401, 'unauthenticated', 'sign in first');
    c.set('principal', principal);
    await next();
  };
  return { service, requireAuth };
}
