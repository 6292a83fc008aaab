import { readSchemaVersion, SCHEMA_VERSION, type TxOrigin } from '@tavla/domain';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Presence } from '../presence/presence';
import { sendOnlyOwnAwareness } from './ownAwareness';
import { type ConnectionState, Observable } from './connection';
import { DocStore, type MeasureChange } from './docStore';
import {
  type CopyPersistence,
  OfflineCopyKeeper,
  type OfflineCopyKeeperOptions,
} from './offlineCopyKeeper';
import { watchSilentSocket } from './silentSocket';
import { undoScope } from './undoScope';
import type { UnsentCount } from './unsentCount';
import { forgetWaiting, recordWaiting, waitingCopiesOf } from './waitingIndex';
import { watchWriteRefusals } from './writeRefusals';

export interface SessionUser {
  id: string;
  name: string;
  organisation?: { id: string; name: string; kind: string } | null;
}

export interface SessionOptions {
  agreementId: string;
  user: SessionUser;
  /** Connect to the server (off in component tests). */
  connect?: boolean;
  /** Keep an offline copy in IndexedDB (off in component tests). */
  persist?: boolean;
  doc?: Y.Doc;
  /** Presence without a server (component tests); otherwise the provider's awareness. */
  awareness?: Awareness;
  /** The socket class of the provider (tests that play the server); the browser's otherwise. */
  WebSocketPolyfill?: typeof WebSocket;
  /** How the offline copy is opened and tried again (tests); y-indexeddb's and COPY_RETRY otherwise. */
  offlineCopy?: Pick<OfflineCopyKeeperOptions, 'open' | 'probe' | 'timings' | 'loadRetry'>;
  /**
   * Opened by no page, only to send the edits that wait in the offline copy (sendWaiting.ts):
   * the person is not shown as present on the agreement until a page of it takes the session.
   */
  background?: boolean;
}

/** Performance marks for the browser benchmark (test/load); no-ops where unsupported. */
export function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function')
    performance.mark(name);
}

/** Close codes after which reconnecting cannot help (apps/server/src/sync/closeCodes.ts). */
const DENIED_CODES = new Set([4401, 4403, 4404]);
/**
 * Close codes the server also sends when our membership changed: 4404 "access removed", 1013
 * "role changed" (server.ts onAccessChange). The role must then be read again from REST.
 */
const ACCESS_CODES = new Set([1013, 4404]);

/** Whether this browser offers IndexedDB at all (reading it throws in opaque origins). */
function indexedDbUsable(): boolean {
  try {
    return typeof indexedDB !== 'undefined' && indexedDB !== null;
  } catch {
    return false;
  }
}

/** Name of the IndexedDB offline copy of one person's agreement. */
export function offlineCacheName(userId: string, agreementId: string): string {
  return `tavla:${userId}:${agreementId}`;
}

/** False only when the browser says it has no network (`navigator.onLine`). */
function browserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/**
 * Drops the provider's socket, if any, and connects afresh at once (not after the backoff).
 * `disconnect()` is the provider's one public way to let go of a socket without waiting for its
 * close event, which on a dead network may come only when the closing handshake times out.
 * Not when the provider stopped for good (refused 4401/4403/4404, or destroyed).
 */
function restart(provider: WebsocketProvider): void {
  if (!provider.shouldConnect) return;
  if (provider.ws) provider.disconnect();
  provider.connect();
}

export function websocketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/**
 * One open agreement: its Y.Doc, the websocket provider, the offline cache, undo history of this
 * person's own edits and the connection state. Plain TypeScript; React only subscribes.
 */
