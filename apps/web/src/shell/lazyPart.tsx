import {
  type ComponentType,
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { neededOffline as registerNeededOffline } from './offlineCode';
import { type PartLoader, partLoader } from './partLoader';

export interface Retry {
  /** Imports the part again (a fresh import, not the failed one). */
  retry: () => void;
  /** A retry is under way: the notice stays, its button shows that it is busy. */
  retrying: boolean;
}

export interface LazyPartOptions<P> {
  /** What stands in the part's place while its code cannot be fetched (PartUnavailable). */
  unavailable: (props: P, retry: Retry) => ReactNode;
  /** Shown while the code loads (a tick once it is preloaded). */
  fallback?: ReactNode;
  /** Fetch the code once a board is up and idle, for offline use (shell/offlineCode.ts). */
  neededOffline?: boolean;
}

export type LazyPart<P> = ComponentType<P> & { loader: PartLoader<ComponentType<P>> };

/** Imports a chunk by its URL; tests replace it (jsdom cannot import from a server). */
export const chunkImport = {
  byUrl: (url: string): Promise<unknown> => import(/* @vite-ignore */ url),
};

/**
 * The URL of the module a failed dynamic import names (Chromium: "Failed to fetch dynamically
 * imported module: <url>", Firefox: "error loading dynamically imported module: <url>"), if it
 * is a script of this page's own origin; null otherwise (Safari names none).
 */
export function failedModuleUrl(error: unknown): string | null {
  const text = error instanceof Error ? error.message : String(error);
  const m = /(https?:\/\/[^\s'"?#]+\.js)/.exec(text);
  if (!m?.[1]) return null;
  try {
    return new URL(m[1]).origin === window.location.origin ? m[1] : null;
  } catch {
    return null;
  }
}

/**
 * Like React.lazy, but a part whose code failed to load (the network went before the preload had
 * fetched it) shows `unavailable` in its place instead of throwing to the page's error boundary,
 * which blanked the whole board. The import is tried again each time the part is shown, when
 * the browser comes back online, on the notice's "Prøv igjen", and, while the browser says it
 * is online, after a while (2 s, doubling up to 30 s).
 *
 * A module whose fetch failed stays failed in that page (the HTML standard's module map, which
 * Chromium follows since version 150): importing the same URL again fails at once, with no
 * request. So the import is not even tried while the browser says it is offline (a failure
 * then would be for good), and after a failure while it said it was online, the chunk the error
 * names is imported under a new URL (`?retry=N`), which `pick` turns into the part like the
 * original import. (A failure of one of the chunk's own imports cannot be undone that way: the
 * notice then stays until the page is loaded again.)
 *
 * @example
 * const MeasurePanel = lazyPart(() => import('../detail/MeasurePanel'), (m) => m.MeasurePanel, {
 *   neededOffline: true,
 *   unavailable: (p, r) => <PartUnavailable part="card" onClose={p.onClose} {...r} />,
 * });
 */
export function lazyPart<M, P extends object>(
  importModule: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
  options: LazyPartOptions<P>,
): LazyPart<P> {
  let failedUrl: string | null = null;
  let retries = 0;
  // Every fresh import (the preload's too, which runs again when the network returns) first
  // fetches again the stylesheets that failed before (see below).
  const loader = partLoader(async () => {
    if (navigator.onLine === false) throw new Error('offline: the part is not imported now');
    await reloadFailedStylesheets();
    if (failedUrl) return pick((await chunkImport.byUrl(`${failedUrl}?retry=${++retries}`)) as M);
    try {
      return pick(await importModule());
    } catch (err) {
      failedUrl = failedModuleUrl(err);
      throw err;
    }
  });
  if (options.neededOffline) registerNeededOffline(loader.load);
  // A factory called once per part at module level, as React.lazy is: the component is stable.
  // biome-ignore lint/correctness/noComponentHookFactories: see above
  const Part = (props: P) => <PartView loader={loader} options={options} props={props} />;
  return Object.assign(Part, { loader });
}

function retryLoad(loader: PartLoader<unknown>): void {
  loader.load().catch(() => {}); // the state says it failed
}

function PartView<P extends object>({
  loader,
  options,
  props,
}: {
  loader: PartLoader<ComponentType<P>>;
  options: LazyPartOptions<P>;
  props: P;
}) {
  const state = useSyncExternalStore(loader.subscribe, loader.get, loader.get);
  // A failure from before this part was shown (e.g. the preload's) is not this showing's: it is
  // tried again below, before anything is painted.
  const [atMount] = useState(state);
  const failedHere = useRef(false);
  const retry = useCallback(() => retryLoad(loader), [loader]);
  useLayoutEffect(() => {
    if (loader.get().status !== 'loaded') retry();
  }, [loader, retry]);
  const failed = state.status === 'failed' && state !== atMount;
  // Failures in a row while the browser says it is online, for the wait before the next try.
  const onlineFailures = useRef(0);
  useEffect(() => {
    if (state.status === 'loaded') onlineFailures.current = 0;
    if (!failed) return;
    window.addEventListener('online', retry);
    // Failed although the browser says it is online: the try made on "online" itself often
    // fails (the network is not quite back yet), or the server is restarting. No further
    // "online" would come, so try again after 2 s, doubling up to 30 s, while the notice shows.
    const timer = navigator.onLine
      ? setTimeout(retry, Math.min(2000 * 2 ** onlineFailures.current++, 30_000))
      : undefined;
    return () => {
      window.removeEventListener('online', retry);
      clearTimeout(timer);
    };
  }, [failed, retry, state]);

  if (state.status === 'loaded') {
    const Loaded = state.value;
    return <Loaded {...props} />;
  }
  if (failed) failedHere.current = true;
  // While a retry runs the notice stays (no flicker of the dialog; focus stays on its button).
  if (failed || (state.status === 'loading' && failedHere.current))
    return options.unavailable(props, { retry, retrying: !failed });
  return options.fallback ?? null;
}

// Vite's preload helper adds a part's stylesheet as a <link> before importing it, and only the
// first time it is asked for that file (its memo keeps the key once settled, a failure too): a
// part retried after an offline failure would come without its styles. Links that failed are
// remembered here and replaced by fresh ones before the next import, which waits for them.
const failedStylesheets = new Set<HTMLLinkElement>();
if (typeof document !== 'undefined')
  document.addEventListener(
    'error', // a resource's error does not bubble; the capture phase sees it
    (e) => {
      const el = e.target;
      if (el instanceof HTMLLinkElement && el.rel === 'stylesheet') failedStylesheets.add(el);
    },
    true,
  );

async function reloadFailedStylesheets(): Promise<void> {
  const failed = [...failedStylesheets];
  failedStylesheets.clear();
  await Promise.all(
    failed.map(
      (old) =>
        new Promise<void>((resolve, reject) => {
          const link = old.cloneNode() as HTMLLinkElement;
          link.addEventListener('load', () => resolve(), { once: true });
          // (and into failedStylesheets again, for the next attempt)
          link.addEventListener('error', () => reject(new Error(`Unable to load ${link.href}`)), {
            once: true,
          });
          old.replaceWith(link);
        }),
    ),
  );
}
