import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { rereadCardDisplay } from '../board/cardDisplay';
import { useFilters } from '../filters/filterStore';
import { useFind } from '../find/FindMeasure';
import { i18next, loadLanguage } from '../i18n';
import { useUi } from '../shell/uiStore';
import { closeAllSessions } from '../sync/session';

// nn and en load on demand in the app; tests may ask for any language at once.
await loadLanguage('nn');
await loadLanguage('en');

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

// Most test files share one module graph and one jsdom per worker (vitest.config.ts): each file
// starts from what a fresh page would have, whatever the file before it left behind.
beforeAll(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
  sessionStorage.clear();
  useUi.setState(useUi.getInitialState(), true);
  useFilters.setState(useFilters.getInitialState(), true);
  useFind.setState(useFind.getInitialState(), true);
  rereadCardDisplay();
  await i18next.changeLanguage('nb');
});

afterAll(async () => {
  await closeAllSessions();
});
