/**
 * Registers the service worker (public/sw.js) that lets the app open with no network. Only in
 * the built app: the dev server and the component tests run without it.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined') return;
  if (!('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then(() => cacheLoadedAssets())
      .catch(() => {
        // No worker (private mode, blocked): everything works online as before.
      });
  // Not while the first page renders: installing the worker fetches the page again and starts
  // a thread, which on a small machine competes with the board's first render.
  const whenIdle = () =>
    typeof window.requestIdleCallback === 'function'
      ? window.requestIdleCallback(() => void register(), { timeout: 10_000 })
      : window.setTimeout(() => void register(), 2000);
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}

/**
 * Hands the worker the scripts and styles this page has loaded so far, for its offline copy:
 * on the first visit they were fetched before the worker existed. Called again once the code
 * for offline use has arrived (shell/offlineCode.ts).
 */
export function cacheLoadedAssets(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const worker = navigator.serviceWorker.controller ?? null;
  const urls = performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => new URL(u, location.href).pathname.startsWith('/assets/'));
  void navigator.serviceWorker.ready.then((reg) =>
    (worker ?? reg.active)?.postMessage({ type: 'cache-assets', urls }),
  );
}
