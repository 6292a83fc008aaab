import { create } from 'zustand';
import { EMPTY_FILTERS, type Filters, filtersFromSearch, filtersToSearch } from './filters';

interface FilterState {
  filters: Filters;
  set: (patch: Partial<Filters>) => void;
  reset: () => void;
  /** Replace from the URL (on load and on back/forward). */
  load: (search: string) => void;
}

/**
 * Board filters and grouping: UI state in zustand, mirrored into the URL query string so a
 * filtered board can be shared and the back button works. Never in the shared document.
 */
export const useFilters = create<FilterState>((set) => ({
  filters: EMPTY_FILTERS,
  set: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  reset: () =>
    set((s) => ({
      filters: {
        ...EMPTY_FILTERS,
        groupBy: s.filters.groupBy,
        showArchived: s.filters.showArchived,
      },
    })),
  load: (search) => set({ filters: filtersFromSearch(search) }),
}));

/** Keeps store and URL in step; returns the unsubscribe function. */
export function bindFiltersToUrl(): () => void {
  const store = useFilters;
  store.getState().load(location.search);
  const unsub = store.subscribe((s, prev) => {
    if (s.filters === prev.filters) return;
    const next = filtersToSearch(s.filters, location.search);
    if (next !== location.search) {
      history.replaceState(history.state, '', `${location.pathname}${next}${location.hash}`);
    }
  });
  const onPop = () => store.getState().load(location.search);
  window.addEventListener('popstate', onPop);
  return () => {
    unsub();
    window.removeEventListener('popstate', onPop);
  };
}
