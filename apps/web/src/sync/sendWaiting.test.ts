import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { KARI } from '../test/harness';
import { type Databases, findWaitingCopies, sendWaitingEdits } from './sendWaiting';
import {
  type AgreementSession,
  acquireSession,
  closeAllSessions,
  releaseSession,
  type SessionOptions,
} from './session';
import { copyIndexed, recordWaiting, waitingCopiesOf } from './waitingIndex';

/**
 * The browser's IndexedDB as `findWaitingCopies` sees it: databases by name, each with the
 * count stored in y-indexeddb's custom store (null: a database without that store).
 */
class FakeDatabases {
  readonly stored = new Map<string, number | null>();
  /** Listed by `databases()`, but deleted before it is opened. */
  readonly goneWhenOpened = new Set<string>();
  readonly opened: string[] = [];
  readonly created: string[] = [];
  connections = 0;

  databases = async () =>
    [...this.stored.keys(), ...this.goneWhenOpened].map((name) => ({ name, version: 1 }));

  open = (name: string) => {
    this.opened.push(name);
    const req = {
      result: undefined as unknown,
      transaction: null as null | { abort: () => void },
      onsuccess: null as null | (() => void),
      onerror: null as null | ((e: { preventDefault(): void }) => void),
      onupgradeneeded: null as null | (() => void),
      onblocked: null as null | (() => void),
    };
    setTimeout(() => {
      if (!this.stored.has(name)) {
        // A new database: the upgrade runs; created unless its transaction is aborted.
        let aborted = false;
        req.transaction = { abort: () => (aborted = true) };
        req.onupgradeneeded?.();
        if (!aborted) this.created.push(name);
        req.onerror?.({ preventDefault: () => undefined });
        return;
      }
      const count = this.stored.get(name) ?? null;
      this.connections++;
      req.result = {
        objectStoreNames: { contains: (s: string) => s === 'custom' && count !== null },
        close: () => this.connections--,
        transaction: () => ({
          objectStore: () => ({
            get: () => {
              const get = { result: count as unknown, onsuccess: null as null | (() => void) };
              setTimeout(() => get.onsuccess?.(), 0);
              return get;
            },
          }),
        }),
      };
      req.onsuccess?.();
    }, 0);
    return req;
  };
}

const asDatabases = (fake: Partial<FakeDatabases>) => fake as unknown as Databases;

describe('findWaitingCopies', () => {
  beforeEach(() => localStorage.clear());

  it('finds the copies of this person the index has not heard of, reads each count once and records it', async () => {
    const idb = new FakeDatabases();
    idb.stored.set('tavla:u-kari:older', 2); // kept by a Tavla from before the index
    idb.stored.set('tavla:u-kari:sent', 0);
    idb.stored.set('tavla:u-kari:indexed', 5);
    idb.stored.set('tavla:u-ola:his', 4); // another person's: never opened
    idb.stored.set('tavla:u-kari:nocount', null);
    idb.stored.set('something-else', 1);
    recordWaiting('u-kari', 'indexed', 1);
    recordWaiting('u-kari', 'elsewhere', 3);

    expect((await findWaitingCopies('u-kari', asDatabases(idb))).sort()).toEqual([
      'elsewhere',
      'indexed',
      'older',
    ]);
    expect(idb.opened.sort()).toEqual([
      'tavla:u-kari:nocount',
      'tavla:u-kari:older',
      'tavla:u-kari:sent',
    ]);
    expect(idb.connections).toBe(0);
    expect(waitingCopiesOf('u-kari').get('older')).toBe(2);
    expect(copyIndexed('u-kari', 'sent')).toBe(true);
    expect(waitingCopiesOf('u-ola').size).toBe(0);

    // Known now: the next start opens nothing.
    idb.opened.length = 0;
    await findWaitingCopies('u-kari', asDatabases(idb));
    expect(idb.opened).toEqual([]);
  });

  it('creates no database for a copy deleted between listing and opening', async () => {
    const idb = new FakeDatabases();
    idb.goneWhenOpened.add('tavla:u-kari:deleted');
    expect(await findWaitingCopies('u-kari', asDatabases(idb))).toEqual([]);
    expect(idb.opened).toEqual(['tavla:u-kari:deleted']);
    expect(idb.created).toEqual([]);
  });

  it('goes by the index alone in a browser that does not list its databases', async () => {
    const idb = new FakeDatabases();
    idb.stored.set('tavla:u-kari:older', 2);
    recordWaiting('u-kari', 'indexed', 1);
    const noListing = asDatabases({ open: idb.open });
    expect(await findWaitingCopies('u-kari', noListing)).toEqual(['indexed']);
    expect(idb.opened).toEqual([]);
  });

  it('finds what the index says, and throws nothing, when IndexedDB fails or is missing', async () => {
    recordWaiting('u-kari', 'indexed', 1);
    const refusing = asDatabases({
      databases: () => Promise.reject(new DOMException('refused', 'SecurityError')),
      open: () => {
        throw new DOMException('refused', 'SecurityError');
      },
    });
    expect(await findWaitingCopies('u-kari', refusing)).toEqual(['indexed']);
    const failingOpen = asDatabases({
      databases: async () => [{ name: 'tavla:u-kari:older', version: 1 }],
      open: () => {
        throw new DOMException('refused', 'SecurityError');
      },
    });
    expect(await findWaitingCopies('u-kari', failingOpen)).toEqual(['indexed']);
    expect(await findWaitingCopies('u-kari', null)).toEqual(['indexed']);
  });
});

