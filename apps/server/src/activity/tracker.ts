import {
  type ColumnView,
  listColumns,
  listFocusAreas,
  listMeasures,
  listMilestones,
  type MilestoneView,
  measureText,
  measureTextEdits,
  observeAgreement,
  readMeasure,
  textBefore,
  textChanged,
} from '@tavla/domain';
import type * as Y from 'yjs';
import type { Logger } from '../log.js';
import type { DocHooks } from '../sync/hooks.js';
import {
  columnEvents,
  type DerivedEvent,
  MEASURE_TEXTS,
  type MeasureSnap,
  measureEvents,
  milestoneEvents,
  snapMeasure,
} from './derive.js';
import type { ActivityLog, RecordedBatch } from './log.js';

/** What the activity log remembers of a loaded document, to tell what a transaction changed. */
interface Tracked {
  measures: Map<string, MeasureSnap>;
  milestones: Map<string, MilestoneView>;
  columns: Map<string, ColumnView>;
  /** Focus areas whose measures are not remembered yet (warm-up after load). */
  pending: string[] | null;
  warmTimer: NodeJS.Immediate | null;
  /** Origin of the transaction being observed (set on beforeTransaction). */
  origin: unknown;
  /** Events of changes not known to be on disk yet, written after the next commit. */
  queue: RecordedBatch[];
  stop(): void;
}

/** The user behind a transaction origin: only changes sent over a connection are attributed. */
function senderOf(origin: unknown): string | null {
  if (typeof origin !== 'object' || origin === null) return null;
  const o = origin as { source?: unknown; userId?: unknown };
  return o.source === 'connection' && typeof o.userId === 'string' ? o.userId : null;
}

/**
 * Attribution (issue 5, [AL1]-[AL2]): watches every loaded agreement document and records, for
 * each transaction a connection applied, what it did, as that connection's user. Server-made
 * changes (migrations, initialisation) only refresh what is remembered.
 */
export class ActivityTracker {
  readonly #docs = new Map<string, Tracked>();

  constructor(
    private readonly log: ActivityLog,
    private readonly nameOf: (userId: string) => string | null,
    private readonly logger: Logger,
  ) {}

  readonly hooks: DocHooks = {
    afterLoad: (docId, doc) => {
      try {
        this.#attach(docId, doc);
      } catch (err) {
        // The log is a feature around the document, never a reason not to serve it.
        this.logger.error('activity: cannot watch the document', {
          doc: docId,
          error: err as Error,
        });
      }
    },
    // [AL1] like a broadcast, an event is recorded only once its change is on disk: a change
    // lost in a crash is recorded when the client sends it again, and never twice.
    afterStore: (docId) => this.#write(docId),
    beforeUnload: (docId) => {
      // Unloading happens only with everything stored ([S3]).
      this.#write(docId);
      this.#docs.get(docId)?.stop();
      this.#docs.delete(docId);
    },
  };

