/**
 * When a person was last on an agreement, in this browser: what "Siden sist du var her" on the
 * agreement's front page counts from. Kept in localStorage, keyed by user and agreement; the
 * server records no reads or visits ([AL5] in docs/server-rules.md: no monitoring of employees),
 * so another browser or device has its own "last visit".
 *
 * A visit is the time the person spends on an agreement's pages (front page, boards, timeline,
 * activity log, members) without leaving it. `previous` — the end of the visit before — is read
 * once, when the visit begins, and kept for the whole visit: the list of changes does not vanish
 * while it is being read, nor when the person opens a board and comes back. What moves is
 * `seenAt`, written when the visit begins, every minute while the page is visible, when the tab
 * is hidden and when the person leaves (another page of Tavla, closing or reloading the tab);
 * never on a render. The next visit counts from the last `seenAt`.
 *
 * It continues rather than begins a new visit when the tab is reloaded within `gapMs`, or when
 * another tab of the same person is on the agreement right now (its heartbeat is fresh); and a
 * tab that comes back into view after more than `gapMs` hidden begins a new one (a front page
 * left open overnight shows the night's changes in the morning).
 *
 * Times are the server's (api/serverClock.ts), as far as this browser knows it: they are
 * compared with the activity log's, and a laptop's clock may be minutes off.
 *
 * Plain TypeScript; `useLastVisit.ts` is the React side.
 */

import { serverClock } from '../api/serverClock';

/** Timings of a visit (see above); the reason for each with it. */
export const VISIT = {
  /**
   * While the page is visible, `seenAt` is written this often, so that a tab that crashes or is
   * killed (no `pagehide`) loses at most this much; and other tabs can tell it is still here.
   */
  heartbeatMs: 60_000,
  /** A heartbeat younger than this means some tab of this person is on the agreement now. */
  aliveMs: 150_000,
  /** Away longer than this (tab hidden, or reloaded after) and back is a new visit. */
  gapMs: 30 * 60_000,
};

/** What is stored per person and agreement. */
interface Stored {
  /** When the visit before the current (or last) one ended; null on the first visit. */
  previous: string | null;
  /** The last time this person was seen on the agreement in this browser. */
  seenAt: string;
  /** A tab is on the agreement (false once the last one left it). */
  open: boolean;
}

/** The current visit of this tab. `previous` null: the first visit in this browser. */
export interface Visit {
  userId: string;
  agreementId: string;
  previous: string | null;
}

export interface VisitEnv {
  now: () => number;
  storage: () => Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Whether this page load was a reload (asked only for the first visit of the load). */
  isReload: () => boolean;
}

const PREFIX = 'tavla.lastVisit:';

const browserEnv: VisitEnv = {
  // The server's clock: `previous` is compared with the activity log's times (sinceLast.ts).
  now: () => serverClock.now(),
  storage: () => {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      return null; // storage disabled (privacy settings): every visit is a first one
    }
  },
  isReload: () => {
    try {
      const nav = performance.getEntriesByType('navigation')[0] as
        | PerformanceNavigationTiming
        | undefined;
      return nav?.type === 'reload';
    } catch {
      return false;
    }
  },
};