export class AgreementSession {
  readonly doc: Y.Doc;
  /** The ONE origin object passed to every domain operation, so UndoManager tracks it by identity. */
  readonly origin: TxOrigin;
  /**
   * Origin of character edits in bound text fields. Separate from `origin` so the board's undo
   * (Ctrl+Z outside fields) does not undo typing; each field has its own Y.Text undo.
   */
  readonly textOrigin: TxOrigin;
  readonly store: DocStore;
  readonly undo: Y.UndoManager;
  readonly connection: Observable<ConnectionState>;
  readonly provider: WebsocketProvider | null = null;
  /** The offline copy, opened again when it is lost (null when none is kept: persist off). */
  readonly offlineCopy: OfflineCopyKeeper | null = null;
  /**
   * Counts closes that may mean our role changed or our access was removed (ACCESS_CODES); the
   * agreement scope re-reads the role each time, so the board turns read-only or closes at once.
   */
  readonly accessChecks = new Observable<number>(0);
  /** Moves by others that arrived when we came back online; the board shows them once. */
  readonly offlineMoves = new Observable<MeasureChange[]>([]);
  /**
   * True while the document is of a newer format than this build supports: Tavla was updated
   * (and the server migrated the document) while this page was open. Every domain operation
   * then refuses to run ([F1] in docs/document-format.md), so the agreement is read-only here
   * until the page is reloaded. Follows `meta.schemaVersion` live: the version may come with
   * the offline copy, with the first sync, or at any time later. Nothing is undone or cleared:
   * edits made before still reach the server (and stay in the offline copy until they have).
   */
  readonly newerFormat: Observable<boolean>;
  readonly presence: Presence;
  private everSynced = false;
  private wasOffline = false;
  /** Edits counted as waiting when the last sync completed (the server may refuse them yet). */
  private unsyncedAtSync = 0;
  /** The server refused a change of ours on the current connection. */
  private refusedHere = false;
  /**
   * Messages received from the server, all connections together: "have we heard from it since"
   * is a comparison of two counts. Not `wsLastMessageReceived`: a timestamp in milliseconds is
   * the same for a message and the next one when both come within one millisecond.
   */
  private heard = 0;
  /**
   * Own edits sent on the current connection since we last heard from the server (`heard` was
   * `heardAt` when they were made). If the connection goes before we hear anything again,
   * nothing says the server got them: they count as waiting, and the next sync sends them
   * (again).
   */
  private unheard = { count: 0, heardAt: -1 };
  private readonly cleanups: (() => void)[] = [];

