/**
 * Which of a person's offline copies in this browser hold edits the server has not got: a small
 * index the app keeps itself in localStorage, one entry per person (`tavla:waiting:<userId>`,
 * JSON `{ agreementId: count }`), so that the app can send those edits without the agreement
 * being opened (sync/sendWaiting.ts), and say so on the agreements list and the login form.
 *
 * Why an index of our own, and not only `indexedDB.databases()`: that call is missing in some
 * browsers (Firefox before 126), says nothing about what a copy holds (each would have to be
 * opened to read its count), and is asynchronous, while the login form and the list read the
 * numbers as they render. localStorage is per origin like IndexedDB and cleared with it.
 *
 * The index mirrors the count kept beside each copy (`UnsentCount`, 'tavla:unsent' in
 * y-indexeddb's custom store): every write and read of that count is told here, with the number
 * now stored. A copy of an earlier Tavla that has no entry yet is found once through
 * `indexedDB.databases()` where there is one (sendWaiting.ts). The copy stays the truth: an
 * entry that says more than its copy holds costs one connection that finds nothing to send;
 * a copy the index misses waits until the agreement is opened, as before.
 *
 * Storage blocked or full: kept in this tab's memory only, never an error.
 */
const PREFIX = 'tavla:waiting:';

/** Agreement ids as the server accepts them ([L9] in docs/server-rules.md). */
const AGREEMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Edits waiting per agreement id; agreements with none are not listed. */
export type WaitingCounts = ReadonlyMap<string, number>;

const EMPTY: WaitingCounts = new Map();

/** Used when localStorage is blocked or full: this tab still knows. */
const inMemory = new Map<string, string>();
/** The last map read per person, with the text it came from: a stable value between changes. */
const parsed = new Map<string, { raw: string | null; counts: WaitingCounts; all: WaitingCounts }>();
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (privacy settings)
  }
}

function readRaw(userId: string): string | null {
  const key = PREFIX + userId;
  // Held here only while writing to localStorage fails: then newer than what is stored there.
  const here = inMemory.get(key);
  if (here !== undefined) return here;
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null; // blocked
  }
}

function writeRaw(userId: string, raw: string | null): void {
  const key = PREFIX + userId;
  if (raw === null) inMemory.delete(key);
  else inMemory.set(key, raw);
  try {
    const s = storage();
    if (raw === null) s?.removeItem(key);
    else s?.setItem(key, raw);
    // Written for every tab now: the copy in memory would only hide later changes of others.
    inMemory.delete(key);
  } catch {
    // quota or disabled: this tab keeps it in memory
  }
}

/** Every entry of a person, with the copies known to hold nothing (count 0). */
function entries(userId: string): { counts: WaitingCounts; all: WaitingCounts } {
  const raw = readRaw(userId);
  const cached = parsed.get(userId);
  if (cached && cached.raw === raw) return cached;
  const all = new Map<string, number>();
  if (raw) {
    try {
      const obj: unknown = JSON.parse(raw);
      if (obj && typeof obj === 'object') {
        for (const [id, n] of Object.entries(obj)) {
          if (AGREEMENT_ID.test(id) && Number.isInteger(n) && n >= 0) all.set(id, n);
        }
      }
    } catch {
      // unreadable: as if empty; the next count written replaces it
    }
  }
  const counts = new Map([...all].filter(([, n]) => n > 0));
  const next = { raw, counts: counts.size > 0 ? counts : EMPTY, all };
  parsed.set(userId, next);
  return next;
}

/**
 * The agreements whose offline copy of this person holds edits not sent, with how many. The
 * same map object is returned until something changes (for `useSyncExternalStore`).
 *
 * @example waitingCopiesOf('u-ola').get('tromsvekstavtalen') // 3, or undefined
 */
export function waitingCopiesOf(userId: string): WaitingCounts {
  return entries(userId).counts;
}

/** Whether the index has heard of this copy at all (also when it holds nothing). */
export function copyIndexed(userId: string, agreementId: string): boolean {
  return entries(userId).all.has(agreementId);
}

/**
 * The count stored beside a copy is now `count` (0: the server has everything in it). Kept for
 * 0 too, so that a copy known to hold nothing is not opened to read its count.
 */
export function recordWaiting(userId: string, agreementId: string, count: number): void {
  if (!AGREEMENT_ID.test(agreementId)) return;
  const all = new Map(entries(userId).all);
  if (all.get(agreementId) === count) return;
  all.set(agreementId, Math.max(0, Math.floor(count)));
  writeRaw(userId, JSON.stringify(Object.fromEntries(all)));
  notify();
}

/** The copy was deleted (signed out with nothing waiting, access removed). */
export function forgetWaiting(userId: string, agreementId: string): void {
  const all = new Map(entries(userId).all);
  if (!all.delete(agreementId)) return;
  writeRaw(userId, all.size > 0 ? JSON.stringify(Object.fromEntries(all)) : null);
  notify();
}

function notify(): void {
  for (const l of [...listeners]) l();
}

/** Another tab of this browser changed an index (or the storage was cleared). */
function onStorage(e: StorageEvent): void {
  if (e.key === null || e.key.startsWith(PREFIX)) notify();
}

/** Calls `listener` when any person's index changes, in this tab or another. */
export function subscribeWaiting(listener: () => void): () => void {
  if (listeners.size === 0 && typeof window !== 'undefined')
    window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && typeof window !== 'undefined')
      window.removeEventListener('storage', onStorage);
  };
}