describe('sendWaitingEdits', () => {
  /** Sessions without a server or a copy; the tests play the connection's states. */
  const offline: Partial<SessionOptions> = { connect: false, persist: false };
  const boardOf = (agreementId: string) => acquireSession({ agreementId, user: KARI, ...offline });
  /** The session of `agreementId` that is open now (acquired and released again to look). */
  const openNow = (agreementId: string) => {
    const s = boardOf(agreementId);
    releaseSession(s);
    return s;
  };
  const synced = (s: AgreementSession) => s.connection.update({ status: 'connected' });

  beforeEach(() => vi.useFakeTimers());
  afterEach(async () => {
    await closeAllSessions();
    vi.useRealTimers();
  });

  it('opens a session for each agreement with edits waiting, and lets it close once synced', async () => {
    const find = vi.fn(async () => ['a1', 'a2']);
    sendWaitingEdits(KARI, { find, session: offline });
    await vi.advanceTimersByTimeAsync(0);
    expect(find).toHaveBeenCalledWith(KARI.id);
    const a1 = openNow('a1');
    const a2 = openNow('a2');
    expect(a1.opts.background).toBe(true);

    synced(a1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(openNow('a1')).not.toBe(a1); // closed: the usual 30 s after the last release
    expect(openNow('a2')).toBe(a2); // not synced yet: still sending
  });

  it('shares the session with a board opened meanwhile, which keeps it open', async () => {
    sendWaitingEdits(KARI, { find: async () => ['a1'], session: offline });
    await vi.advanceTimersByTimeAsync(0);
    const board = boardOf('a1');
    synced(board);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(openNow('a1')).toBe(board);
    releaseSession(board);
  });

  it('does not show the person as present until a page of the agreement takes the session', async () => {
    const awareness = new Awareness(new Y.Doc());
    sendWaitingEdits(KARI, { find: async () => ['a1'], session: { ...offline, awareness } });
    await vi.advanceTimersByTimeAsync(0);
    expect(awareness.getLocalState()).toBeNull();
    const board = acquireSession({ agreementId: 'a1', user: KARI, ...offline, awareness });
    expect(awareness.getLocalState()).toMatchObject({ user: { id: KARI.id } });
    releaseSession(board);
  });

  it('sends each agreement once however often it is asked', async () => {
    const opts = { find: async () => ['a1'], session: offline };
    sendWaitingEdits(KARI, opts);
    sendWaitingEdits(KARI, opts);
    await vi.advanceTimersByTimeAsync(0);
    const a1 = openNow('a1');
    synced(a1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(openNow('a1')).not.toBe(a1); // one release was enough: held once
  });

  it('lets go of an agreement the server refuses, without trying it again', async () => {
    const find = vi.fn(async () => ['gone']);
    const signedOut = vi.fn();
    sendWaitingEdits(KARI, { find, signedOut, session: offline });
    await vi.advanceTimersByTimeAsync(0);
    const gone = openNow('gone');
    gone.connection.update({ status: 'denied', closeCode: 4404 });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(openNow('gone')).not.toBe(gone);
    expect(find).toHaveBeenCalledTimes(1);
    expect(signedOut).not.toHaveBeenCalled();
  });

  it('asks for the login form when the server says the person is not signed in', async () => {
    const signedOut = vi.fn();
    sendWaitingEdits(KARI, { find: async () => ['a1'], signedOut, session: offline });
    await vi.advanceTimersByTimeAsync(0);
    const a1 = openNow('a1');
    a1.connection.update({ status: 'denied', closeCode: 4401 });
    expect(signedOut).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(openNow('a1')).not.toBe(a1);
  });

  it('releases what it has not sent yet when stopped, and opens nothing found after', async () => {
    const stop = sendWaitingEdits(KARI, { find: async () => ['a1'], session: offline });
    await vi.advanceTimersByTimeAsync(0);
    const a1 = openNow('a1');
    stop();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(openNow('a1')).not.toBe(a1);

    let found: (ids: string[]) => void = () => undefined;
    const late = sendWaitingEdits(KARI, {
      find: () => new Promise<string[]>((resolve) => (found = resolve)),
      session: offline,
    });
    late(); // signed out before the copies were found
    found(['a2']);
    await vi.advanceTimersByTimeAsync(0);
    expect(openNow('a2').opts.background).toBeUndefined(); // opened only by this look
  });
});