  #attach(docId: string, doc: Y.Doc): void {
    // A load that failed after this hook never unloads: drop what it left behind.
    this.#docs.get(docId)?.stop();
    const tracked: Tracked = {
      measures: new Map(),
      milestones: new Map(listMilestones(doc).map((m) => [m.id, m])),
      columns: new Map(listColumns(doc).map((c) => [c.id, c])),
      pending: listFocusAreas(doc).map((f) => f.id),
      warmTimer: null,
      origin: null,
      queue: [],
      stop: () => {},
    };
    const onBefore = (tr: Y.Transaction) => {
      tracked.origin = tr.origin;
      // Before anything changes, everything must be remembered: finish the warm-up now.
      if (tracked.pending) this.#warm(doc, tracked, Number.POSITIVE_INFINITY);
    };
    doc.on('beforeTransaction', onBefore);
    const stopObserving = observeAgreement(doc, (ids, other, tr) => {
      try {
        this.#changed(doc, tracked, ids, other, tr);
      } catch (err) {
        // Never let the log break the sync path; the change itself is stored regardless.
        this.logger.error('activity: deriving events failed', { doc: docId, error: err as Error });
      }
    });
    tracked.stop = () => {
      if (tracked.warmTimer) clearImmediate(tracked.warmTimer);
      doc.off('beforeTransaction', onBefore);
      stopObserving();
    };
    this.#docs.set(docId, tracked);
    // Remembering 5,000 measures costs a few hundred ms: not on the load path (clients wait for
    // it), but one focus area per event-loop turn after it ([RM6]).
    const step = () => {
      tracked.warmTimer = null;
      this.#warm(doc, tracked, 1);
      if (tracked.pending) tracked.warmTimer = setImmediate(step);
    };
    tracked.warmTimer = setImmediate(step);
  }

  /** Remembers the measures of up to `areas` more focus areas. */
  #warm(doc: Y.Doc, t: Tracked, areas: number): void {
    if (!t.pending) return;
    if (t.warmTimer && areas === Number.POSITIVE_INFINITY) {
      clearImmediate(t.warmTimer);
      t.warmTimer = null;
    }
    for (let i = 0; i < areas && t.pending.length > 0; i++) {
      const focusAreaId = t.pending.shift()!;
      for (const m of listMeasures(doc, { focusAreaId, includeArchived: true })) {
        if (!t.measures.has(m.id)) t.measures.set(m.id, snapMeasure(m));
      }
    }
    // Every measure belongs to a focus area (createMeasure requires one, and focus areas are
    // never deleted); measures created after the load are seen being created.
    if (t.pending.length === 0) t.pending = null;
  }

  #write(docId: string): void {
    const t = this.#docs.get(docId);
    if (!t || t.queue.length === 0) return;
    const batches = t.queue;
    t.queue = [];
    this.log.recordAll(docId, batches);
  }

  #changed(doc: Y.Doc, t: Tracked, ids: Set<string>, other: boolean, tr: Y.Transaction): void {
    const events: DerivedEvent[] = [];
    if (other) {
      const columns = listColumns(doc);
      events.push(...columnEvents(t.columns, columns));
      t.columns = new Map(columns.map((c) => [c.id, c]));
    }
    for (const id of ids) {
      const before = t.measures.get(id);
      // [AL6] Typing (most transactions by far): told from the transaction, the text not read.
      const typed = before ? measureTextEdits(tr, doc, id) : null;
      if (before && typed) {
        const fields = typed.filter((f) => textChanged(tr, measureText(doc, id, f)));
        for (const f of fields) before.fields[f] = null;
        if (fields.length > 0) {
          events.push({
            kind: 'measure.edited',
            measureId: id,
            summary: { fields },
            late: () => ({ title: this.#title(doc, t, id) }),
          });
        }
        continue;
      }
      if (before) this.#textsBefore(doc, tr, id, before);
      const after = readMeasure(doc, id);
      events.push(...measureEvents(id, before, after, t.columns));
      if (after) t.measures.set(id, snapMeasure(after));
      else t.measures.delete(id);
    }
    if (other) {
      const milestones = listMilestones(doc);
      events.push(...milestoneEvents(t.milestones, milestones, (id) => this.#title(doc, t, id)));
      t.milestones = new Map(milestones.map((m) => [m.id, m]));
    }
    const userId = senderOf(t.origin);
    if (!userId || events.length === 0) return;
    t.queue.push({
      actor: { id: userId, name: this.nameOf(userId) ?? '' },
      events,
      at: Date.now(),
    });
  }

  /**
   * Fills in the texts typing left unread in `snap`, as they read before transaction `tr`, so
   * that comparing with the measure after it tells exactly whether `tr` changed them. A text
   * `tr` created anew stays null: it counts as changed.
   */
  #textsBefore(doc: Y.Doc, tr: Y.Transaction, id: string, snap: MeasureSnap): void {
    for (const f of MEASURE_TEXTS) {
      if (snap.fields[f] !== null) continue;
      let text: Y.Text | null = null;
      try {
        text = measureText(doc, id, f);
      } catch {
        // The text is gone (not something the domain does): the comparison says "changed".
      }
      snap.fields[f] = text ? textBefore(tr, text) : null;
    }
  }

  /**
   * The title of measure `id` as it reads now (between transactions, or for a measure the
   * observed transaction did not touch, as it read before it), remembered again once read.
   */
  #title(doc: Y.Doc, t: Tracked, id: string): string {
    const snap = t.measures.get(id);
    const known = snap?.fields.title;
    if (known !== null && known !== undefined) return known;
    try {
      const title = measureText(doc, id, 'title').toString();
      if (snap) snap.fields.title = title;
      return title;
    } catch {
      return '';
    }
  }
}
