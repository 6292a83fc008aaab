import { randomUUID } from 'node:crypto';
import type { ApiTokenInfo } from '@tavla/domain';
import type { Database } from 'better-sqlite3';
import { hashSecret, looksLikeApiToken, newApiToken } from './secrets.js';

export type { ApiTokenInfo } from '@tavla/domain';

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * API tokens for non-browser clients (`Authorization: Bearer tavla_...`). The token is shown
 * once at creation; the table keeps its SHA-256 only.
 */
export class ApiTokens {
  readonly #s;

  constructor(
    db: Database,
    private readonly times: { touchIntervalMs: number; now: () => number },
  ) {
    this.#s = {
      insert: db.prepare(
        'INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      byHash: db.prepare<[string], TokenRow>(
        `SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens
         WHERE token_hash = ?`,
      ),
      byId: db.prepare<[string], TokenRow>(
        `SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens
         WHERE id = ?`,
      ),
      touch: db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?'),
      listOf: db.prepare<[string], TokenRow>(
        `SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens
         WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at, id`,
      ),
      revoke: db.prepare(
        'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL',
      ),
    };
  }

  create(userId: string, name: string): ApiTokenInfo & { token: string } {
    const id = randomUUID();
    const token = newApiToken();
    const now = this.times.now();
    this.#s.insert.run(id, userId, name, hashSecret(token), now);
    return { id, name, token, createdAt: iso(now), lastUsedAt: null };
  }

  /** The token's owner when the token is valid and not revoked; touches `last_used_at`. */
  validate(token: string): { id: string; userId: string } | null {
    if (!looksLikeApiToken(token)) return null;
    const row = this.#s.byHash.get(hashSecret(token));
    if (!row || row.revoked_at !== null) return null;
    const now = this.times.now();
    if (row.last_used_at === null || now - row.last_used_at >= this.times.touchIntervalMs) {
      this.#s.touch.run(now, row.id);
    }
    return { id: row.id, userId: row.user_id };
  }

  isLive(id: string): boolean {
    const row = this.#s.byId.get(id);
    return !!row && row.revoked_at === null;
  }

  list(userId: string): ApiTokenInfo[] {
    return this.#s.listOf.all(userId).map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: iso(row.created_at),
      lastUsedAt: row.last_used_at === null ? null : iso(row.last_used_at),
    }));
  }

  /** Revokes one of the user's own tokens; false when there is no such live token. */
  revoke(userId: string, id: string): boolean {
    return this.#s.revoke.run(this.times.now(), id, userId).changes > 0;
  }
}
