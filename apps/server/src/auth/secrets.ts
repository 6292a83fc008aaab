import { createHash, randomBytes } from 'node:crypto';

/** Prefix of API tokens, so that a leaked token is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'tavla_';

/** 32 random bytes, base64url: the secret part of session cookies, API tokens and invitations. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256, hex. Secrets are stored only as this hash: they are 256-bit random, so a fast hash is
 * enough (no dictionary to attack), and lookup by hash needs no timing-safe comparison.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new API token: `tavla_` + 43 base64url characters. */
export function newApiToken(): string {
  return TOKEN_PREFIX + randomSecret();
}

const TOKEN_PATTERN = /^tavla_[A-Za-z0-9_-]{43}$/;
const SESSION_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export function looksLikeSessionSecret(value: string): boolean {
  return SESSION_PATTERN.test(value);
}
