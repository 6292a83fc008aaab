import type { Database } from 'better-sqlite3';
import type { AuditEvent } from './types.js';

export interface AuditEntry {
  kind: string;
  actorUserId?: string | null;
  agreementId?: string | null;
  subjectUserId?: string | null;
  detail?: Record<string, unknown>;
}

/** A row of the audit table joined with the names of its actor and subject. */
export interface AuditRow {
  id: number;
  at: number;
  kind: string;
  detail: string | null;
  actor_id: string | null;
  actor_name: string | null;
  subject_id: string | null;
  subject_name: string | null;
}

/**
 * Who did what, when: memberships, invitations, sign-ins, tokens (issue 5). The table refuses
 * UPDATE and DELETE (migration auth-0004), so nothing in it can be edited through the app.
 */
export class AuditLog {
  readonly #s;

  constructor(
    db: Database,
    private readonly now: () => number,
  ) {
    this.#s = {
      insert: db.prepare(
        `INSERT INTO audit_events (at, actor_user_id, agreement_id, subject_user_id, kind, detail)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      ofAgreement: db.prepare<[string, number, number], AuditRow>(
        `SELECT e.id, e.at, e.kind, e.detail, e.actor_user_id AS actor_id, a.name AS actor_name,
           e.subject_user_id AS subject_id, s.name AS subject_name
         FROM audit_events e
         LEFT JOIN users a ON a.id = e.actor_user_id
         LEFT JOIN users s ON s.id = e.subject_user_id
         WHERE e.agreement_id = ? AND e.id < ? ORDER BY e.id DESC LIMIT ?`,
      ),
    };
  }

  /** Appends an event. Never put secrets or passwords in `detail`. */
  append(entry: AuditEntry): void {
    this.#s.insert.run(
      this.now(),
      entry.actorUserId ?? null,
      entry.agreementId ?? null,
      entry.subjectUserId ?? null,
      entry.kind,
      entry.detail ? JSON.stringify(entry.detail) : null,
    );
  }

  /** The agreement's events, newest first; page with `before` (an event id), 1-200 per page. */
  ofAgreement(agreementId: string, page: { before?: number; limit?: number } = {}): AuditEvent[] {
    const rows = this.#s.ofAgreement.all(
      agreementId,
      page.before ?? Number.MAX_SAFE_INTEGER,
      Math.min(Math.max(page.limit ?? 50, 1), 200),
    );
    return rows.map((row) => ({
      id: row.id,
      at: new Date(row.at).toISOString(),
      kind: row.kind,
      actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
      subject: row.subject_id ? { id: row.subject_id, name: row.subject_name ?? '' } : null,
      detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
    }));
  }
}
