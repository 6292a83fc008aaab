// Tavla's service worker: the app itself (HTML, scripts, styles, fonts) opens with no network,
// so that a board reloaded on a train shows the browser's own copy of the agreement (IndexedDB)
// and keeps every edit until the server is back. It never touches /api or /ws: data and
// sessions always go to the server; what the app remembers offline is its own business
// (apps/web/src/api/offlineCopy.ts, sync/session.ts).
//
// - /assets/* are content-hashed and immutable: from the cache when there, else fetched and kept
//   (at most ASSET_LIMIT files; the oldest go first).
// - Pages (navigations): from the network, the answer kept as the offline copy of the app; with
//   no network, that copy.
const CACHE = 'tavla-app-v1';
const SHELL = '/index.html';
const ASSET_LIMIT = 300;

self.addEventListener('install', (event) => {
  // The app's page, so that it opens offline even if it was loaded only once, before this worker.
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const res = await fetch('/', { cache: 'reload' });
      if (res.ok) await cache.put(SHELL, res);
      await self.skipWaiting();
    })().catch(() => self.skipWaiting()),
  );
});

// The page lists the files it loaded before this worker controlled it (its first visit).
self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const u of data.urls) {
        const url = new URL(u, self.location.origin);
        if (url.origin !== self.location.origin || !url.pathname.startsWith('/assets/')) continue;
        if (await cache.match(url.href)) continue;
        try {
          const res = await fetch(url.href); // from the HTTP cache: these are immutable
          if (res.ok) await cache.put(url.href, res);
        } catch {
          // offline already: the next visit fills it in
        }
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('tavla-app-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/ws/')) return;
  if (req.mode === 'navigate') {
    event.respondWith(page(req));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(req));
  }
});

async function page(req) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    // Every route of the app is the same index.html: keep the latest one as the offline copy.
    if (res.ok && (res.headers.get('content-type') ?? '').includes('text/html')) {
      await cache.put(SHELL, res.clone());
    }
    return res;
  } catch (err) {
    const copy = await cache.match(SHELL);
    if (copy) return copy;
    throw err;
  }
}

async function asset(req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) {
    await cache.put(req, res.clone());
    const keys = await cache.keys();
    const assets = keys.filter((k) => new URL(k.url).pathname.startsWith('/assets/'));
    for (const old of assets.slice(0, Math.max(0, assets.length - ASSET_LIMIT))) {
      await cache.delete(old);
    }
  }
  return res;
}
