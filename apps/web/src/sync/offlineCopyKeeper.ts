import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { watchOfflineCopy } from './offlineCopy';
import { UnsentCount } from './unsentCount';

/**
 * When a lost offline copy is tried again. A copy is lost when the browser refused to open it
 * or it stopped taking writes mid-visit (watchOfflineCopy): most such failures pass (a busy or
 * briefly full disk, a copy another tab was closing, an IndexedDB that hiccuped after the
 * laptop woke up), and a person on a train should not be without a copy until they reload.
 */
export const COPY_RETRY = {
  /** The first try after a loss: long enough for a passing error to pass. 2 s. */
  firstDelayMs: 2_000,
  /** Each try waits twice as long as the one before, up to this. 1 min. */
  maxDelayMs: 60_000,
  /**
   * Timed tries after one loss: 8 (2 s to 1 min apart, about four minutes in all). A browser
   * that keeps refusing (storage blocked by its settings) is not asked forever; the page coming
   * back into view or the network coming back starts a new round, as things may have changed.
   */
  tries: 8,
  /**
   * A copy opened again that has neither failed nor been read and written within this time is
   * given up and tried later (IndexedDB can leave an open hanging, e.g. while the disk is
   * busy). Not for the first open of a visit: that one may take long on a slow machine and is
   * shown as loading meanwhile. 20 s.
   */
  openTimeoutMs: 20_000,
} as const;

/** The part of IndexeddbPersistence the keeper uses (tests pass a stand-in). */
export type CopyPersistence = Pick<
  IndexeddbPersistence,
  | 'doc'
  | '_storeUpdate'
  | '_storeTimeoutId'
  | '_db'
  | 'db'
  | 'once'
  | 'destroy'
  | 'clearData'
  | 'get'
  | 'set'
>;

export interface OfflineCopyEvents {
  /**
   * A copy was read into the document (y-indexeddb's "synced"). `first` for the first copy read
   * in this visit (its count of waiting edits is news); not after a copy opened again, whose
   * stored count may be older than what this tab knows.
   */
  read(unsent: UnsentCount, first: boolean): void;
  /**
   * A copy opened again after a loss has been read and written: edits are kept on this machine
   * again, and `unsent` is where to count the waiting ones (none were counted meanwhile).
   */
  kept(unsent: UnsentCount): void;
  /**
   * The copy is lost: `refused` when it never opened, `failed` when it stopped taking writes
   * (also when deleted on purpose). Told once per loss of a copy that was trusted.
   */
  lost(how: 'refused' | 'failed'): void;
}

export interface OfflineCopyKeeperOptions {
  name: string;
  doc: Y.Doc;
  events: OfflineCopyEvents;
  /** Whether a lost copy may be tried again now (not while the server refuses us). */
  mayRetry: () => boolean;
  /** Opens a copy; y-indexeddb's by default. */
  open?: (name: string, doc: Y.Doc) => CopyPersistence;
  /** Resolves when the database named takes a write; `probeOfflineCopy` by default. */
  probe?: (name: string) => Promise<void>;
  timings?: Partial<typeof COPY_RETRY>;
}

interface Copy {
  p: CopyPersistence;
  unsent: UnsentCount;
  /** Counted on: the first copy from the start, one opened again once read and written. */
  trusted: boolean;
  dead: boolean;
  /** Removes the watch's page listener. */
  stop: () => void;
  watchdog?: ReturnType<typeof setTimeout>;
}

/**
 * Keeps the offline copy of one agreement (IndexedDB, through y-indexeddb) for as long as the
 * session lives: opens it, and when it is lost tries it again (COPY_RETRY: backoff, bounded,
 * and at once when the page becomes visible or the browser comes online).
 *
 * - One copy at a time: a lost copy's connection is closed before the next is opened, and an
 *   attempt runs only when none is open or opening.
 * - Nothing is lost meanwhile: the edits live in the Y.Doc, and y-indexeddb writes the whole
 *   document into a copy it opens, before it merges in what the copy held.
 * - Trusted only once it works: before opening again, a write is tried on the database
 *   (`probe`; cheap, and it fails as the disk does without leaving y-indexeddb's own write
 *   failing unseen); the copy counts as kept once it has been read and its first write has
 *   committed, so the header does not flip to "kept" and back at each failed try.
 * - Never made again after it was deleted on purpose (another tab signing out, an agreement
 *   whose access was removed), nor tried while `mayRetry` says no.
 *
 * @example
 * const keeper = new OfflineCopyKeeper({ name, doc, events, mayRetry: () => !denied })
 * keeper.unsent?.add() // an edit waits; null while no copy is kept
 */
