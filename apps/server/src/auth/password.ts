import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptParams } from './options.js';

/**
 * Password hashing with scrypt (memory-hard, in node:crypto). Encoded in the PHC string format
 * with its parameters, `$scrypt$ln=13,r=8,p=10$<salt>$<hash>` (base64url), so that the
 * cost can be raised later and old hashes still verify (see `needsRehash`).
 */

const SALT_BYTES = 16;

function scryptAsync(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      params.keyLength,
      // maxmem: scrypt needs 128*N*r (the p lanes reuse it one after another) plus a little;
      // allow twice that, so that raised parameters do not fail on Node's 32 MiB default.
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, params);
  const ln = Math.log2(params.N);
  return `$scrypt$ln=${ln},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

export function parsePasswordHash(encoded: string): ParsedHash | null {
  const parts = encoded.split('$');
  // ['', 'scrypt', 'ln=13,r=8,p=10', salt, key]
  if (parts.length !== 5 || parts[0] !== '' || parts[1] !== 'scrypt') return null;
  const fields = new Map(
    (parts[2] ?? '').split(',').map((kv) => kv.split('=', 2) as [string, string]),
  );
  const ln = Number(fields.get('ln'));
  const r = Number(fields.get('r'));
  const p = Number(fields.get('p'));
  if (![ln, r, p].every((n) => Number.isInteger(n) && n > 0) || ln > 22 || r > 32 || p > 16) {
    return null;
  }
  const salt = Buffer.from(parts[3] ?? '', 'base64url');
  const key = Buffer.from(parts[4] ?? '', 'base64url');
  if (salt.length < 8 || key.length < 16) return null;
  return { params: { N: 2 ** ln, r, p, keyLength: key.length }, salt, key };
}

/** True when `password` matches; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  if (!parsed) return false;
  const key = await scryptAsync(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with weaker parameters than `params` (then rehash at login). */
export function needsRehash(encoded: string, params: ScryptParams): boolean {
  const parsed = parsePasswordHash(encoded);
  if (!parsed) return true;
  const p = parsed.params;
  return p.N < params.N || p.r < params.r || p.p < params.p || p.keyLength < params.keyLength;
}

/**
 * Verifies against a fixed hash of a random password, so that a login for an unknown e-mail
 * costs the same scrypt work as one for a known e-mail (no user enumeration by timing).
 */
export class DummyPasswordCheck {
  #hash: Promise<string> | undefined;
  constructor(private readonly params: ScryptParams) {}
  async run(password: string): Promise<false> {
    this.#hash ??= hashPassword(randomBytes(16).toString('hex'), this.params);
    await verifyPassword(password, await this.#hash);
    return false;
  }
}

/** ASVS 2.1.1/2.1.2: at least 12 characters, at most 128 permitted (we accept up to 256). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Words that make a password guessable here: the service, the agreement, the parties, and
 * the most common long passwords. A small offline stand-in for a breached-password list
 * (ASVS 2.1.7); the length rule does most of the work.
 */
const GUESSABLE = [
  'tavla',
  'tromsvekst',
  'vekstavtale',
  'fylkeskommune',
  'tromsø',
  'tromso',
  'passord',
  'password',
  'qwerty',
  '123456',
  'abcdef',
  'sommer',
  'vinter',
];

/**
 * Why a new password is not acceptable, or null when it is: 12-256 characters, not mostly one
 * repeated character, not built from the person's e-mail/name or from locally obvious words.
 *
 * @example newPasswordProblem('Tromsø2026!!', { email: 'kari@fylke.example' }) // 'too easy to guess'
 */
export function newPasswordProblem(
  password: string,
  person: { email?: string; name?: string } = {},
): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return 'too few different characters';
  const personal = [person.email?.split('@')[0], ...(person.name?.split(/\s+/) ?? [])]
    .map((w) => w?.toLowerCase() ?? '')
    .filter((w) => w.length >= 3);
  // Strip the guessable words; what is left must still be a reasonable password on its own.
  let rest = lower;
  for (const word of [...personal, ...GUESSABLE]) rest = rest.split(word).join('');
  if (rest.replace(/[^\p{L}\p{N}]/gu, '').length < 6) return 'too easy to guess';
  return null;
}
