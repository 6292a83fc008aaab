import type { Database } from 'better-sqlite3';
import { parse as parseCookies } from 'hono/utils/cookie';
import { Accounts, normaliseEmail } from '../accounts/accounts.js';
import { Invitations } from '../accounts/invitations.js';
import type { Organisation, PublicUser, Role, User } from '../accounts/types.js';
import { ApiTokens } from './apiTokens.js';
import { type AccessChangeListener, type CredentialRevocation, Listeners } from './events.js';
import type { AuthOptions } from './options.js';
import { DummyPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password.js';
import { FailureCounter } from './rateLimit.js';
import { Sessions } from './sessions.js';

export const SESSION_COOKIE = 'tavla_session';

/** Who is calling, as established from a session cookie or an API token. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  organisation: Organisation | null;
  isInstanceAdmin: boolean;
  /** Stored session id (SHA-256 of the cookie secret), when authenticated by cookie. */
  sessionId?: string;
  /** API token id, when authenticated by bearer token. */
  tokenId?: string;
}

export type LoginResult =
  | { ok: true; user: User; sessionSecret: string; sessionId: string; expiresAt: number }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'rate_limited'; retryAfterMs: number }
  | { ok: false; reason: 'busy' };

export function toPublicUser(user: PublicUser): PublicUser {
  return { id: user.id, email: user.email, name: user.name, organisation: user.organisation };
}

/**
 * The auth core, free of HTTP: logins with throttling, sessions, tokens, credential checks and
 * the access-change hooks. The REST routes (http/routes.ts) and the websocket upgrade both use it.
 */
export class AuthService {
  readonly accounts: Accounts;
  readonly sessions: Sessions;
  readonly tokens: ApiTokens;
  readonly invitations: Invitations;
  readonly accessChanges = new Listeners<Parameters<AccessChangeListener>>();
  readonly revocations = new Listeners<[CredentialRevocation]>();
  readonly #dummy: DummyPasswordCheck;
  readonly #byAccount: FailureCounter;
  readonly #byIp: FailureCounter;
  #pendingChecks = 0;

  constructor(
    readonly db: Database,
    readonly options: AuthOptions,
  ) {
    const now = options.now;
    this.accounts = new Accounts(db, {
      now,
      onMembershipChange: (userId, agreementId, role) =>
        this.accessChanges.emit(userId, agreementId, role),
    });
    this.sessions = new Sessions(db, {
      idleTtlMs: options.sessionIdleTtlMs,
      absoluteTtlMs: options.sessionAbsoluteTtlMs,
      touchIntervalMs: options.touchIntervalMs,
      now,
    });
    this.tokens = new ApiTokens(db, { touchIntervalMs: options.touchIntervalMs, now });
    this.invitations = new Invitations(db, { ttlMs: options.invitationTtlMs, now });
    this.#dummy = new DummyPasswordCheck(options.scrypt);
    const rl = options.loginRateLimit;
    this.#byAccount = new FailureCounter(rl.maxFailuresPerAccount, rl.windowMs, rl.maxEntries);
    this.#byIp = new FailureCounter(rl.maxFailuresPerIp, rl.windowMs, rl.maxEntries);
  }

  hashPassword(password: string): Promise<string> {
    return hashPassword(password, this.options.scrypt);
  }

  /**
   * Checks e-mail and password, throttled per account and per IP. Unknown e-mail, missing
   * password, disabled account and wrong password all give the same answer after the same
   * scrypt work (ASVS 2.2.1, 3.2; no user enumeration).
   */
  async login(input: {
    email: string;
    password: string;
    ip: string;
    userAgent?: string;
  }): Promise<LoginResult> {
    const now = this.options.now();
    const accountKey = normaliseEmail(input.email);
    const blockedFor = Math.max(
      this.#byAccount.blockedFor(accountKey, now),
      this.#byIp.blockedFor(input.ip, now),
    );
    if (blockedFor > 0) return { ok: false, reason: 'rate_limited', retryAfterMs: blockedFor };

    if (this.#pendingChecks >= this.options.maxPendingPasswordChecks) {
      return { ok: false, reason: 'busy' };
    }
    const found = this.accounts.credentialsByEmail(accountKey);
    let ok: boolean;
    this.#pendingChecks += 1;
    try {
      ok =
        found?.passwordHash != null
          ? await verifyPassword(input.password, found.passwordHash)
          : await this.#dummy.run(input.password);
    } finally {
      this.#pendingChecks -= 1;
    }
    if (!ok || !found || found.user.disabledAt !== null) {
      this.#byAccount.recordFailure(accountKey, now);
      this.#byIp.recordFailure(input.ip, now);
      // Recorded for unknown addresses too (without the address: people type passwords into
      // the e-mail field), so both paths cost the same write.
      this.accounts.audit({ kind: 'login.failed', subjectUserId: found?.user.id ?? null });
      return { ok: false, reason: 'invalid_credentials' };
    }
    this.#byAccount.reset(accountKey);
    if (found.passwordHash && needsRehash(found.passwordHash, this.options.scrypt)) {
      this.accounts.setPasswordHash(found.user.id, await this.hashPassword(input.password));
    }
    const session = this.sessions.create(found.user.id, input.userAgent);
    this.accounts.audit({ kind: 'login.succeeded', actorUserId: found.user.id });
    // Now and then, drop long-dead sessions so the table does not grow forever.
    if (Math.random() < 0.01) this.sessions.purge();
    return {
      ok: true,
      user: found.user,
      sessionSecret: session.secret,
      sessionId: session.id,
      expiresAt: session.expiresAt,
    };
  }

