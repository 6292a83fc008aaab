import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type WatchedCopy, watchOfflineCopy } from './offlineCopy';

/**
 * A stand-in for y-indexeddb's IndexeddbPersistence: its update handler writes with `write`
 * (throwing as a closed database or a failing `add` does), its database is an event target.
 */
function fakeCopy(write: (update: Uint8Array) => void, opts: { closing?: boolean } = {}) {
  const doc = new Y.Doc();
  const db = Object.assign(new EventTarget(), {
    error: undefined as DOMException | undefined,
    transaction() {
      if (opts.closing) throw closing();
      return {};
    },
  });
  const copy: WatchedCopy = {
    doc,
    _storeUpdate: (update, origin) => {
      if (origin !== copy) write(update);
    },
    _storeTimeoutId: null,
    _db: Promise.resolve(db as unknown as IDBDatabase),
  };
  doc.on('update', copy._storeUpdate);
  return { doc, db, copy };
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const closing = () =>
  new DOMException(
    "Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing.",
    'InvalidStateError',
  );

/** An `unhandledrejection` event as the browser fires it; says whether it was prevented. */
function unhandled(reason: unknown): boolean {
  const ev = new Event('unhandledrejection', { cancelable: true });
  Object.assign(ev, { reason, promise: Promise.resolve() });
  window.dispatchEvent(ev);
  return ev.defaultPrevented;
}

let stop: () => void = () => undefined;
afterEach(() => stop());

describe('watchOfflineCopy', () => {
  it('keeps an edit whose write throws: no error for the person, later handlers (the provider) still run', () => {
    let full = false;
    const written: Uint8Array[] = [];
    const { doc, copy } = fakeCopy((u) => {
      if (full) throw quota();
      written.push(u);
    });
    const failed = vi.fn();
    stop = watchOfflineCopy(copy, failed);
    const sent: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => sent.push(u)); // the provider's handler comes later

    doc.getMap('m').set('a', 1);
    expect(written).toHaveLength(1);
    full = true;
    expect(() => doc.getMap('m').set('b', 2)).not.toThrow();
    expect(sent).toHaveLength(2);
    expect(failed).toHaveBeenCalledTimes(1);
    expect((failed.mock.calls[0]![0] as DOMException).name).toBe('QuotaExceededError');

    // The copy is left alone from then on (no writes with gaps in them), and told once.
    full = false;
    doc.getMap('m').set('c', 3);
    expect(written).toHaveLength(1);
    expect(sent).toHaveLength(3);
    expect(failed).toHaveBeenCalledTimes(1);
  });

  it('hears a write that fails later, on the database (an abort at commit), and expects its rejection', async () => {
    const { db, copy } = fakeCopy(() => undefined);
    const failed = vi.fn();
    stop = watchOfflineCopy(copy, failed);
    await copy._db;
    const err = quota();
    db.error = err;
    db.dispatchEvent(new Event('abort'));
    expect(failed).toHaveBeenCalledWith(err);
    // lib0 rejects y-indexeddb's unawaited promise with `new Error(request.error)`.
    expect(unhandled(new Error(String(err)))).toBe(true);
    // Other rejections of the page are still reported.
    expect(unhandled(new Error('something else'))).toBe(false);
  });

  it('hears the database closing under it (storage cleared or evicted)', async () => {
    const { db, copy } = fakeCopy(() => undefined);
    const failed = vi.fn();
    stop = watchOfflineCopy(copy, failed);
    await copy._db;
    db.dispatchEvent(new Event('close'));
    expect(failed).toHaveBeenCalledTimes(1);
  });

  it('hears a copy that was closed before it could be read (no event comes), and expects the rejection of that read', async () => {
    const { copy } = fakeCopy(() => undefined, { closing: true });
    const failed = vi.fn();
    stop = watchOfflineCopy(copy, failed);
    await copy._db;
    expect(failed).toHaveBeenCalledTimes(1);
    expect((failed.mock.calls[0]![0] as DOMException).name).toBe('InvalidStateError');
    // y-indexeddb's read threw the same DOMException out of its own `.then`.
    expect(unhandled(closing())).toBe(true);
    expect(unhandled(new DOMException('other', 'AbortError'))).toBe(false);
  });

  it('tells a copy deleted on purpose (another tab signing out) from one that failed', async () => {
    const { db, copy } = fakeCopy(() => undefined);
    const failed = vi.fn();
    stop = watchOfflineCopy(copy, failed);
    await copy._db;
    // An upgrade asks the same, with a version: not a deletion, and not a failure.
    db.dispatchEvent(Object.assign(new Event('versionchange'), { oldVersion: 1, newVersion: 2 }));
    expect(failed).not.toHaveBeenCalled();
    db.dispatchEvent(
      Object.assign(new Event('versionchange'), { oldVersion: 1, newVersion: null }),
    );
    expect(failed).toHaveBeenCalledTimes(1);
    expect(failed.mock.calls[0]![1]).toBe('deleted');
  });

  it('leaves an open copy alone', async () => {
    const { copy } = fakeCopy(() => undefined);
    const failed = vi.fn();
    stop = watchOfflineCopy(copy, failed);
    await copy._db;
    expect(failed).not.toHaveBeenCalled();
  });

  it('stops a compaction that was waiting for its turn', () => {
    const { doc, copy } = fakeCopy(() => {
      throw quota();
    });
    const compact = vi.fn();
    copy._storeTimeoutId = setTimeout(compact, 0);
    stop = watchOfflineCopy(copy, vi.fn());
    doc.getMap('m').set('a', 1);
    expect(copy._storeTimeoutId).toBeNull();
  });

  it('removes its wrapper with the copy (destroy() unhooks the field)', () => {
    const write = vi.fn();
    const { doc, copy } = fakeCopy(write);
    stop = watchOfflineCopy(copy, vi.fn());
    doc.off('update', copy._storeUpdate);
    doc.getMap('m').set('a', 1);
    expect(write).not.toHaveBeenCalled();
  });
});
