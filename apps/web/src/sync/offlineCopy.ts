/**
 * What of y-indexeddb's `IndexeddbPersistence` (9.0.x) the watch uses: its update handler, its
 * debounced compaction timer and the promise of its database. All are public fields of the
 * class (see its .d.ts); tests pass a stand-in.
 */
export interface WatchedCopy {
  doc: { on(e: 'update', f: UpdateHandler): void; off(e: 'update', f: UpdateHandler): void };
  _storeUpdate: UpdateHandler;
  _storeTimeoutId: unknown;
  _db: Promise<IDBDatabase>;
}

type UpdateHandler = (update: Uint8Array, origin: unknown) => void;

/**
 * Watches the writes of the offline copy after it opened, and calls `failed` once when one
 * fails: the quota is exceeded (Chromium aborts the transaction, often only at commit), the
 * browser evicted or the person cleared the site's storage (the connection closes), or another
 * tab of this person deleted the copy on signing out (ours closes on `versionchange`, and every
 * later write throws at once). After that the copy is left alone: no more writes with gaps in
 * them, and the session says edits are kept in this tab only. A copy deleted on purpose (by
 * another tab signing out, or the page of an agreement whose access was removed) is told apart
 * (`how` is `'deleted'`): that one must not be made again (see OfflineCopyKeeper).
 *
 * Why each hook:
 * - y-indexeddb writes each update from its `doc.on('update')` handler and does not catch: a
 *   write that throws there (a closed database) threw out of the person's edit and skipped the
 *   handlers after it, the provider's among them, so the edit did not go to the server either.
 *   The handler is wrapped in place (its field too, so `destroy()` removes the wrapper).
 * - Its write promises are not awaited, so a failed request was an unhandled rejection (lib0's
 *   `rtop` rejects with `new Error(request.error)`), and an abort at commit after the request
 *   succeeded was not seen at all. `error`, `abort` and `close` events of every request and
 *   transaction reach the database object, so one set of listeners there sees them all (the
 *   initial write and the compaction too); the rejections of errors seen there are expected
 *   here and not reported as errors of the page.
 * - A closed connection makes `transaction()` throw at once, with no event: checked once when
 *   the copy opens (the read of the copy), and caught in the update handler later.
 *
 * Returns a function that removes the page-level listener.
 *
 * @example const stop = watchOfflineCopy(persistence, () => showCopyFailed())
 */
export function watchOfflineCopy(
  copy: WatchedCopy,
  failed: (err: unknown, how?: 'deleted') => void,
): () => void {
  let gone = false;
  /** Messages of the errors seen on the database, as lib0 wraps them in its rejections. */
  const seen = new Set<string>();

  const fail = (err: unknown, how?: 'deleted') => {
    if (gone) return;
    gone = true;
    if (copy._storeTimeoutId != null)
      clearTimeout(copy._storeTimeoutId as Parameters<typeof clearTimeout>[0]);
    copy._storeTimeoutId = null;
    if (how) failed(err, how);
    else failed(err);
  };

  const store = copy._storeUpdate;
  const guarded: UpdateHandler = (update, origin) => {
    if (gone) return;
    try {
      store(update, origin);
    } catch (err) {
      fail(err);
    }
  };
  copy.doc.off('update', store);
  copy.doc.on('update', guarded);
  copy._storeUpdate = guarded;

  const onDbEvent = (e: Event) => {
    const target = e.target as IDBRequest | IDBTransaction | IDBDatabase | null;
    const error =
      target && 'error' in target && target.error
        ? target.error
        : new DOMException(`the offline copy's database fired "${e.type}"`, 'UnknownError');
    seen.add(String(error));
    fail(error);
  };
  copy._db.then(
    (db) => {
      // Added in the same turn as y-indexeddb's first transaction, before any of its events.
      for (const type of ['error', 'abort', 'close']) db.addEventListener(type, onDbEvent);
      // `deleteDatabase` elsewhere asks the open connections to close (lib0 closes ours at once)
      // with a version change to null; an upgrade has a number there.
      db.addEventListener('versionchange', (e) => {
        if ((e as IDBVersionChangeEvent).newVersion == null)
          fail(new DOMException('The offline copy was deleted.', 'AbortError'), 'deleted');
      });
      // y-indexeddb reads the copy in this same turn, and a connection that is already closing
      // (another tab deleted the copy on signing out while this one opened it) throws there,
      // out of a promise nobody handles: the copy is never read, and no event says so. The
      // same call here tells.
      try {
        db.transaction(['updates'], 'readonly');
      } catch (err) {
        seen.add(String(err));
        fail(err);
      }
    },
    () => undefined, // refused at open: the session's own case (noOfflineCopy)
  );

  const onUnhandled = (e: PromiseRejectionEvent) => {
    const r: unknown = e.reason;
    if (r instanceof Error && seen.has(r.message)) e.preventDefault();
    else if (r instanceof DOMException && seen.has(String(r))) e.preventDefault();
  };
  window.addEventListener('unhandledrejection', onUnhandled);
  return () => window.removeEventListener('unhandledrejection', onUnhandled);
}
