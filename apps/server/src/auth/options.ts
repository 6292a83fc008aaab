/**
 * Options of the auth module, with defaults. The server's config (config.ts, owned by the sync
 * side) passes an `auth` section through `createAuth(db, options)`; every field is optional.
 */

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
  /** Derived key length in bytes. */
  keyLength: number;
}

export interface LoginRateLimitOptions {
  /** Failed logins allowed per account (e-mail address) within `windowMs`. */
  maxFailuresPerAccount: number;
  /** Failed logins allowed per client IP within `windowMs`. */
  maxFailuresPerIp: number;
  windowMs: number;
  /** Bound on tracked keys, so a flood of distinct e-mails cannot grow memory without limit. */
  maxEntries: number;
}

export interface AuthOptions {
  /**
   * Origins allowed for browser requests (REST state changes and websocket upgrades), e.g.
   * `['https://tavla.tromsfylke.no']`. Empty: only the origin of the request's own Host header.
   */
  allowedOrigins: string[];
  /** Sign out after this much inactivity. Default 12 h: one working day, as OWASP ASVS 3.3.2 suggests for L2. */
  sessionIdleTtlMs: number;
  /** Sign out at the latest this long after login. Default 14 days: re-authenticate every other week. */
  sessionAbsoluteTtlMs: number;
  /**
   * Write `last_seen_at` / `last_used_at` at most this often. Default 60 s: a write per request
   * would turn every REST call and websocket upgrade into a disk write; a minute of idle-timeout
   * precision does not matter against 12 h.
   */
  touchIntervalMs: number;
  /**
   * Secure flag on the session cookie. 'auto' (default): set when the request came over https
   * (or, with `trustProxy`, X-Forwarded-Proto says https), so plain-http localhost still works.
   */
  secureCookie: 'auto' | boolean;
  /**
   * Trust X-Forwarded-For / X-Forwarded-Proto. Default false: only behind a reverse proxy that
   * sets them; otherwise a client could pick its own IP and dodge the per-IP rate limit.
   */
  trustProxy: boolean;
  /** Default 10 failures per account / 100 per IP in 15 min. The IP limit is higher because a
   * county office or town hall puts many people behind one NAT address. */
  loginRateLimit: LoginRateLimitOptions;
  /**
   * scrypt parameters for new password hashes. Default N=2^13, r=8, p=10: one of the settings
   * OWASP's Password Storage Cheat Sheet lists as equal in defence to its minimum N=2^17, r=8,
   * p=1 (the others: 2^16/p=2, 2^15/p=3, 2^14/p=5), and the one that needs least memory: 8 MiB
   * per check instead of 128 (the p lanes run one after another in the same block), ~130 ms of
   * one core here. Memory is what a login storm costs this server: libuv runs four checks at once
   * (docs/performance.md, "Password hashing"). Each hash stores its parameters, so they can be
   * changed later (rehash on login, `needsRehash`).
   */
  scrypt: ScryptParams;
  /**
   * Password checks (scrypt) in flight at once before further logins get 503 + Retry-After.
   * Default 32: scrypt runs on libuv's 4 worker threads at ~130 ms per check, ~15 checks/s on two
   * cores; a
   * longer queue means a flood, and queued checks would delay every honest sign-in by seconds.
   */
  maxPendingPasswordChecks: number;
  /** An invitation link works this long. Default 7 days: time to read mail after a trip,
   * short enough that a forgotten link in an inbox goes stale (issue 5). */
  invitationTtlMs: number;
  /** Largest JSON body accepted by the auth routes. Default 16 KiB: credentials and names only. */
  maxBodyBytes: number;
  /** Clock, injectable for tests of expiry. */
  now: () => number;
}

export const DEFAULT_AUTH_OPTIONS: AuthOptions = {
  allowedOrigins: [],
  sessionIdleTtlMs: 12 * 60 * 60 * 1000,
  sessionAbsoluteTtlMs: 14 * 24 * 60 * 60 * 1000,
  touchIntervalMs: 60 * 1000,
  secureCookie: 'auto',
  trustProxy: false,
  loginRateLimit: {
    maxFailuresPerAccount: 10,
    maxFailuresPerIp: 100,
    windowMs: 15 * 60 * 1000,
    maxEntries: 10_000,
  },
  scrypt: { N: 2 ** 13, r: 8, p: 10, keyLength: 32 },
  maxPendingPasswordChecks: 32,
  invitationTtlMs: 7 * 24 * 60 * 60 * 1000,
  maxBodyBytes: 16 * 1024,
  now: () => Date.now(),
};