export class OfflineCopyKeeper {
  private copy: Copy | null = null;
  private readonly timings: typeof COPY_RETRY;
  private readonly open: (name: string, doc: Y.Doc) => CopyPersistence;
  private readonly probe: (name: string) => Promise<void>;
  /** `lost`: waiting for the next try (timer, or a kick); `trying`: one is under way. */
  private state: 'open' | 'lost' | 'trying' | 'deleted' | 'destroyed' = 'open';
  private tries = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private everRead = false;
  /** The lost copies' connections closing; the next copy opens after. */
  private closing: Promise<unknown> = Promise.resolve();
  /** The page listeners of lost copies' watches: removed at the next try (late rejections). */
  private retired: (() => void)[] = [];
  /** Rejections of `_db` that y-indexeddb leaves unhandled; expected here. */
  private readonly refusals = new Set<unknown>();

  constructor(private readonly opts: OfflineCopyKeeperOptions) {
    this.timings = { ...COPY_RETRY, ...opts.timings };
    this.open = opts.open ?? ((name, doc) => new IndexeddbPersistence(name, doc));
    this.probe = opts.probe ?? probeOfflineCopy;
    window.addEventListener('unhandledrejection', this.onUnhandled);
    window.addEventListener('online', this.kick);
    document.addEventListener('visibilitychange', this.onVisibility);
    this.openCopy(true);
  }

  /** The copy that is kept, or null (lost, or opened again and not yet trusted). */
  get persistence(): CopyPersistence | null {
    return this.copy?.trusted ? this.copy.p : null;
  }

  /** Where to count the edits that wait, or null while no copy is kept. */
  get unsent(): UnsentCount | null {
    return this.copy?.trusted ? this.copy.unsent : null;
  }

  /** Tries a lost copy again now, not after the backoff (also: the server let us in again). */
  kick = (): void => {
    if (this.state !== 'lost') return;
    this.tries = 0;
    void this.attempt();
  };

  destroy(): void {
    this.state = 'destroyed';
    clearTimeout(this.timer);
    window.removeEventListener('online', this.kick);
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('unhandledrejection', this.onUnhandled);
    for (const stop of this.retired.splice(0)) stop();
    const copy = this.copy;
    this.copy = null;
    if (!copy) return;
    copy.stop();
    clearTimeout(copy.watchdog);
    this.close(copy);
  }

