/**
 * A dynamic import that can be tried again. React.lazy keeps the first promise it gets, a
 * rejected one too (facebook/react#14254), so a part whose chunk failed to load — the network
 * went before the idle preload had fetched it (shell/offlineCode.ts) — could never load in that
 * page. This loader forgets a failure: the next `load()` calls the import afresh. Plain
 * TypeScript; `lazyPart.tsx` is the React side.
 *
 * @example
 * const panel = partLoader(() => import('../detail/MeasurePanel'));
 * panel.load().catch(() => {}); // state: loading, then loaded or failed
 * panel.load(); // after a failure: a new import, not the old rejection
 */
export type PartState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; value: T }
  | { status: 'failed'; error: unknown };

export interface PartLoader<T> {
  /** The current state; the same object until it changes (for useSyncExternalStore). */
  get(): PartState<T>;
  subscribe(listener: () => void): () => void;
  /** Starts a load, or joins the one in flight; resolves at once when loaded. */
  load(): Promise<T>;
}

const IDLE = { status: 'idle' } as const;
const LOADING = { status: 'loading' } as const;

export function partLoader<T>(importPart: () => Promise<T>): PartLoader<T> {
  let state: PartState<T> = IDLE;
  let inFlight: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  const set = (next: PartState<T>) => {
    state = next;
    for (const l of listeners) l();
  };
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load() {
      if (state.status === 'loaded') return Promise.resolve(state.value);
      if (inFlight) return inFlight;
      set(LOADING);
      const attempt = (async () => importPart())().then(
        (value) => {
          inFlight = null;
          set({ status: 'loaded', value });
          return value;
        },
        (error: unknown) => {
          inFlight = null;
          set({ status: 'failed', error });
          throw error;
        },
      );
      inFlight = attempt;
      return attempt;
    },
  };
}
