import type { Database } from 'better-sqlite3';
import type { Hono } from 'hono';
import type { Accounts } from '../accounts/accounts.js';
import type { Role } from '../accounts/types.js';
import { createApiRoutes } from '../http/routes.js';
import { type DemoAccount, seedDemo } from '../seed/demo.js';
import type { AccessChangeListener, RevocationListener } from './events.js';
import { migrateAuth } from './migrations.js';
import { type AuthOptions, type AuthOptionsInput, resolveAuthOptions } from './options.js';
import { isAllowedOrigin } from './origin.js';
import { AuthService, type Principal } from './service.js';

export interface Auth {
  /** Cookie `tavla_session` or `Authorization: Bearer tavla_...`; null when neither is valid. */
  authenticateRequest(headers: Headers): Promise<Principal | null>;
  /** Whether the credential behind a principal still works (sessions expire, get revoked). */
  isStillValid(principal: Principal): boolean;
  /** The user's role in the agreement; null for non-members, unknown agreements, disabled users. */
  roleFor(userId: string, agreementId: string): Role | null;
  /** Origin check for websocket upgrades and REST state changes (see auth/origin.ts). */
  isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean;
  /** The REST API, to mount with `app.route('/api', auth.routes)`. */
  routes: Hono;
  /** Demo organisations, users, agreement row and memberships; idempotent. */
  seedDemo(): Promise<DemoAccount[]>;
  /** A membership was added/changed/removed (role null) or the user was disabled. */
  onAccessChange(listener: AccessChangeListener): () => void;
  /** Sessions/tokens that stopped working (logout, sign out everywhere, password change). */
  onCredentialRevoked(listener: RevocationListener): () => void;
  /** Account services: users, organisations, agreements, memberships (tests, CLI, admin). */
  accounts: Accounts;
  hashPassword(password: string): Promise<string>;
  /** The auth core, for callers that need more than the above (tests, CLI). */
  service: AuthService;
  options: AuthOptions;
}

/**
 * Accounts, sessions, API tokens and access control over one SQLite database. Applies its
 * migrations if they are not applied yet (idempotent with db/database.ts `runMigrations`).
 *
 * @example
 * const auth = createAuth(db, { allowedOrigins: config.allowedOrigins });
 * app.route('/api', auth.routes);
 * const principal = await auth.authenticateRequest(upgradeHeaders);
 */
export function createAuth(db: Database, input: AuthOptionsInput = {}): Auth {
  migrateAuth(db);
  const options = resolveAuthOptions(input);
  const service = new AuthService(db, options);
  const originCheck = (origin: string | undefined, host: string | undefined) =>
    isAllowedOrigin(origin, host, options.allowedOrigins);
  const routes = createApiRoutes(service, originCheck) as unknown as Hono;
  return {
    authenticateRequest: async (headers) => service.authenticate(headers),
    isStillValid: (principal) => service.isStillValid(principal),
    roleFor: (userId, agreementId) => service.roleFor(userId, agreementId),
    isAllowedOrigin: originCheck,
    routes,
    seedDemo: () => seedDemo(service.accounts, (p) => service.hashPassword(p)),
    onAccessChange: (listener) => service.accessChanges.add(listener),
    onCredentialRevoked: (listener) => service.revocations.add(listener),
    accounts: service.accounts,
    hashPassword: (password) => service.hashPassword(password),
    service,
    options,
  };
}

export { Accounts, normaliseEmail, AGREEMENT_ID_PATTERN } from '../accounts/accounts.js';
export {
  AccountError,
  type AgreementSummary,
  type AuditEvent,
  type Member,
  type Organisation,
  type OrganisationKind,
  type PublicUser,
  type Role,
  type User,
} from '../accounts/types.js';
export { ApiError, type ApiErrorCode } from '../http/errors.js';
export { securityHeaders } from '../http/securityHeaders.js';
export { DEMO_PASSWORD, type DemoAccount } from '../seed/demo.js';
export type { AccessChangeListener, CredentialRevocation, RevocationListener } from './events.js';
export { authMigrations, migrateAuth, type Migration } from './migrations.js';
export {
  type AuthOptions,
  type AuthOptionsInput,
  authOptionsFromEnv,
  DEFAULT_AUTH_OPTIONS,
} from './options.js';
export { isAllowedOrigin as isOriginAllowed } from './origin.js';
export { PASSWORD_MIN_LENGTH, hashPassword, verifyPassword } from './password.js';
export { AuthService, type Principal, SESSION_COOKIE } from './service.js';
