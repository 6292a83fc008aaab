/**
 * Code split off the board page that working on the board needs, also offline (a train with no
 * signal): the measure panel, the milestones dialog, the timeline. A chunk the browser never
 * fetched cannot load without a network, so opening a card for the first time offline would
 * fail. These loaders are therefore fetched once a board is shown and the browser is idle —
 * after the board's first render, which does not wait for them (its JavaScript budget, issue 3).
 */
import { cacheLoadedAssets } from './serviceWorker';

const loaders = new Set<() => Promise<unknown>>();
let state: 'idle' | 'scheduled' | 'done' = 'idle';

/** Registers a dynamic import as needed offline; returns it unchanged (for `lazy`). */
export function neededOffline<T>(load: () => Promise<T>): () => Promise<T> {
  loaders.add(load);
  return load;
}

/** Mark set when the preloading starts (the browser bench separates these requests). */
export const PRELOAD_MARK = 'tavla:preload-offline-code';

/**
 * Fetches every registered chunk once the browser is idle (at most once per page; again after a
 * failure, e.g. when the page was already offline, on the next call or when the network returns).
 */
export function preloadOfflineCode(delayMs = 1000): void {
  if (state !== 'idle' || typeof window === 'undefined') return;
  state = 'scheduled';
  const retryOnline = () => {
    state = 'idle';
    window.addEventListener('online', () => preloadOfflineCode(0), { once: true });
  };
  const run = () => {
    // Not while the browser says it is offline: a chunk whose fetch failed stays failed in this
    // page (the module map; shell/lazyPart.tsx), so a try now would spoil the one that counts.
    if (navigator.onLine === false) {
      retryOnline();
      return;
    }
    performance.mark?.(PRELOAD_MARK);
    Promise.all([...loaders].map((load) => load())).then(() => {
      state = 'done';
      cacheLoadedAssets(); // and into the service worker's offline copy of the app
    }, retryOnline);
  };
  const whenIdle = (fn: () => void) =>
    typeof window.requestIdleCallback === 'function'
      ? window.requestIdleCallback(fn, { timeout: 5000 })
      : window.setTimeout(fn, 0);
  window.setTimeout(() => whenIdle(run), delayMs);
}

/** For tests: forget what was fetched. */
export function resetOfflineCode(): void {
  state = 'idle';
}