  private onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.kick();
  };

  private onUnhandled = (e: PromiseRejectionEvent): void => {
    if (this.refusals.has(e.reason)) e.preventDefault();
  };

  private openCopy(first: boolean): void {
    const p = this.open(this.opts.name, this.opts.doc);
    const copy: Copy = {
      p,
      unsent: new UnsentCount(p, (err) => this.lose(copy, err)),
      trusted: first,
      dead: false,
      stop: () => undefined,
    };
    this.copy = copy;
    copy.stop = watchOfflineCopy(p, (err, how) => this.lose(copy, err, how));
    // Refused (storage blocked by a private mode, a policy or site settings throws or fails the
    // open). y-indexeddb leaves that rejection unhandled in a `.then` of its own.
    p._db.catch((err: unknown) => {
      this.refusals.add(err ?? 'refused');
      this.lose(copy, err);
    });
    p.once('synced', () => {
      if (copy.dead) return;
      const firstRead = !this.everRead;
      this.everRead = true;
      this.opts.events.read(copy.unsent, firstRead);
      if (!copy.trusted) void this.confirm(copy);
    });
    if (!first)
      copy.watchdog = setTimeout(
        () => this.lose(copy, new DOMException('The offline copy did not open.', 'TimeoutError')),
        this.timings.openTimeoutMs,
      );
  }

  /**
   * Trusts a copy opened again once its first write (the whole document, made by y-indexeddb
   * in the transaction that read the copy) has committed: a read-only transaction on the same
   * store starts only after every read-write one made before it has finished. If that one
   * failed, the watch has heard it by then.
   */
  private async confirm(copy: Copy): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => {
        const db = copy.p.db;
        if (!db)
          return reject(new DOMException('The offline copy is closed.', 'InvalidStateError'));
        const tx = db.transaction(['updates'], 'readonly');
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error);
      });
    } catch (err) {
      this.lose(copy, err);
      return;
    }
    if (copy.dead || this.state !== 'trying') return;
    clearTimeout(copy.watchdog);
    copy.trusted = true;
    this.state = 'open';
    this.tries = 0;
    this.opts.events.kept(copy.unsent);
  }

  private lose(copy: Copy, _err: unknown, how?: 'deleted'): void {
    if (copy.dead || this.state === 'destroyed') return;
    copy.dead = true;
    clearTimeout(copy.watchdog);
    if (this.copy === copy) this.copy = null;
    this.retired.push(copy.stop);
    this.close(copy);
    const told = copy.trusted;
    if (how === 'deleted') {
      this.state = 'deleted';
      clearTimeout(this.timer);
    } else {
      this.state = 'lost';
      this.schedule();
    }
    if (told) this.opts.events.lost(copy.p.db ? 'failed' : 'refused');
  }

  /**
   * Closes a copy; the next opens once its connection is closed. One that never opened (a hung
   * open) holds none to wait for: should it open later, y-indexeddb closes it at once, and a
   * destroyed copy writes nothing.
   */
  private close(copy: Copy): void {
    const closed = copy.p.destroy().catch(() => undefined);
    if (copy.p.db) this.closing = Promise.all([this.closing, closed]);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.tries >= this.timings.tries) return; // until a kick
    const delay = Math.min(this.timings.maxDelayMs, this.timings.firstDelayMs * 2 ** this.tries);
    this.tries++;
    this.timer = setTimeout(() => void this.attempt(), delay);
  }

  private async attempt(): Promise<void> {
    if (this.state !== 'lost' || !this.opts.mayRetry()) return;
    clearTimeout(this.timer);
    this.state = 'trying';
    for (const stop of this.retired.splice(0)) stop();
    try {
      await this.closing;
      await this.probe(this.opts.name);
    } catch {
      if (this.state !== 'trying') return;
      this.state = 'lost';
      this.schedule();
      return;
    }
    if (this.state !== 'trying') return;
    this.openCopy(false);
  }
}

/** y-indexeddb's stores (9.0.x), made here when the probe finds no database. */
const STORES: [string, IDBObjectStoreParameters][] = [
  ['updates', { autoIncrement: true }],
  ['custom', {}],
];
const PROBE_KEY = 'tavla:probe';

/**
 * Resolves once a small write to the offline copy `name` has committed; rejects as the open or
 * the write fails (refused, quota, closing), without leaving anything unhandled.
 */
export function probeOfflineCopy(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onupgradeneeded = () => {
      try {
        for (const [store, params] of STORES) req.result.createObjectStore(store, params);
      } catch (err) {
        req.transaction?.abort();
        reject(err);
      }
    };
    req.onerror = (e) => {
      e.preventDefault();
      reject(req.error);
    };
    req.onsuccess = () => {
      const db = req.result;
      try {
        const tx = db.transaction(['custom'], 'readwrite');
        tx.objectStore('custom').put(Date.now(), PROBE_KEY);
        tx.oncomplete = () => {
          db.close();
          resolve();
        };
        tx.onabort = () => {
          db.close();
          reject(tx.error ?? new DOMException('The write was aborted.', 'AbortError'));
        };
      } catch (err) {
        db.close();
        reject(err);
      }
    };
  });
}