  constructor(readonly opts: SessionOptions) {
    this.doc = opts.doc ?? new Y.Doc();
    this.origin = { source: 'local', userId: opts.user.id };
    this.textOrigin = { source: 'local', userId: opts.user.id };
    this.store = new DocStore(this.doc, (o) => this.isOwn(o));
    const isNewer = () => readSchemaVersion(this.doc) > SCHEMA_VERSION;
    this.newerFormat = new Observable(isNewer());
    // `meta` is part of the store's structure (everything but measures): a change of it, and
    // only such a change, can move the version, and reading it again is one map lookup.
    this.cleanups.push(this.store.subscribeStructure(() => this.newerFormat.set(isNewer())));
    this.undo = new Y.UndoManager(undoScope(this.doc), {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: 500,
    });
    const hasContent = () => this.store.structure().columns.length > 0;
    this.connection = new Observable<ConnectionState>({
      status: opts.connect === false ? 'offline' : 'connecting',
      unsynced: 0,
      ready: opts.connect === false || hasContent(),
    });

    // Count local changes that the server has not confirmed yet.
    const onUpdate = (_u: Uint8Array, origin: unknown) => {
      if (!this.isOwn(origin)) return;
      const st = this.connection.get();
      if (st.status !== 'connected') {
        this.connection.update({ unsynced: st.unsynced + 1 });
        // Not counted in a copy that no longer takes them: after a reload the number would
        // promise edits that are not there.
        if (!st.offlineCopyFailed) this.unsentCount?.add();
      } else if (this.provider) {
        if (this.heard !== this.unheard.heardAt) this.unheard = { count: 0, heardAt: this.heard };
        this.unheard.count++;
      }
    };
    this.doc.on('update', onUpdate);
    this.cleanups.push(() => this.doc.off('update', onUpdate));

    if (opts.persist === false) this.connection.update({ copyRead: true });
    else if (!indexedDbUsable()) this.connection.update({ noOfflineCopy: true, copyRead: true });
    else {
      // One cache per person and agreement: another person signing in on the same browser
      // must never pick up (and send under their name) someone else's unsynced edits.
      const keeper = new OfflineCopyKeeper({
        ...opts.offlineCopy,
        name: offlineCacheName(opts.user.id, opts.agreementId),
        doc: this.doc,
        // The index of copies with edits waiting follows the count (sendWaiting.ts reads it).
        counted: (n) => recordWaiting(opts.user.id, opts.agreementId, n),
        // Not while the server refuses us: signed out, or the agreement's access removed (its
        // copy is deleted then, and must not be made again).
        mayRetry: () => this.connection.get().status !== 'denied',
        events: {
          read: (unsent, first) => {
            if (first) mark('tavla:idb-loaded');
            this.connection.update(
              hasContent() ? { ready: true, copyRead: true } : { copyRead: true },
            );
            if (!first) return;
            // Edits of an earlier visit that still wait in the copy (made offline, then
            // reloaded or closed): count them, unless the server has synced everything meanwhile.
            void unsent.read().then((n) => {
              const st = this.connection.get();
              if (n > st.unsynced && st.status !== 'connected')
                this.connection.update({ unsynced: n });
            });
          },
          kept: (unsent) => this.offlineCopyKept(unsent),
          // Refused (storage blocked by a private mode, a policy or site settings): the board
          // works as before, but nothing is kept, and the indicator must not say it is. Failed
          // later, mid-visit (storage full, evicted, deleted by another tab): the edit must
          // still reach the server, and the header must stop saying it is kept here.
          lost: (how) =>
            how === 'refused'
              ? this.connection.update({ noOfflineCopy: true, copyRead: true })
              : this.offlineCopyFailed(),
        },
      });
      (this as { offlineCopy: OfflineCopyKeeper }).offlineCopy = keeper;
      this.cleanups.push(() => keeper.destroy());
    }

    if (opts.connect !== false) {
      const provider = new WebsocketProvider(websocketUrl(), opts.agreementId, this.doc, {
        maxBackoffTime: 5000,
        ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill } : {}),
      });
      (this as { provider: WebsocketProvider }).provider = provider;
      sendOnlyOwnAwareness(provider);
      this.wireProvider(provider);
    }

    this.presence = new Presence(this.provider?.awareness ?? opts.awareness ?? null, opts.user, {
      absent: opts.background === true,
    });
    this.cleanups.push(() => this.presence.destroy());

    // Conflict transparency: collect moves by others that arrive in the first sync after we were
    // offline (or that happened while this tab was closed and we had a cached copy).
    this.cleanups.push(
      this.store.onForeignChange((changes, tx) => {
        if (!this.provider || tx.origin !== this.provider) return;
        if (this.connection.get().status === 'connected') return;
        const moved = changes.filter(
          (c) => c.before && c.after && c.before.columnId !== c.after.columnId,
        );
        if (moved.length > 0 && (this.wasOffline || this.connection.get().ready)) {
          this.offlineMoves.set([...this.offlineMoves.get(), ...moved]);
        }
      }),
    );
  }

  private isOwn(origin: unknown): boolean {
    return (
      origin === this.origin ||
      origin === this.textOrigin ||
      origin === this.undo ||
      origin instanceof Y.UndoManager
    );
  }

  private wireProvider(provider: WebsocketProvider): void {
    countMessages(provider, () => {
      this.heard++;
    });
    // [A3] A viewer's changes are dropped by the server, which says so. Without listening, an
    // editor made a viewer while offline saw "connected, nothing waiting" after coming back,
    // while nobody ever got the edits. They stay in the document and the offline copy (sent if
    // the person may edit again); the state says they were refused and counts them again.
    const refusals = watchWriteRefusals(provider, {
      refused: () => {
        this.refusedHere = true;
        const st = this.connection.get();
        const n = Math.max(st.unsynced, this.unsyncedAtSync, 1);
        this.connection.update({ refused: true, unsynced: n });
        this.unsentCount?.atLeast(n);
      },
      accepted: () => {
        if (this.refusedHere || !this.connection.get().refused) return;
        this.unsyncedAtSync = 0;
        this.connection.update({ refused: false, unsynced: 0 });
        this.unsentCount?.clear();
      },
    });
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connecting') {
        // A new connection (or none): refusals and checks of the one before do not count.
        this.refusedHere = false;
        refusals.reset();
      }
      if (status === 'connected') return; // "connected" for us means synced, see below
      if (status === 'connecting') {
        // Tries while the browser says it is offline fail at once; they do not change that.
        // Nor do the tries of a server never reached: it stays offline until one gets through.
        const st = this.connection.get();
        if (st.status === 'offline' && (!browserOnline() || (st.unreachable && !this.everSynced)))
          return;
        this.connection.update({ status: this.everSynced ? 'reconnecting' : 'connecting' });
      } else if (status === 'disconnected') {
        this.wasOffline = true;
        this.countUnheardAsWaiting();
        const online = browserOnline();
        this.connection.update({ status: online && this.everSynced ? 'reconnecting' : 'offline' });
      }
    };
    const onSync = (synced: boolean) => {
      if (!synced) return;
      if (!this.everSynced) mark('tavla:server-synced');
      this.everSynced = true;
      this.wasOffline = false;
      if (this.connection.get().refused) {
        // Refused before: the edits are sent again with this sync, but "saved" only once the
        // server took them (it tells a read-only connection at once that it did not).
        this.connection.update({ status: 'connected', ready: true, unreachable: false });
        if (!this.refusedHere) refusals.check();
        return;
      }
      this.unsyncedAtSync = this.connection.get().unsynced;
      this.connection.update({ status: 'connected', unsynced: 0, ready: true, unreachable: false });
      this.unsentCount?.clear();
    };
    const onClosed = (ev: { code: number }) => {
      if (DENIED_CODES.has(ev.code)) {
        this.connection.update({ status: 'denied', closeCode: ev.code });
      }
    };
    const onConnectionClose = (ev: CloseEvent | null) => {
      if (ev && ACCESS_CODES.has(ev.code)) this.accessChecks.set(this.accessChecks.get() + 1);
      if (ev && DENIED_CODES.has(ev.code)) {
        this.connection.update({ status: 'denied', closeCode: ev.code });
      } else if (this.connection.get().status !== 'connected') {
        // Never reached: y-websocket says nothing (no "disconnected" for a socket that never
        // opened) and tries again; for the person, Tavla is offline until it gets through.
        this.connection.update(
          this.everSynced ? { unreachable: true } : { unreachable: true, status: 'offline' },
        );
      }
    };
    const onOffline = () => {
      if (this.connection.get().status === 'denied') return;
      this.wasOffline = true;
      this.countUnheardAsWaiting();
      this.connection.update({ status: 'offline', unreachable: true });
      // The socket often stays "open" when the network goes (no close event arrives for a long
      // time), and what is sent into it is lost with it. Drop it now; the provider keeps trying
      // with its backoff (each try fails at once while offline), so a wrong "offline" from the
      // browser costs one reconnect, and nothing waits for an "online" that may not come.
      restart(provider);
    };
    const onOnline = () => {
      const st = this.connection.get().status;
      if (st === 'connected' || st === 'denied') return;
      if (st === 'offline') this.connection.update({ status: 'reconnecting' });
      // Now, not after the backoff (up to maxBackoffTime): the sync handshake sends our
      // waiting edits. A try still hanging from before the network came back starts afresh.
      provider.wsUnsuccessfulReconnects = 0;
      restart(provider);
    };
    // A socket that went silent without closing: y-websocket waits 30 s for it, we ~10-14 s.
    this.cleanups.push(
      watchSilentSocket(provider, () => restart(provider), { heard: () => this.heard }),
    );
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    provider.on('connection-close', onConnectionClose);
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    this.cleanups.push(() => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      provider.off('connection-close', onConnectionClose);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
    });
  }

  /**
   * The connection is going (closed, silent, or the browser went offline): own edits made on it
   * since we last heard from the server count as waiting, as nothing says the server got them.
   */
  private countUnheardAsWaiting(): void {
    const st = this.connection.get();
    const { count, heardAt } = this.unheard;
    this.unheard = { count: 0, heardAt: -1 };
    if (st.status !== 'connected' || count === 0) return;
    if (this.heard !== heardAt) return;
    this.connection.update({ unsynced: st.unsynced + count });
    if (!st.offlineCopyFailed) this.unsentCount?.add(count);
  }

  /** The offline copy being kept (null when none is: refused, lost, or not kept at all). */
  get persistence(): CopyPersistence | null {
    return this.offlineCopy?.persistence ?? null;
  }

  /** The number of unsent edits kept with the offline copy (null while none is kept). */
  get unsentCount(): UnsentCount | null {
    return this.offlineCopy?.unsent ?? null;
  }

  /**
   * The offline copy stopped taking writes during this visit (storage full, evicted, or
   * deleted by another tab signing out). Until it is kept again (OfflineCopyKeeper tries),
   * edits live only in this tab until the server has them, like a browser that refused the
   * copy from the start (`noOfflineCopy`), and the header says so even while connected: it
   * promised the opposite before.
   */
  private offlineCopyFailed(): void {
    if (this.connection.get().offlineCopyFailed) return;
    // Failed while it was being read: what it held never arrives, only the server's will.
    this.connection.update({ noOfflineCopy: true, offlineCopyFailed: true, copyRead: true });
  }

  /**
   * A lost offline copy was opened again, read and written: it holds the whole document (the
   * edits made meanwhile too), so edits are kept on this machine again. Those still waiting
   * were not counted in the lost copy: they are now, so that a reload shows them and signing
   * out does not delete them.
   */
  private offlineCopyKept(unsent: UnsentCount): void {
    const st = this.connection.get();
    this.connection.update({ noOfflineCopy: false, offlineCopyFailed: false });
    if (st.status === 'connected' && !st.refused) unsent.clear();
    else if (st.unsynced > 0) unsent.atLeast(st.unsynced);
  }

  get awareness(): Awareness | null {
    return this.provider?.awareness ?? null;
  }

  dismissOfflineMoves(): void {
    this.offlineMoves.set([]);
  }

  /**
   * Tries the server again after it refused us (4401/4403/4404), e.g. when the person signed in
   * again after their session ended, or their access is back. The provider stops reconnecting
   * on those codes by itself; the document, its unsent edits and the undo history stay as they
   * are and are sent with the next sync.
   */
  resume(): void {
    if (!this.provider || this.connection.get().status !== 'denied') return;
    this.connection.update({
      status: this.everSynced ? 'reconnecting' : 'connecting',
      closeCode: undefined,
    });
    this.provider.connect();
    // Not tried while we were refused: now the copy may be.
    this.offlineCopy?.kick();
  }

  destroy(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.undo.destroy();
    this.store.destroy();
    this.provider?.awareness.setLocalState(null);
    this.provider?.destroy();
    this.doc.destroy();
  }
}

