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
} from '@tavla/domain';
import type * as Y from 'yjs';
import type { Logger } from '../log.js';
import type { DocHooks } from '../sync/hooks.js';
import {
  columnEvents,
  type DerivedEvent,
  type MeasureSnap,
  measureEvents,
  milestoneEvents,
  snapMeasure,
  typedEvent,
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
      // Typing (most transactions by far) reads only the texts, not the whole measure.
      const typed = before ? measureTextEdits(tr, doc, id) : null;
      if (before && typed) {
        const texts: Partial<Record<(typeof typed)[number], string>> = {};
        for (const f of typed) texts[f] = measureText(doc, id, f).toString();
        const event = typedEvent(id, before, texts);
        if (event) events.push(event);
        continue;
      }
      const after = readMeasure(doc, id);
      events.push(...measureEvents(id, before, after, t.columns));
      if (after) t.measures.set(id, snapMeasure(after));
      else t.measures.delete(id);
    }
    if (other) {
      const milestones = listMilestones(doc);
      events.push(
        ...milestoneEvents(t.milestones, milestones, (id) => t.measures.get(id)?.title ?? ''),
      );
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
}
