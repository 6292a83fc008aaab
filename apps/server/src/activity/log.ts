import type { ActivityEvent, ActivityPage } from '@tavla/domain';
import type { Database } from '../db/database.js';
import type { DerivedEvent } from './derive.js';
import type { AuditRow } from '../accounts/audit.js';

export type { ActivityEvent, ActivityPage } from '@tavla/domain';

/** The events of one document transaction, by one person (or nobody), at one time. */
export interface RecordedBatch {
  actor: { id: string; name: string } | null;
  events: readonly DerivedEvent[];
  at: number;
}

/**
 * [AL4] Edits of the same thing by the same person within this window that touch no new field
 * are one event: typing a title is one "edited", not one per keystroke.
 */
export const COALESCE_WINDOW_MS = 60_000;

/** Administrative events of accounts (issue 5) shown in the feed, and their feed kinds. */
const AUDIT_KINDS: Record<string, string> = {
  'membership.added': 'member.joined',
  'membership.role_changed': 'member.role_changed',
  'membership.removed': 'member.removed',
  'invitation.created': 'member.invited',
  'invitation.revoked': 'member.invitation_revoked',
};

interface DocRow {
  id: number;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  kind: string;
  measure_id: string | null;
  milestone_id: string | null;
  summary: string;
}

/** Position in the feed: newest first by time, document events before audit events, then id. */
interface Cursor {
  at: number;
  src: 0 | 1;
  id: number;
}

const DOC = 1;
const AUDIT = 0;

function encodeCursor(c: Cursor): string {
  return `${c.at}.${c.src}.${c.id}`;
}

/** The cursor of `nextCursor`, or null when it is not one. */
export function decodeCursor(raw: string): Cursor | null {
  const m = /^(\d{1,15})\.([01])\.(\d{1,15})$/.exec(raw);
  if (!m) return null;
  return { at: Number(m[1]), src: Number(m[2]) as 0 | 1, id: Number(m[3]) };
}

/** One activity_events row, in the order of the insert's columns. */
type ActivityRow = [
  agreementId: string,
  at: number,
  actorId: string | null,
  actorName: string | null,
  kind: string,
  measureId: string | null,
  milestoneId: string | null,
  summary: string,
];

/**
 * The activity log's table (append-only, see activity/migrations.ts) and the feed that merges
 * it with the `audit_events` of accounts. Reads `audit_events` and `users`; never writes them.
 */
export class ActivityLog {
  readonly #s;
  readonly #recent = new Map<string, { at: number; fields: Set<string> }>();
  readonly #insertAll: (rows: readonly ActivityRow[]) => void;