/**
 * Calls `heard` for every message the provider receives, of any type, before it is handled.
 * The handlers are the provider's own copy (`messageHandlers`), so this ends with the provider.
 */
function countMessages(provider: WebsocketProvider, heard: () => void): void {
  const handlers = provider.messageHandlers;
  handlers.forEach((handle, type) => {
    handlers[type] = (...args) => {
      heard();
      return handle(...args);
    };
  });
}

/**
 * Sessions are shared between the overview and the board of the same agreement and closed a
 * little after the last user leaves, so going back and forth does not reconnect.
 */
const sessions = new Map<
  string,
  {
    session: AgreementSession;
    refs: number;
    timer?: number;
    /** Stops waiting for held edits to reach the server (see releaseSession). */
    unwatch?: () => void;
  }
>();

/**
 * Counts changes of the sessions in memory (opened, closed, any connection state): what waits
 * where (`waitingEditsOf`) is read again on each.
 */
const sessionsChanged = new Observable(0);
const tellSessionsChanged = () => sessionsChanged.set(sessionsChanged.get() + 1);

/** Calls `listener` when a session opens or closes, or the connection of one changes. */
export const subscribeSessions = sessionsChanged.subscribe;

/**
 * Opens the session of an agreement, or shares the one open (a page and a background send of
 * the same agreement share one document, socket and offline copy). `background` is taken only
 * by sendWaiting.ts; any other caller is a page, and shows the person as present.
 */
