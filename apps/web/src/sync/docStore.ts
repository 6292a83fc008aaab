import {
  listColumns,
  listFocusAreas,
  listMeasures,
  listMilestones,
  listObjectives,
  listOutcomes,
  listStrategies,
  type ColumnView,
  type FocusAreaView,
  type MeasureView,
  type MilestoneView,
  type ObjectiveView,
  type OutcomeView,
  observeAgreement,
  readMeasure,
  readMeta,
  type StrategyView,
} from '@tavla/domain';
import type * as Y from 'yjs';

type Listener = () => void;

/** Everything in the document except the measures: small, changes rarely, read as one snapshot. */
export interface Structure {
  title: string;
  focusAreas: FocusAreaView[];
  objectives: ObjectiveView[];
  strategies: StrategyView[];
  columns: ColumnView[];
  milestones: MilestoneView[];
  outcomes: OutcomeView[];
}

/** One measure changed by a transaction that was not ours (another person, or the offline cache). */
export interface MeasureChange {
  id: string;
  before: MeasureView | undefined;
  after: MeasureView | undefined;
  /** Yjs client ids that wrote this transaction (map to people through awareness). */
  authors: number[];
  origin: unknown;
}

/**
 * Memoised snapshots of one agreement document with fine-grained subscriptions, so React can
 * `useSyncExternalStore` on exactly what a component shows: a card subscribes to its own measure
 * id and re-renders only when a transaction touched that measure (issue 3: "a remote change
 * re-renders only the cards it touches"). Snapshots are the domain's plain views; nothing here
 * reads or writes raw Yjs keys.
 */
export class DocStore {
  private readonly measures = new Map<string, MeasureView>();
  private loaded = false;
  private measureListeners = new Map<string, Set<Listener>>();
  private anyMeasureListeners = new Set<Listener>();
  private structureListeners = new Set<Listener>();
  private changeListeners = new Set<(changes: MeasureChange[], tx: Y.Transaction) => void>();
  private allCache: MeasureView[] | null = null;
  private structureCache: Structure | null = null;
  private currentTx: Y.Transaction | null = null;
  /** Bumped on every measure change; layout caches key on it. */
  measuresVersion = 0;
  structureVersion = 0;
  private readonly unobserve: () => void;
  private readonly onBefore = (tr: Y.Transaction) => {
    this.currentTx = tr;
  };

  constructor(
    readonly doc: Y.Doc,
    /** Decides whether a transaction origin is this client's own (then no conflict notice). */
    private readonly isOwnOrigin: (origin: unknown) => boolean = () => false,
  ) {
    doc.on('beforeTransaction', this.onBefore);
    // Snapshots from the start (the doc is usually still empty here), so every later change
    // has a "before" to compare with for conflict notices.
    this.ensureLoaded();
    this.unobserve = observeAgreement(doc, (ids, other) => this.handle(ids, other));
  }

  destroy(): void {
    this.doc.off('beforeTransaction', this.onBefore);
    this.unobserve();
  }

  private ensureLoaded(): void {
    if (this.loaded) return;
    this.loaded = true;
    for (const m of listMeasures(this.doc, { includeArchived: true })) this.measures.set(m.id, m);
  }

  private handle(ids: Set<string>, other: boolean): void {
    const tr = this.currentTx;
    const changes: MeasureChange[] = [];
    const own = tr ? this.isOwnOrigin(tr.origin) : true;
    const authors = tr && !own ? writers(tr, this.doc.clientID) : [];
    if (ids.size > 0) {
      if (this.loaded) {
        for (const id of ids) {
          const before = this.measures.get(id);
          const after = readMeasure(this.doc, id);
          if (after) this.measures.set(id, after);
          else this.measures.delete(id);
          if (!own && tr) changes.push({ id, before, after, authors, origin: tr.origin });
        }
      }
      this.measuresVersion++;
      this.allCache = null;
    }
    if (other) {
      this.structureVersion++;
      this.structureCache = null;
    }
    if (changes.length > 0 && tr) for (const l of [...this.changeListeners]) l(changes, tr);
    for (const id of ids) {
      const set = this.measureListeners.get(id);
      if (set) for (const l of [...set]) l();
    }
    if (ids.size > 0) for (const l of [...this.anyMeasureListeners]) l();
    if (other) for (const l of [...this.structureListeners]) l();
  }

  /** Stable snapshot of one measure until a transaction touches it. */
  measure = (id: string): MeasureView | undefined => {
    this.ensureLoaded();
    return this.measures.get(id);
  };

  /** All measures (including archived), a new array only after a measure changed. */
  allMeasures = (): MeasureView[] => {
    this.ensureLoaded();
    if (!this.allCache) this.allCache = [...this.measures.values()];
    return this.allCache;
  };

  structure = (): Structure => {
    if (!this.structureCache) {
      const doc = this.doc;
      let title = '';
      try {
        title = readMeta(doc).title;
      } catch {
        title = '';
      }
      this.structureCache = {
        title,
        focusAreas: listFocusAreas(doc),
        objectives: listObjectives(doc),
        strategies: listStrategies(doc),
        columns: listColumns(doc),
        milestones: listMilestones(doc),
        outcomes: listOutcomes(doc),
      };
    }
    return this.structureCache;
  };

  subscribeMeasure = (id: string, l: Listener): (() => void) => {
    let set = this.measureListeners.get(id);
    if (!set) {
      set = new Set();
      this.measureListeners.set(id, set);
    }
    set.add(l);
    return () => {
      set.delete(l);
      if (set.size === 0) this.measureListeners.delete(id);
    };
  };

  subscribeMeasures = (l: Listener): (() => void) => {
    this.anyMeasureListeners.add(l);
    return () => this.anyMeasureListeners.delete(l);
  };

  subscribeStructure = (l: Listener): (() => void) => {
    this.structureListeners.add(l);
    return () => this.structureListeners.delete(l);
  };

  /** Measure changes made by others (not by this client's own origin). */
  onForeignChange(l: (changes: MeasureChange[], tx: Y.Transaction) => void): () => void {
    this.changeListeners.add(l);
    return () => this.changeListeners.delete(l);
  }
}

/** The Yjs clients whose clocks advanced in this transaction, other than ourselves. */
export function writers(tr: Y.Transaction, self: number): number[] {
  const out: number[] = [];
  for (const [client, clock] of tr.afterState) {
    if (client !== self && clock > (tr.beforeState.get(client) ?? 0)) out.push(client);
  }
  return out;
}