  /**
   * Authenticates by `Authorization: Bearer tavla_...` or by the `tavla_session` cookie. When an
   * Authorization header is present it alone decides (no fallback to the cookie), so a request
   * exempt from CSRF checks as a bearer request can never act with a cookie.
   */
  authenticate(headers: Headers): Principal | null {
    const authorization = headers.get('authorization');
    if (authorization !== null) {
      const match = /^Bearer +(\S+) *$/i.exec(authorization);
      if (!match?.[1]) return null;
      const token = this.tokens.validate(match[1]);
      return token ? this.#principal(token.userId, { tokenId: token.id }) : null;
    }
    const secret = sessionSecretFrom(headers);
    if (!secret) return null;
    const session = this.sessions.validate(secret);
    return session ? this.#principal(session.userId, { sessionId: session.id }) : null;
  }

  /** Whether the credential behind an earlier principal still works (for long-lived sockets). */
  isStillValid(principal: Principal): boolean {
    const user = this.accounts.user(principal.userId);
    if (!user || user.disabledAt !== null) return false;
    if (principal.sessionId) return this.sessions.isLive(principal.sessionId);
    if (principal.tokenId) return this.tokens.isLive(principal.tokenId);
    return false;
  }

  roleFor(userId: string, agreementId: string): Role | null {
    return this.accounts.roleFor(userId, agreementId);
  }

  logout(sessionId: string): void {
    const revoked = this.sessions.revoke(sessionId);
    if (revoked) {
      this.revocations.emit({ userId: revoked.userId, sessionIds: [sessionId], tokenIds: [] });
    }
  }

  /** Ends all of the user's sessions except `exceptSessionId` ("sign out everywhere"). */
  revokeSessions(userId: string, exceptSessionId?: string): string[] {
    const ids = this.sessions.revokeAllOf(userId, exceptSessionId);
    if (ids.length > 0) this.revocations.emit({ userId, sessionIds: ids, tokenIds: [] });
    this.accounts.audit({
      kind: 'sessions.revoked',
      actorUserId: userId,
      detail: { count: ids.length },
    });
    return ids;
  }

  revokeToken(userId: string, tokenId: string): boolean {
    const revoked = this.tokens.revoke(userId, tokenId);
    if (revoked) {
      this.revocations.emit({ userId, sessionIds: [], tokenIds: [tokenId] });
      this.accounts.audit({ kind: 'token.revoked', actorUserId: userId, detail: { tokenId } });
    }
    return revoked;
  }

  createToken(userId: string, name: string) {
    const token = this.tokens.create(userId, name);
    this.accounts.audit({ kind: 'token.created', actorUserId: userId, detail: { id: token.id } });
    return token;
  }

  /**
   * Changes the password after checking the current one (a wrong one counts as a failed login
   * for the account, so a stolen session cannot be used to guess it), then ends all other
   * sessions (ASVS 3.3.3).
   */
  async changePassword(input: {
    principal: Principal;
    currentPassword: string;
    newPassword: string;
    ip: string;
  }): Promise<'ok' | 'invalid_credentials' | { retryAfterMs: number }> {
    const { principal } = input;
    const now = this.options.now();
    const accountKey = principal.email;
    const blockedFor = this.#byAccount.blockedFor(accountKey, now);
    if (blockedFor > 0) return { retryAfterMs: blockedFor };
    const hash = this.accounts.passwordHashOf(principal.userId);
    const ok = hash
      ? await verifyPassword(input.currentPassword, hash)
      : await this.#dummy.run(input.currentPassword);
    if (!ok) {
      this.#byAccount.recordFailure(accountKey, now);
      this.#byIp.recordFailure(input.ip, now);
      return 'invalid_credentials';
    }
    this.accounts.setPasswordHash(principal.userId, await this.hashPassword(input.newPassword));
    this.accounts.audit({ kind: 'password.changed', actorUserId: principal.userId });
    this.revokeSessions(principal.userId, principal.sessionId);
    return 'ok';
  }

  #principal(userId: string, via: { sessionId?: string; tokenId?: string }): Principal | null {
    const user = this.accounts.user(userId);
    if (!user || user.disabledAt !== null) return null;
    return {
      userId: user.id,
      email: user.email,
      name: user.name,
      organisation: user.organisation,
      isInstanceAdmin: user.isInstanceAdmin,
      ...via,
    };
  }
}

/** The session cookie's value from a Cookie header, if any. */
export function sessionSecretFrom(headers: Headers): string | undefined {
  const cookie = headers.get('cookie');
  if (!cookie) return undefined;
  return parseCookies(cookie, SESSION_COOKIE)[SESSION_COOKIE];
}
