import type { SessionInfo } from '@tavla/domain';
import type { Database } from 'better-sqlite3';
import { hashSecret, looksLikeSessionSecret, randomSecret } from './secrets.js';

interface SessionRow {
  id: string;
  user_id: string;
  expires_at: number;
  last_seen_at: number;
  revoked_at: number | null;
}

export interface SessionTimes {
  idleTtlMs: number;
  absoluteTtlMs: number;
  touchIntervalMs: number;
  now: () => number;
}

/**
 * Server-side sessions. The cookie carries a 256-bit random secret; the table keeps only its
 * SHA-256 (the session id), so a leaked database or backup cannot be replayed as a login.
 * A session ends at the first of: revocation, `expires_at` (absolute), or `idleTtlMs` after
 * `last_seen_at`.
 */
export class Sessions {
  readonly #s;

  constructor(
    db: Database,
    private readonly times: SessionTimes,
  ) {
    this.#s = {
      insert: db.prepare(
        `INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at, user_agent)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      byId: db.prepare<[string], SessionRow>(
        'SELECT id, user_id, expires_at, last_seen_at, revoked_at FROM sessions WHERE id = ?',
      ),
      liveOf: db.prepare<
        [string, number, number],
        { id: string; created_at: number; last_seen_at: number; user_agent: string | null }
      >(
        `SELECT id, created_at, last_seen_at, user_agent FROM sessions
         WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? AND last_seen_at > ?
         ORDER BY last_seen_at DESC`,
      ),
      ownerOf: db.prepare<[string], { user_id: string }>(
        'SELECT user_id FROM sessions WHERE id = ?',
      ),
      touch: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?'),
      revoke: db.prepare<[number, string], { id: string; user_id: string }>(
        'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING id, user_id',
      ),
      revokeAllOf: db.prepare<[number, string, string], { id: string }>(
        `UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id != ?
         RETURNING id`,
      ),
      purge: db.prepare(
        'DELETE FROM sessions WHERE expires_at < ? OR (revoked_at IS NOT NULL AND revoked_at < ?)',
      ),
    };
  }

  /** Starts a session; returns the secret for the cookie (never stored) and the stored id. */
  create(
    userId: string,
    userAgent: string | undefined,
  ): { secret: string; id: string; expiresAt: number } {
    const now = this.times.now();
    const secret = randomSecret();
    const id = hashSecret(secret);
    const expiresAt = now + this.times.absoluteTtlMs;
    // A user agent is for the person's own "where am I signed in" list; cap what we keep.
    this.#s.insert.run(id, userId, now, expiresAt, now, userAgent?.slice(0, 256) ?? null);
    return { secret, id, expiresAt };
  }

  /** The live session for a cookie secret, touching `last_seen_at`; null when it has ended. */
  validate(secret: string): { id: string; userId: string } | null {
    if (!looksLikeSessionSecret(secret)) return null;
    const row = this.#s.byId.get(hashSecret(secret));
    if (!row || row.revoked_at !== null) return null;
    const now = this.times.now();
    if (now >= row.expires_at || now >= row.last_seen_at + this.times.idleTtlMs) return null;
    if (now - row.last_seen_at >= this.times.touchIntervalMs) this.#s.touch.run(now, row.id);
    return { id: row.id, userId: row.user_id };
  }

  /** Whether a session (by stored id) is still live, without touching it. */
  isLive(id: string): boolean {
    const row = this.#s.byId.get(id);
    if (!row || row.revoked_at !== null) return false;
    const now = this.times.now();
    return now < row.expires_at && now < row.last_seen_at + this.times.idleTtlMs;
  }

  /** The user's live sessions, most recently used first (ASVS 3.3.4: see where you are signed in). */
  listLive(userId: string): Omit<SessionInfo, 'current'>[] {
    const now = this.times.now();
    return this.#s.liveOf.all(userId, now, now - this.times.idleTtlMs).map((row) => ({
      id: row.id,
      createdAt: new Date(row.created_at).toISOString(),
      lastSeenAt: new Date(row.last_seen_at).toISOString(),
      userAgent: row.user_agent,
    }));
  }

  ownerOf(id: string): string | null {
    return this.#s.ownerOf.get(id)?.user_id ?? null;
  }

  /** Revokes one session; returns its user when it was live. */
  revoke(id: string): { userId: string } | null {
    const row = this.#s.revoke.get(this.times.now(), id);
    return row ? { userId: row.user_id } : null;
  }

  /** Revokes every session of the user except `exceptId`; returns the revoked ids. */
  revokeAllOf(userId: string, exceptId = ''): string[] {
    return this.#s.revokeAllOf.all(this.times.now(), userId, exceptId).map((r) => r.id);
  }

  /** Deletes sessions that ended more than a day ago (kept that long for forensics). */
  purge(): number {
    const cutoff = this.times.now() - 24 * 60 * 60 * 1000;
    return this.#s.purge.run(cutoff, cutoff).changes;
  }
}
