/**
 * When and how a lost offline copy is tried again (OfflineCopyKeeper). Split off the board's
 * first load (its JavaScript budget, docs/performance.md): needed only once a copy was lost,
 * and fetched with the code for offline use once the board is idle (shell/offlineCode.ts).
 */

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
};

/** What the keeper lets the retry do. */
export interface RetryHost {
  readonly name: string;
  /** Whether a lost copy may be tried now (lost, not deleted on purpose, not refused by the server). */
  mayTry(): boolean;
  /** Resolves once the lost copies' connections are closed. */
  closed(): Promise<unknown>;
  /** Opens the copy again; the keeper tells `kept()` or `lost()` after. */
  reopen(): void;
  /** Gives up the copy being opened again (it hangs). */
  giveUp(): void;
}

/**
 * Tries a lost copy again: after 2 s, then twice as long each time (COPY_RETRY), and at once
 * when the page becomes visible or the browser comes online. A small write on the database
 * first (`probe`): a disk still full fails there, handled, rather than inside y-indexeddb.
 */
export class CopyRetry {
  private tries = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private trying = false;
  private readonly timings: typeof COPY_RETRY;

  constructor(
    private readonly host: RetryHost,
    timings: Partial<typeof COPY_RETRY> = {},
    private readonly probe: (name: string) => Promise<void> = probeOfflineCopy,
  ) {
    this.timings = { ...COPY_RETRY, ...timings };
    window.addEventListener('online', this.kick);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** The copy was lost, or a try failed: the next try after the backoff. */
  lost(): void {
    this.trying = false;
    clearTimeout(this.watchdog);
    clearTimeout(this.timer);
    if (this.tries >= this.timings.tries) return; // until a kick
    const delay = Math.min(this.timings.maxDelayMs, this.timings.firstDelayMs * 2 ** this.tries);
    this.tries++;
    this.timer = setTimeout(() => void this.attempt(), delay);
  }

  /** The copy is kept again: a later loss starts a new round. */
  kept(): void {
    this.trying = false;
    this.tries = 0;
    clearTimeout(this.watchdog);
  }

  /** Tries now, not after the backoff, and starts a new round. */
  kick = (): void => {
    if (this.trying) return;
    this.tries = 0;
    void this.attempt();
  };

  destroy(): void {
    clearTimeout(this.timer);
    clearTimeout(this.watchdog);
    window.removeEventListener('online', this.kick);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  private onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.kick();
  };

  private async attempt(): Promise<void> {
    if (this.trying || !this.host.mayTry()) return;
    clearTimeout(this.timer);
    this.trying = true;
    try {
      await this.host.closed();
      await this.probe(this.host.name);
    } catch {
      if (this.trying) this.lost();
      return;
    }
    if (!this.trying || !this.host.mayTry()) {
      this.trying = false;
      return;
    }
    this.host.reopen();
    this.watchdog = setTimeout(() => this.host.giveUp(), this.timings.openTimeoutMs);
  }
}

/**
 * Resolves once the first write of a copy opened again (the whole document, made by
 * y-indexeddb in the transaction that read the copy) has committed: a read-only transaction on
 * the same store starts only after every read-write one made before it has finished. If that
 * one failed, the keeper's watch has heard it by then.
 */
export function written(db: IDBDatabase | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!db) throw new DOMException('closed', 'InvalidStateError');
    const tx = db.transaction(['updates'], 'readonly');
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
}

/** y-indexeddb's stores (9.0.x), made here when the probe finds no database. */
const STORES: [string, IDBObjectStoreParameters][] = [
  ['updates', { autoIncrement: true }],
  ['custom', {}],
];

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
      const done = (err?: unknown) => {
        db.close();
        if (err === undefined) resolve();
        else reject(err);
      };
      try {
        const tx = db.transaction(['custom'], 'readwrite');
        tx.objectStore('custom').put(Date.now(), 'tavla:probe');
        tx.oncomplete = () => done();
        tx.onabort = () => done(tx.error ?? new DOMException('aborted', 'AbortError'));
      } catch (err) {
        done(err);
      }
    };
  });
}