  constructor(
    db: Database,
    private readonly now: () => number = Date.now,
  ) {
    const auditKinds = Object.keys(AUDIT_KINDS)
      .map((k) => `'${k}'`)
      .join(', ');
    this.#s = {
      insert: db.prepare<ActivityRow>(
        `INSERT INTO activity_events (agreement_id, at, actor_id, actor_name, kind, measure_id,
           milestone_id, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      docPage: db.prepare<[string, number, number, number, number], DocRow>(
        `SELECT id, at, actor_id, actor_name, kind, measure_id, milestone_id, summary
         FROM activity_events WHERE agreement_id = ? AND (at, ${DOC}, id) < (?, ?, ?)
         ORDER BY at DESC, id DESC LIMIT ?`,
      ),
      measurePage: db.prepare<[string, string, number, number, number, number], DocRow>(
        `SELECT id, at, actor_id, actor_name, kind, measure_id, milestone_id, summary
         FROM activity_events WHERE agreement_id = ? AND measure_id = ?
         AND (at, ${DOC}, id) < (?, ?, ?) ORDER BY at DESC, id DESC LIMIT ?`,
      ),
      auditPage: db.prepare<[string, number, number, number, number], AuditRow>(
        `SELECT e.id, e.at, e.kind, e.detail, e.actor_user_id AS actor_id, a.name AS actor_name,
           e.subject_user_id AS subject_id, s.name AS subject_name
         FROM audit_events e
         LEFT JOIN users a ON a.id = e.actor_user_id
         LEFT JOIN users s ON s.id = e.subject_user_id
         WHERE e.agreement_id = ? AND e.kind IN (${auditKinds}) AND (e.at, ${AUDIT}, e.id) < (?, ?, ?)
         ORDER BY e.at DESC, e.id DESC LIMIT ?`,
      ),
    };
    this.#insertAll = db.transaction((rows: readonly ActivityRow[]) => {
      for (const r of rows) this.#s.insert.run(...r);
    });
  }

  /**
   * Appends the events of one transaction by `actor` ([AL1]). `measure.edited` and
   * `milestone.edited` are coalesced per person and thing ([AL4]). Returns how many were written.
   */
  record(
    agreementId: string,
    actor: { id: string; name: string } | null,
    events: readonly DerivedEvent[],
    at: number = this.now(),
  ): number {
    return this.recordAll(agreementId, [{ actor, events, at }]);
  }

  /**
   * Appends several transactions' events in ONE SQLite transaction (one group commit's worth).
   * Coalescing happens in memory first: typing, whose edits all fall into an event already
   * written, opens no SQLite transaction at all.
   */
  recordAll(agreementId: string, batches: readonly RecordedBatch[]): number {
    const rows: ActivityRow[] = [];
    for (const { actor, events, at } of batches) {
      for (const e of events) {
        let summary = e.summary;
        if (e.kind === 'measure.edited' || e.kind === 'milestone.edited') {
          const fields = this.#coalesce(agreementId, actor?.id ?? '', e, at);
          if (fields.length === 0) continue;
          summary = { ...summary, fields };
        }
        // Read only now that the event is written ([AL6]): most typing never gets here.
        if (e.late) summary = { ...e.late(), ...summary };
        rows.push([
          agreementId,
          at,
          actor?.id ?? null,
          actor?.name ?? null,
          e.kind,
          e.measureId ?? null,
          e.milestoneId ?? null,
          JSON.stringify(summary),
        ]);
      }
    }
    if (rows.length > 0) this.#insertAll(rows);
    return rows.length;
  }

  /** The fields of an edit not yet recorded for this person and thing in the current window. */
  #coalesce(agreementId: string, actorId: string, e: DerivedEvent, at: number): string[] {
    const key = `${agreementId}\u0000${actorId}\u0000${e.kind}\u0000${e.measureId ?? e.milestoneId}`;
    const fields = (e.summary.fields as string[] | undefined) ?? [];
    const seen = this.#recent.get(key);
    if (!seen || at - seen.at >= COALESCE_WINDOW_MS) {
      this.#recent.set(key, { at, fields: new Set(fields) });
      this.#prune(at);
      return fields;
    }
    const fresh = fields.filter((f) => !seen.fields.has(f));
    for (const f of fresh) seen.fields.add(f);
    return fresh;
  }

  #prune(at: number): void {
    if (this.#recent.size < 1000) return;
    for (const [k, v] of this.#recent) if (at - v.at >= COALESCE_WINDOW_MS) this.#recent.delete(k);
  }

  /**
   * One page of the agreement's feed, newest first ([AL3]): document events and the
   * administrative ones of accounts, or only the events of one measure.
   */
  page(
    agreementId: string,
    opts: { limit: number; before?: string | null; measureId?: string },
  ): ActivityPage {
    const c = (opts.before && decodeCursor(opts.before)) || {
      at: Number.MAX_SAFE_INTEGER,
      src: 1 as const,
      id: Number.MAX_SAFE_INTEGER,
    };
    const n = opts.limit + 1;
    const docRows = opts.measureId
      ? this.#s.measurePage.all(agreementId, opts.measureId, c.at, c.src, c.id, n)
      : this.#s.docPage.all(agreementId, c.at, c.src, c.id, n);
    const auditRows = opts.measureId
      ? []
      : this.#s.auditPage.all(agreementId, c.at, c.src, c.id, n);
    const merged: { key: Cursor; event: ActivityEvent }[] = [
      ...docRows.map((r) => ({
        key: { at: r.at, src: DOC, id: r.id } as Cursor,
        event: docEvent(r),
      })),
      ...auditRows.map((r) => ({
        key: { at: r.at, src: AUDIT, id: r.id } as Cursor,
        event: auditEvent(r),
      })),
    ];
    merged.sort((a, b) => b.key.at - a.key.at || b.key.src - a.key.src || b.key.id - a.key.id);
    const page = merged.slice(0, opts.limit);
    const last = page[page.length - 1];
    return {
      events: page.map((p) => p.event),
      ...(merged.length > opts.limit && last ? { nextCursor: encodeCursor(last.key) } : {}),
      // By the clock that stamps the events: a browser whose own clock is off compares with
      // this instead (apps/web/src/api/serverClock.ts).
      serverTime: new Date(this.now()).toISOString(),
    };
  }
}

function docEvent(r: DocRow): ActivityEvent {
  return {
    id: `d${r.id}`,
    at: new Date(r.at).toISOString(),
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
    kind: r.kind,
    ...(r.measure_id ? { measureId: r.measure_id } : {}),
    ...(r.milestone_id ? { milestoneId: r.milestone_id } : {}),
    summary: JSON.parse(r.summary) as Record<string, unknown>,
  };
}

function auditEvent(r: AuditRow): ActivityEvent {
  const detail = r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : {};
  const kind = AUDIT_KINDS[r.kind] ?? r.kind;
  const subject = r.subject_id ? { userId: r.subject_id, userName: r.subject_name ?? '' } : {};
  const summary: Record<string, unknown> =
    kind === 'member.role_changed'
      ? { ...subject, from: detail.from ?? null, to: detail.to ?? null }
      : kind === 'member.joined'
        ? { ...subject, role: detail.to ?? null }
        : kind === 'member.invited'
          ? { role: detail.role ?? null }
          : subject;
  return {
    id: `a${r.id}`,
    at: new Date(r.at).toISOString(),
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
    kind,
    summary,
  };
}
