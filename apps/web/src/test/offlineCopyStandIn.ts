import type * as Y from 'yjs';
import type { CopyPersistence } from '../sync/offlineCopyKeeper';

// Stand-ins for IndexedDB and y-indexeddb's IndexeddbPersistence, for the tests of the offline
// copy (sync/offlineCopyKeeper.ts) and of the session around it.

/**
 * The browser's IndexedDB for one copy, as far as the keeper sees it: how many connections are
 * open (never more than one), what the custom store holds, and whether opening refuses.
 */
export class Disk {
  open = 0;
  mostOpen = 0;
  custom = new Map<unknown, unknown>();
  copies: FakeCopy[] = [];
  refuse = false;
}

/** The part of IndexedDB's database the watch and the keeper use. */
export class FakeDb extends EventTarget {
  error: DOMException | null = null;
  transaction() {
    const tx = { oncomplete: null as null | (() => void), onabort: null as null | (() => void) };
    setTimeout(() => tx.oncomplete?.(), 0);
    return tx;
  }
}

/** A stand-in for y-indexeddb's IndexeddbPersistence on a Disk. */
export class FakeCopy {
  db: FakeDb | null = null;
  _db: Promise<FakeDb>;
  _storeTimeoutId: unknown = null;
  destroyed = false;
  private synced: (() => void)[] = [];
  private openDb!: (db: FakeDb) => void;
  private refuseDb!: (err: unknown) => void;

  constructor(
    readonly disk: Disk,
    readonly doc: Y.Doc,
  ) {
    this._db = new Promise((resolve, reject) => {
      this.openDb = resolve;
      this.refuseDb = reject;
    });
    doc.on('update', this._storeUpdate);
    disk.copies.push(this);
  }

  _storeUpdate = (_u: Uint8Array, _origin: unknown) => undefined;

  /** The database opens (or is refused, as the disk says), and the copy is read. */
  async load(): Promise<void> {
    if (this.disk.refuse) {
      this.refuseDb(new DOMException('The operation is insecure.', 'SecurityError'));
      return;
    }
    const db = new FakeDb();
    this.db = db;
    this.disk.open++;
    this.disk.mostOpen = Math.max(this.disk.mostOpen, this.disk.open);
    this.openDb(db);
    await this._db;
    for (const f of this.synced.splice(0)) f();
  }

  once(name: string, f: () => void) {
    if (name === 'synced') this.synced.push(f);
  }

  destroy = () => {
    this.doc.off('update', this._storeUpdate);
    if (!this.destroyed && this.db) this.disk.open--;
    this.destroyed = true;
    return this._db.then(() => undefined);
  };

  clearData = () => this.destroy();

  async get(key: unknown) {
    await this._db;
    return this.disk.custom.get(key);
  }

  async set(key: unknown, value: unknown) {
    await this._db;
    this.disk.custom.set(key, value);
    return value;
  }
}

export const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** The copy stops taking writes: Chromium aborts a transaction over the quota. */
export function fillUp(copy: FakeCopy): void {
  copy.db!.error = quota();
  copy.db!.dispatchEvent(new Event('abort'));
}

/** A session's `offlineCopy.open` on `disk`. */
export function openOn(disk: Disk) {
  return (_name: string, doc: Y.Doc) => new FakeCopy(disk, doc) as unknown as CopyPersistence;
}
