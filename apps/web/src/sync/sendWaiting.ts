import {
  type AgreementSession,
  acquireSession,
  isOpen,
  offlineCacheName,
  releaseSession,
  type SessionOptions,
  type SessionUser,
} from './session';
import { UNSENT_KEY } from './unsentCount';
import { copyIndexed, recordWaiting, waitingCopiesOf } from './waitingIndex';

/**
 * A copy that does not open within this time is left for the next start: an open waits
 * while another tab deletes the database, and nothing else should hold the start up.
 */
const PEEK_TIMEOUT_MS = 5000;

/** The `IDBFactory` calls used here (tests pass a stand-in). */
export type Databases = Pick<IDBFactory, 'open'> & { databases?: IDBFactory['databases'] };

function browserDatabases(): Databases | null {
  try {
    return typeof indexedDB === 'undefined' ? null : indexedDB;
  } catch {
    return null; // opaque origin, or storage blocked
  }
}

/**
 * The agreements whose offline copy of this person, in this browser, holds edits not sent: those
 * the index names (waitingIndex.ts), and, where the browser lists its databases
 * (`indexedDB.databases()`), copies the index has never heard of (kept by a Tavla from before
 * the index, or while localStorage was full), whose count is read once and written to the index.
 * Only copies named for this person (`offlineCacheName`). Never throws: with IndexedDB blocked
 * or failing, what the index says.
 *
 * @example await findWaitingCopies('u-ola') // ['tromsvekstavtalen']
 */
export async function findWaitingCopies(
  userId: string,
  idb: Databases | null = browserDatabases(),
): Promise<string[]> {
  const prefix = offlineCacheName(userId, '');
  try {
    if (idb && typeof idb.databases === 'function') {
      const listed = await idb.databases();
      const unknown = listed
        .map((d) => d.name ?? '')
        .filter((name) => name.startsWith(prefix))
        .map((name) => name.slice(prefix.length))
        .filter((agreementId) => !copyIndexed(userId, agreementId));
      await Promise.all(
        unknown.map(async (agreementId) => {
          const n = await peekCount(idb, offlineCacheName(userId, agreementId));
          // `recordWaiting` refuses what is no agreement id (a name with more in it).
          if (n !== null) recordWaiting(userId, agreementId, n);
        }),
      );
    }
  } catch {
    // listing refused or failed: the index alone
  }
  return [...waitingCopiesOf(userId).keys()];
}

/**
 * Reads the count of waiting edits stored beside an existing copy, without y-indexeddb (which
 * would read the whole document). Null when it cannot be read. Opened without a version, so an
 * existing copy is not upgraded; a copy deleted since it was listed would be created by the open,
 * empty and without y-indexeddb's stores, so that upgrade is aborted (nothing is created).
 */
export function peekCount(idb: Databases, name: string): Promise<number | null> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (n: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(n);
    };
    const timer = setTimeout(() => done(null), PEEK_TIMEOUT_MS);
    let req: IDBOpenDBRequest;
    try {
      req = idb.open(name);
    } catch {
      done(null);
      return;
    }
    req.onupgradeneeded = () => {
      req.transaction?.abort();
      done(null);
    };
    req.onerror = (e) => {
      e.preventDefault?.(); // expected (the abort above): not an error of the page
      done(null);
    };
    req.onblocked = () => done(null);
    req.onsuccess = () => {
      const db = req.result;
      // Never keep a copy open that someone deletes (signing out in another tab).
      db.onversionchange = () => db.close();
      if (settled) {
        db.close(); // too late: given up already
        return;
      }
      try {
        if (!db.objectStoreNames.contains('custom')) {
          db.close();
          done(0);
          return;
        }
        const get = db.transaction('custom', 'readonly').objectStore('custom').get(UNSENT_KEY);
        get.onsuccess = () => {
          db.close();
          done(typeof get.result === 'number' ? get.result : 0);
        };
        get.onerror = (e) => {
          e.preventDefault?.();
          db.close();
          done(null);
        };
      } catch {
        db.close();
        done(null);
      }
    };
  });
}

export interface SendWaitingOptions {
  /** The server said we are not signed in (4401): the page asks who we are again. */
  signedOut?: () => void;
  /** Finds the agreements to send (tests); `findWaitingCopies` otherwise. */
  find?: (userId: string) => Promise<string[]>;
  /** More session options (tests: no server, a stand-in copy). */
  session?: Partial<Omit<SessionOptions, 'agreementId' | 'user' | 'background'>>;
}

/**
 * Background sends running, by person and agreement: one each, however often asked. One whose
 * session was closed under it (signing out closes every session) is over.
 */
const sending = new Map<string, { session: AgreementSession; finish: () => void }>();

/**
 * Sends the edits that wait in this person's offline copies in this browser, without any page
 * of those agreements: for each copy that holds some, a session is opened in the background (the
 * same `acquireSession`, so a board opened meanwhile shares it) and released once it has synced
 * with the server; the usual close 30 s later follows (releaseSession). Called when the app
 * starts for a signed-in person and when they sign in again; no other time, so a copy the server
 * refuses is tried once per start or sign-in, never in a loop:
 *
 * - refused for good (4403, 4404: no access any more): released as it is. The copy and its edits
 *   stay in this browser (the page of the agreement, if it ever opens, says why);
 * - 4401 (not signed in after all, e.g. the app started offline with a session that has since
 *   ended): released, and `signedOut` asks for the login form, after which this runs again;
 * - [A3] edits refused (we may only read now): synced all the same; they stay counted.
 *
 * Returns a function that stops: the sessions not synced yet are released (the person signed
 * out, or another signed in).
 *
 * @example const stop = sendWaitingEdits(me, { signedOut: () => refetchMe() })
 */
export function sendWaitingEdits(user: SessionUser, opts: SendWaitingOptions = {}): () => void {
  let stopped = false;
  const mine: (() => void)[] = [];
  void (opts.find ?? findWaitingCopies)(user.id).then(
    (agreementIds) => {
      if (stopped) return;
      for (const agreementId of agreementIds) {
        const key = `${user.id}:${agreementId}`;
        const running = sending.get(key);
        if (running && isOpen(running.session)) continue;
        running?.finish();
        const session = acquireSession({ ...opts.session, agreementId, user, background: true });
        const finish = watchUntilSynced(session, () => {
          if (sending.get(key)?.session === session) sending.delete(key);
          releaseSession(session);
        });
        sending.set(key, { session, finish });
        mine.push(finish);
      }
    },
    () => undefined, // nothing found
  );
  return () => {
    stopped = true;
    for (const finish of mine.splice(0)) finish();
  };

  /**
   * Calls `release` once the session has read its copy and synced (what the copy held went out
   * with the sync, or as it was read), or was refused for good, or when stopped; returns the
   * stop. A session already in that state (a board has it open and synced) is released at once.
   */
  function watchUntilSynced(session: AgreementSession, release: () => void): () => void {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      unsubscribe();
      release();
    };
    const check = () => {
      const c = session.connection.get();
      if (c.status === 'connected' && c.copyRead) finish();
      else if (c.status === 'denied') {
        finish();
        if (c.closeCode === 4401 && !stopped) opts.signedOut?.();
      }
    };
    const unsubscribe = session.connection.subscribe(check);
    check();
    return finish;
  }
}
