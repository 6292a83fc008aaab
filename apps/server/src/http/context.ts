import type { Context, Hono, MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import type { Role } from '../accounts/types.js';
import type { AuthService, Principal } from '../auth/service.js';
import { SESSION_COOKIE } from '../auth/service.js';
import { ApiError } from './errors.js';
import { isHttps } from './requestInfo.js';

export type Env = { Variables: { principal: Principal } };
export type ApiApp = Hono<Env>;

/** What every group of routes gets from `createApiRoutes`. */
export interface RouteContext {
  service: AuthService;
  /** Sets `principal` or answers 401 `unauthenticated`. */
  requireAuth: MiddlewareHandler<Env>;
}

export const agreementNotFound = () => new ApiError(404, 'not_found', 'agreement not found');

/**
 * The caller's role in the agreement, or 404: an unknown agreement and one the caller is not a
 * member of answer the same, so nobody learns which agreements exist (issue 2, issue 5).
 */
export function memberRoleOr404(
  service: AuthService,
  principal: Principal,
  agreementId: string,
): Role {
  const role = service.roleFor(principal.userId, agreementId);
  if (!role) throw agreementNotFound();
  return role;
}

/** 404 for outsiders, 403 for members who are not admins of the agreement. */
export function requireAgreementAdmin(
  service: AuthService,
  principal: Principal,
  agreementId: string,
): void {
  if (memberRoleOr404(service, principal, agreementId) !== 'admin') {
    throw new ApiError(403, 'forbidden', 'only admins of this agreement may do this');
  }
}

export function requireInstanceAdmin(principal: Principal): void {
  if (!principal.isInstanceAdmin) {
    throw new ApiError(403, 'forbidden', 'only instance administrators may do this');
  }
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure over https. */
export function setSessionCookie(c: Context, service: AuthService, secret: string): void {
  const { options } = service;
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: options.secureCookie === 'auto' ? isHttps(c, options.trustProxy) : options.secureCookie,
    maxAge: Math.floor(options.sessionAbsoluteTtlMs / 1000),
  });
}
