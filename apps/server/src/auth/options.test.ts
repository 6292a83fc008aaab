import { describe, expect, it } from 'vitest';
import {
  authOptionsFromEnv,
  DEFAULT_AUTH_OPTIONS,
  owaspMinimumP,
  resolveAuthOptions,
} from './options.js';

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
    // Only N given: p is OWASP's partner of that N.
    expect(o.scrypt).toMatchObject({ N: 2 ** 16, r: 8, p: 2 });
  });

  it('refuses nonsense instead of silently weakening security', () => {
    expect(() => authOptionsFromEnv({ LOGIN_MAX_FAILURES: '-1' })).toThrow(/LOGIN_MAX_FAILURES/);
    expect(() => authOptionsFromEnv({ SECURE_COOKIES: 'maybe' })).toThrow(/SECURE_COOKIES/);
    expect(() => authOptionsFromEnv({ SCRYPT_LOG_N: '8' })).toThrow(/SCRYPT_LOG_N/);
    expect(() => authOptionsFromEnv({ SCRYPT_LOG_N: '12' })).toThrow(/SCRYPT_LOG_N/);
    expect(() => authOptionsFromEnv({ SCRYPT_LOG_N: '21' })).toThrow(/SCRYPT_LOG_N/);
    // Fewer lanes than OWASP pairs with that N would weaken the hash.
    expect(() => authOptionsFromEnv({ SCRYPT_P: '1' })).toThrow(/SCRYPT_P must be between 10/);
    expect(() => authOptionsFromEnv({ SCRYPT_LOG_N: '15', SCRYPT_P: '2' })).toThrow(/SCRYPT_P/);
    expect(() => authOptionsFromEnv({ SCRYPT_LOG_N: '17', SCRYPT_P: '17' })).toThrow(/SCRYPT_P/);
  });

  it('defaults to an OWASP setting and takes any other row of its table', () => {
    // N=2^13, r=8, p=10: 8 MiB per check, equal in defence to N=2^17, p=1 (128 MiB).
    expect(DEFAULT_AUTH_OPTIONS.scrypt).toEqual({ N: 2 ** 13, r: 8, p: 10, keyLength: 32 });
    expect(owaspMinimumP(13)).toBe(10);
    expect(owaspMinimumP(12)).toBe(Number.POSITIVE_INFINITY);
    expect(owaspMinimumP(18)).toBe(1);
    const rows: [string, number][] = [
      ['13', 10],
      ['14', 5],
      ['15', 3],
      ['16', 2],
      ['17', 1],
    ];
    for (const [logN, p] of rows) {
      const o = resolveAuthOptions(authOptionsFromEnv({ SCRYPT_LOG_N: logN }));
      expect(o.scrypt).toEqual({ N: 2 ** Number(logN), r: 8, p, keyLength: 32 });
    }
    expect(authOptionsFromEnv({ SCRYPT_P: '12' }).scrypt).toEqual({ N: 2 ** 13, p: 12 });
  });
});
