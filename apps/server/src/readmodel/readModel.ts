import { measureMap, measureTextEdits, migrate, observeAgreement } from '@tavla/domain';
import * as Y from 'yjs';
import type { Database } from '../db/database.js';
import type { Logger } from '../log.js';
import type { DocStorage } from '../storage/types.js';
import type { DocHooks } from '../sync/hooks.js';
import {
  type MeasureRows,
  type MeasureTitle,
  projectDoc,
  projectMeasure,
  projectStructure,
  projectTitle,
} from './project.js';
import { ReadModelStore } from './store.js';

export interface ReadModelOptions {
  db: Database;
  storage: DocStorage;
  log: Logger;
  /**
   * [RM3] Changes are projected at most this long after the first unprojected one (a window, not
   * a debounce that typing could postpone forever), keeping SQL writes off the sync hot path.
   */
  delayMs: number;
}

/** What changed in a loaded document since its last projection. */
interface Live {
  doc: Y.Doc;
  /** Measures to project whole. */
  measures: Set<string>;
  /** Measures whose title was typed in, and nothing else projected changed ([RM7]). */
  titles: Set<string>;
  structure: boolean;
  full: boolean;
  /** rm_docs.dirty was set for the pending changes. */
  markedDirty: boolean;
  timer: NodeJS.Timeout | null;
  stop: () => void;
}

/**
 * [RM7] What of a measure's row a transaction changed when it only typed in its texts: typing
 * in the description alone (not even moving `updatedAt`, which typing does once a minute)
 * changes nothing the projection holds (`measureRows` has no description): 'none'; typing in
 * the title changes only the title and `updatedAt`: 'title'. Anything else: 'all'.
 */
function projectedTyping(tr: Y.Transaction, doc: Y.Doc, id: string): 'none' | 'title' | 'all' {
  const typed = measureTextEdits(tr, doc, id);
  if (!typed) return 'all';
  if (typed.includes('title')) return 'title';
  const map = measureMap(doc, id);
  // biome-ignore lint/suspicious/noExplicitAny: Yjs keys `changed` by AbstractType<any>
  const keys = map ? tr.changed.get(map as Y.AbstractType<any>) : undefined;
  return keys?.has('updatedAt') ? 'title' : 'none';
}

/**
 * The server read model (issue 4): every agreement document projected into SQL tables, kept up
 * to date from the document lifecycle (afterLoad / afterStore / beforeUnload) and rebuilt from
 * storage on start when missing or stale. Rules [RM1]-[RM6] are in docs/server-rules.md.
 *
 * @example
 * const readModel = new ReadModel({ db, storage, log, delayMs: 250 });
 * await readModel.rebuild();            // before serving
 * new DocRegistry({ ..., hooks: readModel.hooks });
 */
export class ReadModel {
  readonly store: ReadModelStore;
  readonly #opts: ReadModelOptions;
  readonly #log: Logger;
  readonly #live = new Map<string, Live>();
  /** Milliseconds spent projecting, last and max (stats, perf tests). */
  readonly timings = { last: 0, max: 0, count: 0 };

  constructor(opts: ReadModelOptions) {
    this.#opts = opts;
    this.#log = opts.log.child({ module: 'readmodel' });
    this.store = new ReadModelStore(opts.db);
  }

  readonly hooks: DocHooks = {
    afterLoad: (docId, doc) => {
      try {
        this.#attach(docId, doc);
      } catch (err) {
        // Never a reason not to serve the document; the next start rebuilds what is missing.
        this.#log.error('cannot project the document', { doc: docId, error: err as Error });
        try {
          this.store.markDirty(docId);
        } catch {
          // the database itself is failing; storage will say so louder
        }
      }
    },
    afterStore: (docId) => {
      const live = this.#live.get(docId);
      if (live) this.#schedule(docId, live);
    },
    beforeUnload: (docId) => {
      const live = this.#live.get(docId);
      if (!live) return;
      this.#flush(docId, live);
      live.stop();
      this.#live.delete(docId);
    },
  };

