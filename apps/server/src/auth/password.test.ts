import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_OPTIONS } from './options.js';
import {
  DummyPasswordCheck,
  hashPassword,
  needsRehash,
  newPasswordProblem,
  verifyPassword,
} from './password.js';

const FAST = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery', FAST);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });

  it('encodes its parameters and a per-hash salt', async () => {
    const a = await hashPassword('same password', FAST);
    const b = await hashPassword('same password', FAST);
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
  });

  it('hashes with the default cost (N=2^13, p=10) within the memory limit', async () => {
    const hash = await hashPassword('tavla-demo', DEFAULT_AUTH_OPTIONS.scrypt);
    expect(hash.startsWith('$scrypt$ln=13,r=8,p=10$')).toBe(true);
    expect(await verifyPassword('tavla-demo', hash)).toBe(true);
  });

  it('still verifies hashes of the earlier default (N=2^15, p=1) and asks to rehash them', async () => {
    const old = await hashPassword('tavla-demo', { N: 2 ** 15, r: 8, p: 1, keyLength: 32 });
    expect(await verifyPassword('tavla-demo', old)).toBe(true);
    expect(needsRehash(old, DEFAULT_AUTH_OPTIONS.scrypt)).toBe(true);
    const fresh = await hashPassword('tavla-demo', DEFAULT_AUTH_OPTIONS.scrypt);
    expect(needsRehash(fresh, DEFAULT_AUTH_OPTIONS.scrypt)).toBe(false);
  });

  it('asks for a rehash when the configured cost is higher than the stored one', async () => {
    const hash = await hashPassword('pw', FAST);
    expect(needsRehash(hash, FAST)).toBe(false);
    expect(needsRehash(hash, { ...FAST, N: 2 ** 15 })).toBe(true);
  });

  it('treats an unreadable hash as a mismatch, not an error', async () => {
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
    expect(
      await verifyPassword('x', '$scrypt$ln=99,r=8,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA'),
    ).toBe(false);
  });

  it('runs a dummy check that always fails', async () => {
    expect(await new DummyPasswordCheck(FAST).run('anything')).toBe(false);
  });
});

describe('newPasswordProblem', () => {
  it('accepts long passwords and passphrases', () => {
    expect(newPasswordProblem('et langt passord')).toBeNull();
    expect(newPasswordProblem('korrekt hest batteri stift')).toBeNull();
  });

  it('refuses short, repetitive and locally obvious passwords', () => {
    expect(newPasswordProblem('kort')).toMatch(/12/);
    expect(newPasswordProblem('aaaaaaaaaaaaaaaa')).toMatch(/different/);
    expect(newPasswordProblem('Tromsvekst2026!')).toMatch(/guess/);
    expect(newPasswordProblem('passwordpassword')).toMatch(/guess/);
    expect(
      newPasswordProblem('kari.nordmann-123', { email: 'kari.nordmann@fylke.example' }),
    ).toMatch(/guess/);
    expect(newPasswordProblem('Ingrid Leder 2026', { name: 'Ingrid Leder' })).toMatch(/guess/);
  });
});