export class VisitTracker {
  readonly #env: VisitEnv;
  #visit: Visit | null = null;
  #firstOfPage = true;
  #hiddenAt: number | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(env: VisitEnv = browserEnv) {
    this.#env = env;
  }

  /** This tab's current visit, or null when it is on no agreement. Stable between changes. */
  get = (): Visit | null => this.#visit;

  subscribe = (fn: () => void): (() => void) => {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  };

  /** The person is on a page of the agreement: begins a visit unless one is under way. */
  enter(userId: string, agreementId: string): void {
    const v = this.#visit;
    if (v && v.userId === userId && v.agreementId === agreementId) return;
    if (v) this.leave();
    const reload = this.#firstOfPage && this.#env.isReload();
    this.#firstOfPage = false;
    const now = this.#env.now();
    const rec = this.#read(userId, agreementId);
    const age = rec ? now - Date.parse(rec.seenAt) : Number.POSITIVE_INFINITY;
    const continues =
      rec !== null && ((rec.open && age < VISIT.aliveMs) || (reload && age < VISIT.gapMs));
    this.#begin({
      userId,
      agreementId,
      previous: continues ? rec.previous : (rec?.seenAt ?? null),
    });
  }

  /** The person left the agreement (another page of Tavla, signed out). */
  leave(): void {
    if (!this.#visit) return;
    this.#write(false);
    this.#visit = null;
    this.#stopHeartbeat();
    this.#publish();
  }

  /** The tab was hidden: seen until now; no heartbeat while nobody looks. */
  hidden(): void {
    if (!this.#visit || this.#hiddenAt !== null) return;
    this.#hiddenAt = this.#env.now();
    this.#write(true);
    this.#stopHeartbeat();
  }

  /** The tab is in view again: the same visit, or a new one after a long time away. */
  visible(): void {
    const v = this.#visit;
    if (!v) return;
    const hiddenAt = this.#hiddenAt;
    this.#hiddenAt = null;
    if (hiddenAt !== null && this.#env.now() - hiddenAt > VISIT.gapMs) {
      const rec = this.#read(v.userId, v.agreementId);
      this.#begin({ ...v, previous: rec?.seenAt ?? new Date(hiddenAt).toISOString() });
      return;
    }
    this.#write(true);
    this.#startHeartbeat();
  }

  /** The page is going away (closed, reloaded, navigated off Tavla). */
  pageHide(): void {
    if (!this.#visit) return;
    this.#write(false);
    this.#stopHeartbeat();
  }

  /** A heartbeat: still here. Public for tests; the timer calls it. */
  beat(): void {
    if (this.#visit && this.#hiddenAt === null) this.#write(true);
  }

  #begin(visit: Visit): void {
    this.#visit = visit;
    this.#hiddenAt = null;
    this.#write(true);
    this.#startHeartbeat();
    this.#publish();
  }

  #key(userId: string, agreementId: string): string {
    return `${PREFIX}${userId}:${agreementId}`;
  }

  #read(userId: string, agreementId: string): Stored | null {
    try {
      const raw = this.#env.storage()?.getItem(this.#key(userId, agreementId));
      if (!raw) return null;
      const v = JSON.parse(raw) as Partial<Stored>;
      if (typeof v.seenAt !== 'string' || Number.isNaN(Date.parse(v.seenAt))) return null;
      return {
        previous: typeof v.previous === 'string' ? v.previous : null,
        seenAt: v.seenAt,
        open: v.open === true,
      };
    } catch {
      return null; // unreadable or garbled: as if never here
    }
  }

  #write(open: boolean): void {
    const v = this.#visit;
    if (!v) return;
    const rec: Stored = {
      previous: v.previous,
      seenAt: new Date(this.#env.now()).toISOString(),
      open,
    };
    try {
      this.#env.storage()?.setItem(this.#key(v.userId, v.agreementId), JSON.stringify(rec));
    } catch {
      // quota or disabled: the visit still works in this tab, the next one starts afresh
    }
  }

  #startHeartbeat(): void {
    this.#stopHeartbeat();
    this.#timer = setInterval(() => this.beat(), VISIT.heartbeatMs);
  }

  #stopHeartbeat(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #publish(): void {
    for (const fn of this.#listeners) fn();
  }
}

let shared: VisitTracker | null = null;

/**
 * The tab's tracker, listening to the page's visibility and `pagehide` (installed once, on
 * first use).
 */
export function visitTracker(): VisitTracker {
  if (shared) return shared;
  const tracker = new VisitTracker();
  shared = tracker;
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') tracker.hidden();
      else tracker.visible();
    });
  }
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', () => tracker.pageHide());
    // Back from the back/forward cache: the same tab, in view again.
    window.addEventListener('pageshow', (e) => {
      if (e.persisted) tracker.visible();
    });
  }
  return tracker;
}