  #attach(docId: string, doc: Y.Doc): void {
    // A load that failed after this hook never unloads: drop what it left behind.
    this.#detach(docId);
    const live: Live = {
      doc,
      measures: new Set(),
      titles: new Set(),
      structure: false,
      full: !this.store.isFresh(docId),
      markedDirty: false,
      timer: null,
      stop: () => {},
    };
    // The domain tells which measures a transaction touched: only those are re-projected, so a
    // 5,000-measure agreement costs the same per edit as a small one.
    live.stop = observeAgreement(doc, (ids, other, tr) => {
      let projected = other;
      for (const id of ids) {
        const typed = projectedTyping(tr, doc, id);
        if (typed === 'none') continue;
        if (typed === 'title') live.titles.add(id);
        else live.measures.add(id);
        projected = true;
      }
      if (!projected) return;
      if (other) live.structure = true;
      if (!live.markedDirty && !live.full) {
        // Before the change is even stored: a crash before the projection catches up leaves
        // the mark, and the next start rebuilds this agreement [RM3].
        live.markedDirty = true;
        this.store.markDirty(docId);
      }
    });
    this.#live.set(docId, live);
    if (live.full) this.#schedule(docId, live);
  }

  #detach(docId: string): void {
    const old = this.#live.get(docId);
    if (!old) return;
    if (old.timer) clearTimeout(old.timer);
    old.stop();
    this.#live.delete(docId);
  }

  #schedule(docId: string, live: Live): void {
    if (live.timer) return;
    live.timer = setTimeout(() => {
      live.timer = null;
      try {
        this.#flush(docId, live);
      } catch (err) {
        // The mark stays set; the next change or the next start projects it again.
        this.#log.error('projection failed', { doc: docId, error: err as Error });
        live.full = true;
      }
    }, this.#opts.delayMs);
  }

  #flush(docId: string, live: Live): void {
    if (live.timer) {
      clearTimeout(live.timer);
      live.timer = null;
    }
    if (!live.full && !live.structure && live.measures.size === 0 && live.titles.size === 0) return;
    const started = performance.now();
    let missing: string[] = [];
    if (live.full) {
      this.store.writeFull(docId, projectDoc(live.doc));
    } else {
      const measures = new Map<string, MeasureRows | null>();
      for (const id of live.measures) measures.set(id, projectMeasure(live.doc, id));
      const titles = new Map<string, MeasureTitle>();
      for (const id of live.titles) {
        if (live.measures.has(id)) continue;
        const title = projectTitle(live.doc, id);
        if (title) titles.set(id, title);
        else measures.set(id, null);
      }
      missing = this.store.writePart(
        docId,
        measures,
        live.structure ? projectStructure(live.doc) : null,
        titles,
      );
    }
    const ms = performance.now() - started;
    this.timings.last = ms;
    this.timings.max = Math.max(this.timings.max, ms);
    this.timings.count++;
    this.#log.debug('projected', {
      doc: docId,
      full: live.full,
      measures: live.measures.size,
      ms: Math.round(ms * 10) / 10,
    });
    live.full = false;
    live.structure = false;
    live.measures.clear();
    live.titles.clear();
    live.markedDirty = false;
    if (missing.length > 0) {
      // A title for a measure with no row: the projection was not what it should be on top of.
      this.#log.warn('typed measures had no row; projecting them whole', {
        doc: docId,
        measures: missing.length,
      });
      for (const id of missing) live.measures.add(id);
      live.markedDirty = true;
      this.store.markDirty(docId);
      this.#schedule(docId, live);
    }
  }

  /** Projects every pending change now (tests, shutdown). */
  flushAll(): void {
    for (const [docId, live] of this.#live) this.#flush(docId, live);
  }

  /**
   * [RM3] On start: projects every stored document whose projection is missing, of another
   * PROJECTION_VERSION or marked dirty, loading it from storage without the registry.
   * Returns the ids it projected.
   */
  async rebuild(): Promise<string[]> {
    const done: string[] = [];
    for (const docId of await this.#opts.storage.list()) {
      if (this.store.isFresh(docId) || this.#live.has(docId)) continue;
      const stored = await this.#opts.storage.load(docId);
      if (!stored || this.#live.has(docId)) continue;
      const doc = new Y.Doc();
      try {
        doc.transact(() => {
          if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
          for (const u of stored.updates) {
            try {
              Y.applyUpdate(doc, u);
            } catch {
              // The sync layer skips unreadable entries the same way ([D4]/[D6]).
            }
          }
        });
        // What the registry will serve after its own migration on load (not stored here).
        migrate(doc);
        this.store.writeFull(docId, projectDoc(doc));
        done.push(docId);
      } catch (err) {
        this.#log.error('rebuilding the projection failed', { doc: docId, error: err as Error });
      } finally {
        doc.destroy();
      }
    }
    if (done.length > 0) this.#log.info('read model rebuilt', { docs: done.length });
    return done;
  }

  /** Projects what is pending and stops the timers (before the database closes). */
  close(): void {
    for (const [docId, live] of this.#live) {
      try {
        this.#flush(docId, live);
      } catch (err) {
        this.#log.error('projection failed at shutdown', { doc: docId, error: err as Error });
      }
      live.stop();
    }
    this.#live.clear();
  }
}
