import { ApiError } from './client';

/**
 * What the app remembers of the signed-in person's REST answers (who they are, an agreement's
 * title and their role in it, its members), so that a board reloaded with no network — on a
 * train — opens from the browser's own copy (the document itself is in IndexedDB, see
 * sync/session.ts). Names and roles only, never a token or a cookie. Forgotten when the person
 * logs out, another person logs in, or the server says the session is gone.
 */
const PREFIX = 'tavla:offline:';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (privacy settings): the app works, only not reloaded offline
  }
}

export function rememberOffline(key: string, value: unknown): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // quota or disabled: keeping a copy is a convenience, never a reason to fail
  }
}

export function rememberedOffline<T>(key: string): T | undefined {
  const raw = storage()?.getItem(PREFIX + key);
  if (raw == null) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

/** Forgets every remembered answer (logout, another person, session gone). */
export function forgetOffline(): void {
  const s = storage();
  if (!s) return;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(PREFIX)) keys.push(k);
  }
  for (const k of keys) s.removeItem(k);
}

/**
 * Loads from the server and remembers the answer; when the server cannot be reached at all
 * (no network: status 0), answers from what was remembered, if anything. HTTP errors (401, 403,
 * 404, 5xx) are passed on as they are: they are answers, not a missing network.
 */
export async function withOfflineCopy<T>(key: string, load: () => Promise<T>): Promise<T> {
  try {
    const value = await load();
    rememberOffline(key, value);
    return value;
  } catch (e) {
    if (e instanceof ApiError && e.status === 0) {
      const copy = rememberedOffline<T>(key);
      if (copy !== undefined) return copy;
    }
    throw e;
  }
}
