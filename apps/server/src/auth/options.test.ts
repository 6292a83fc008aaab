import { describe, expect, it } from 'vitest';
import { authOptionsFromEnv, DEFAULT_AUTH_OPTIONS, resolveAuthOptions } from './options.js';

describe('auth options', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(authOptionsFromEnv({})).toEqual({});
    const o = resolveAuthOptions({});
    expect(o.sessionIdleTtlMs).toBe(12 * 60 * 60 * 1000);
    expect(o.sessionAbsoluteTtlMs).toBe(14 * 24 * 60 * 60 * 1000);
    expect(o.loginRateLimit.maxFailuresPerAccount).toBe(10);
    expect(o.scrypt).toEqual(DEFAULT_AUTH_OPTIONS.scrypt);
  });

  it('reads the environment and merges nested sections over the defaults', () => {
    const o = resolveAuthOptions(
      authOptionsFromEnv({
        SESSION_IDLE_MINUTES: '30',
        SESSION_MAX_DAYS: '1',
        TRUST_PROXY: 'true',
        SECURE_COOKIES: 'true',
        LOGIN_MAX_FAILURES: '5',
        SCRYPT_LOG_N: '16',
      }),
    );
    expect(o.sessionIdleTtlMs).toBe(30 * 60 * 1000);
    expect(o.sessionAbsoluteTtlMs).toBe(24 * 60 * 60 * 1000);
    expect(o.trustProxy).toBe(true);
    expect(o.secureCookie).toBe(true);
    expect(o.loginRateLimit).toMatchObject({ maxFailuresPerAccount: 5, maxFailuresPerIp: 100 });
    expect(o.scrypt).toMatchObject({ N: 2 ** 16, r: 8, p: 1 });
  });

  it('refuses nonsense instead of silently weakening security', () => {
    expect(() => authOptionsFromEnv({ LOGIN_MAX_FAILURES: '-1' })).toThrow(/LOGIN_MAX_FAILURES/);
    expect(() => authOptionsFromEnv({ SECURE_COOKIES: 'maybe' })).toThrow(/SECURE_COOKIES/);
    expect(() => authOptionsFromEnv({ SCRYPT_LOG_N: '8' })).toThrow(/SCRYPT_LOG_N/);
  });
});
