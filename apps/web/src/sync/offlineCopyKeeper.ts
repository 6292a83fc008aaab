import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { neededOffline } from '../shell/offlineCode';
import { watchOfflineCopy } from './offlineCopy';
import type { COPY_RETRY, CopyRetry } from './offlineCopyRetry';
import { UnsentCount } from './unsentCount';

type RetryModule = typeof import('./offlineCopyRetry');

/**
 * The retry's code, loaded when a copy is first lost; fetched with the code for offline use
 * once the board is idle, so that it is there on a train too.
 */
const loadRetry = neededOffline((): Promise<RetryModule> => import('./offlineCopyRetry'));

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
  /** The count of waiting edits stored beside the copy is now `n` (read or written). */
  counted?: (n: number) => void;
  /** Opens a copy; y-indexeddb's by default. */
  open?: (name: string, doc: Y.Doc) => CopyPersistence;
  /** Resolves when the database named takes a write; `probeOfflineCopy` by default. */
  probe?: (name: string) => Promise<void>;
  timings?: Partial<typeof COPY_RETRY>;
  /** Loads offlineCopyRetry.ts (tests pass it as imported). */
  loadRetry?: () => Promise<RetryModule>;
}

interface Copy {
  p: CopyPersistence;
  unsent: UnsentCount;
  /** Counted on: the first copy from the start, one opened again once read and written. */
  trusted: boolean;
  dead: boolean;
  /** Removes the watch's page listener. */
  stop: () => void;
}

/**
 * Keeps the offline copy of one agreement (IndexedDB, through y-indexeddb) for as long as the
 * session lives: opens it, and when it is lost tries it again (offlineCopyRetry.ts: backoff,
 * bounded, and at once when the page becomes visible or the browser comes online).
 *
 * - One copy at a time: a lost copy's connection is closed before the next is opened, and a
 *   try starts only when none is open or opening.
 * - Nothing is lost meanwhile: the edits live in the Y.Doc, and y-indexeddb writes the whole
 *   document into a copy it opens, before it merges in what the copy held.
 * - Trusted only once it works: a copy opened again counts as kept once it has been read and
 *   its first write has committed, so the header does not flip to "kept" and back at each
 *   failed try.
 * - Never made again after it was deleted on purpose (another tab signing out, an agreement
 *   whose access was removed), nor tried while `mayRetry` says no.
 *
 * @example
 * const keeper = new OfflineCopyKeeper({ name, doc, events, mayRetry: () => !denied })
 * keeper.unsent?.add() // an edit waits; null while no copy is kept
 */
export class OfflineCopyKeeper {
  private copy: Copy | null = null;
  private readonly open: (name: string, doc: Y.Doc) => CopyPersistence;
  private deleted = false;
  private destroyed = false;
  private everRead = false;
  private retry: CopyRetry | null = null;
  private retryCode: RetryModule | null = null;
  private retryLoading = false;
  /** The lost copies' connections closing; the next copy opens after. */
  private closing: Promise<unknown> = Promise.resolve();
  /** The page listeners of lost copies' watches: removed at the next try (late rejections). */
  private retired: (() => void)[] = [];
  /** Rejections of `_db` that y-indexeddb leaves unhandled; expected here. */
  private readonly refusals = new Set<unknown>();

  constructor(private readonly opts: OfflineCopyKeeperOptions) {
    this.open = opts.open ?? ((name, doc) => new IndexeddbPersistence(name, doc));
    window.addEventListener('unhandledrejection', this.onUnhandled);
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

  /** Tries a lost copy again now, not after the backoff (the server let us in again). */
  kick(): void {
    this.retry?.kick();
  }

  destroy(): void {
    this.destroyed = true;
    this.retry?.destroy();
    window.removeEventListener('unhandledrejection', this.onUnhandled);
    for (const stop of this.retired.splice(0)) stop();
    const copy = this.copy;
    this.copy = null;
    if (!copy) return;
    copy.stop();
    this.close(copy);
  }

  private onUnhandled = (e: PromiseRejectionEvent): void => {
    if (this.refusals.has(e.reason)) e.preventDefault();
  };

  private openCopy(first: boolean): void {
    const p = this.open(this.opts.name, this.opts.doc);
    const copy: Copy = {
      p,
      unsent: new UnsentCount(p, (err) => this.lose(copy, err), this.opts.counted),
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
      if (copy.trusted || !this.retryCode) return;
      this.retryCode.written(p.db).then(
        () => {
          if (copy.dead || this.destroyed) return;
          copy.trusted = true;
          this.retry?.kept();
          this.opts.events.kept(copy.unsent);
        },
        (err: unknown) => this.lose(copy, err),
      );
    });
  }

  private lose(copy: Copy, _err: unknown, how?: 'deleted'): void {
    if (copy.dead || this.destroyed) return;
    copy.dead = true;
    if (this.copy === copy) this.copy = null;
    this.retired.push(copy.stop);
    this.close(copy);
    if (how === 'deleted') {
      this.deleted = true;
      this.retry?.destroy();
      this.retry = null;
    } else this.tryAgainLater();
    if (copy.trusted) this.opts.events.lost(copy.p.db ? 'failed' : 'refused');
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

  /** Tells the retry a copy was lost, loading its code first (again when back online). */
  private tryAgainLater(): void {
    if (this.retry) {
      this.retry.lost();
      return;
    }
    if (this.retryLoading) return;
    this.retryLoading = true;
    (this.opts.loadRetry ?? loadRetry)().then(
      (code) => {
        this.retryLoading = false;
        if (this.destroyed || this.deleted) return;
        this.retryCode = code;
        this.retry = new code.CopyRetry(
          {
            name: this.opts.name,
            mayTry: () => !this.copy && !this.deleted && !this.destroyed && this.opts.mayRetry(),
            closed: () => {
              for (const stop of this.retired.splice(0)) stop();
              return this.closing;
            },
            reopen: () => this.openCopy(false),
            giveUp: () => {
              const copy = this.copy;
              if (copy && !copy.trusted)
                this.lose(copy, new DOMException('The offline copy did not open.', 'TimeoutError'));
            },
          },
          this.opts.timings,
          this.opts.probe,
        );
        this.retry.lost();
      },
      () => {
        // No network and the code not yet fetched: once the network is back.
        this.retryLoading = false;
        const again = () => {
          if (!this.copy) this.tryAgainLater();
        };
        window.addEventListener('online', again, { once: true });
      },
    );
  }
}