export function acquireSession(opts: SessionOptions): AgreementSession {
  const key = `${opts.user.id}:${opts.agreementId}`;
  let entry = sessions.get(key);
  if (!entry) {
    entry = { session: new AgreementSession(opts), refs: 0 };
    sessions.set(key, entry);
    entry.session.connection.subscribe(tellSessionsChanged);
    tellSessionsChanged();
  }
  if (!opts.background) entry.session.presence.arrive();
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = undefined;
  entry.unwatch?.();
  entry.unwatch = undefined;
  entry.refs++;
  // Reopened after the server refused it (the page showed the login form, or "no access"):
  // whoever asks now has been let in again (signed in; the agreement answered), so try again.
  entry.session.resume();
  return entry.session;
}

export function releaseSession(session: AgreementSession): void {
  const key = `${session.opts.user.id}:${session.opts.agreementId}`;
  const entry = sessions.get(key);
  if (!entry || entry.session !== session) return;
  entry.refs--;
  if (entry.refs > 0) return;
  const closeLater = () => {
    entry.timer = window.setTimeout(() => {
      entry.timer = undefined;
      // Edits that nothing in this browser keeps (no offline copy) stay in memory until the
      // person opens the agreement again (e.g. after signing in again when their session ended
      // under an open board) or signs out, which asks first; or until the server has them
      // after all (the provider still runs when the person only went to another page while
      // offline), and then it closes as any other: not a socket and presence kept for ever.
      if (heldOnlyHere(session)) {
        entry.unwatch = session.connection.subscribe(() => {
          if (heldOnlyHere(session)) return;
          entry.unwatch?.();
          entry.unwatch = undefined;
          closeLater();
        });
        return;
      }
      sessions.delete(key);
      session.destroy();
      tellSessionsChanged();
    }, 30_000);
  };
  closeLater();
}