export type AuthOptionsInput = Partial<Omit<AuthOptions, 'loginRateLimit' | 'scrypt'>> & {
  loginRateLimit?: Partial<LoginRateLimitOptions>;
  scrypt?: Partial<ScryptParams>;
};

export function resolveAuthOptions(input: AuthOptionsInput = {}): AuthOptions {
  return {
    ...DEFAULT_AUTH_OPTIONS,
    ...input,
    loginRateLimit: { ...DEFAULT_AUTH_OPTIONS.loginRateLimit, ...input.loginRateLimit },
    scrypt: { ...DEFAULT_AUTH_OPTIONS.scrypt, ...input.scrypt },
  };
}

function positiveInt(env: Record<string, string | undefined>, key: string): number | undefined {
  const raw = env[key];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${key} must be a positive integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * The auth options that can be set from the environment (all optional; defaults above):
 * SESSION_IDLE_MINUTES, SESSION_MAX_DAYS, TRUST_PROXY (1/true), SECURE_COOKIES (auto/true/false),
 * LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_IP, LOGIN_WINDOW_MINUTES, SCRYPT_LOG_N, SCRYPT_P.
 * ALLOWED_ORIGINS is read by the server's config and passed as `allowedOrigins`.
 *
 * @example createAuth(db, { ...authOptionsFromEnv(process.env), allowedOrigins })
 */
export function authOptionsFromEnv(env: Record<string, string | undefined>): AuthOptionsInput {
  const out: AuthOptionsInput = {};
  const idle = positiveInt(env, 'SESSION_IDLE_MINUTES');
  if (idle) out.sessionIdleTtlMs = idle * 60 * 1000;
  const maxDays = positiveInt(env, 'SESSION_MAX_DAYS');
  // Cookie Max-Age is capped at 400 days by browsers (RFC 6265bis) and by Hono's serializer.
  if (maxDays) out.sessionAbsoluteTtlMs = Math.min(maxDays, 400) * 24 * 60 * 60 * 1000;
  if (env.TRUST_PROXY !== undefined && env.TRUST_PROXY !== '') {
    out.trustProxy = env.TRUST_PROXY === '1' || env.TRUST_PROXY.toLowerCase() === 'true';
  }
  const secure = env.SECURE_COOKIES?.toLowerCase();
  if (secure === 'true' || secure === '1') out.secureCookie = true;
  else if (secure === 'false' || secure === '0') out.secureCookie = false;
  else if (secure !== undefined && secure !== '' && secure !== 'auto') {
    throw new Error(`SECURE_COOKIES must be auto, true or false, got ${JSON.stringify(secure)}`);
  }
  const rl: Partial<LoginRateLimitOptions> = {};
  const perAccount = positiveInt(env, 'LOGIN_MAX_FAILURES');
  if (perAccount) rl.maxFailuresPerAccount = perAccount;
  const perIp = positiveInt(env, 'LOGIN_MAX_FAILURES_PER_IP');
  if (perIp) rl.maxFailuresPerIp = perIp;
  const window = positiveInt(env, 'LOGIN_WINDOW_MINUTES');
  if (window) rl.windowMs = window * 60 * 1000;
  if (Object.keys(rl).length > 0) out.loginRateLimit = rl;
  const scrypt = scryptFromEnv(positiveInt(env, 'SCRYPT_LOG_N'), positiveInt(env, 'SCRYPT_P'));
  if (scrypt) out.scrypt = scrypt;
  return out;
}

/**
 * The smallest p that OWASP's cheat sheet pairs with N = 2^logN (r = 8) for the defence of its
 * minimum, N = 2^17, p = 1. Below 2^13 it lists nothing: more lanes cannot make up for memory.
 */
export function owaspMinimumP(logN: number): number {
  const table: Record<number, number> = { 13: 10, 14: 5, 15: 3, 16: 2 };
  return logN >= 17 ? 1 : (table[logN] ?? Number.POSITIVE_INFINITY);
}

function scryptFromEnv(logN: number | undefined, p: number | undefined) {
  if (logN === undefined && p === undefined) return undefined;
  const ln = logN ?? Math.log2(DEFAULT_AUTH_OPTIONS.scrypt.N);
  // Above 2^20 one check needs 1 GiB; below 2^13 the cheat sheet has no setting at all.
  if (ln < 13 || ln > 20) throw new Error('SCRYPT_LOG_N must be between 13 and 20');
  const minimumP = owaspMinimumP(ln);
  const lanes = p ?? minimumP;
  if (lanes < minimumP || lanes > 16) {
    throw new Error(
      `SCRYPT_P must be between ${minimumP} and 16 with SCRYPT_LOG_N=${ln} (OWASP's minimum for 2^${ln})`,
    );
  }
  return { N: 2 ** ln, p: lanes };
}