/**
 * Tries the server again with every session of this person that it refused (their session had
 * ended), once they are signed in again: also those of agreements whose board is not open now
 * (they signed in on another page, or had left edits in another agreement). A board opened
 * later would do it (acquireSession), but only for its own agreement, and until then what waited
 * only in this tab was neither sent nor warned about when the tab closed. Never another
 * person's: their sessions stay as they are until they sign in here themselves.
 */
export function resumeSessionsOf(userId: string): void {
  for (const { session } of sessions.values()) {
    if (session.opts.user.id === userId) session.resume();
  }
}

/** Whether the session is still open (not closed after its release, nor by `closeAllSessions`). */
export function isOpen(session: AgreementSession): boolean {
  return sessions.get(`${session.opts.user.id}:${session.opts.agreementId}`)?.session === session;
}

/** The session has edits the server has not got and no offline copy keeps them. */
function heldOnlyHere(session: AgreementSession): boolean {
  const c = session.connection.get();
  return c.unsynced > 0 && c.noOfflineCopy === true;
}

/** What a person has in this browser that the server has not got. */
export interface Unsent {
  /** Edits not sent yet, over all of the person's agreements. */
  count: number;
  /** Every one of them is kept in this browser's offline copy (false: only in this tab). */
  kept: boolean;
}

/** The edits of one agreement that wait in this browser. */
export interface WaitingEdits extends Unsent {
  /**
   * Nothing can send them now: the browser says it is offline, or the server has not been
   * reached. They are sent when the connection is back.
   */
  offline: boolean;
}

/**
 * Per agreement, the edits of a person that wait in this browser: in the sessions open in this
 * tab, and in the offline copies of agreements that are not (waitingIndex.ts), each counted
 * once. A session that has read its copy and synced has sent everything both held, whatever
 * the index still says (its count is cleared a moment later, or, with the copy lost, at the
 * next sync of a copy that opens).
 */
export function waitingEditsOf(userId: string): Map<string, WaitingEdits> {
  const online = browserOnline();
  const out = new Map<string, WaitingEdits>();
  for (const [agreementId, count] of waitingCopiesOf(userId))
    out.set(agreementId, { count, kept: true, offline: !online });
  for (const { session } of sessions.values()) {
    if (session.opts.user.id !== userId) continue;
    const c = session.connection.get();
    const id = session.opts.agreementId;
    const synced = c.status === 'connected' && !c.refused && c.copyRead === true;
    const count = synced ? 0 : Math.max(c.unsynced, out.get(id)?.count ?? 0);
    if (count === 0) out.delete(id);
    else
      out.set(id, {
        count,
        kept: !heldOnlyHere(session),
        offline: !online || c.status === 'offline',
      });
  }
  return out;
}

/**
 * The unsent edits of a person in this browser (e.g. when their session ended): those of the
 * sessions in this tab, and those in the offline copies of agreements not open.
 */
export function unsentOf(userId: string): Unsent {
  let count = 0;
  let kept = true;
  for (const w of waitingEditsOf(userId).values()) {
    count += w.count;
    kept &&= w.kept;
  }
  return { count, kept };
}

/**
 * Closes every session now (on logout: nothing of the previous person's stays open). With
 * `clearCache`, the offline copy is deleted too, unless it holds edits the server has not got.
 * A copy that is lost at that moment (refused, or failed and not yet opened again) is left as
 * it is: what it holds cannot be read, so nothing says it holds no such edits.
 */
export async function closeAllSessions(opts: { clearCache?: boolean } = {}): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const [key, entry] of sessions) {
    if (entry.timer) clearTimeout(entry.timer);
    entry.unwatch?.();
    sessions.delete(key);
    const s = entry.session;
    const clean = s.connection.get().unsynced === 0;
    if (opts.clearCache && clean && s.persistence && s.unsentCount) {
      const p = s.persistence;
      const { user, agreementId } = s.opts;
      // Another tab of this person may have left edits in the shared copy that this one never
      // counted: the stored number says so.
      const clear = s.unsentCount.read().then((n) => {
        if (n !== 0) return;
        forgetWaiting(user.id, agreementId);
        return p.clearData();
      });
      pending.push(clear.finally(() => s.destroy()));
    } else s.destroy();
  }
  tellSessionsChanged();
  await Promise.allSettled(pending);
}
