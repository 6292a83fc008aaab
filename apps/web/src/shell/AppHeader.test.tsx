import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMeasure } from '@tavla/domain';
import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../api/queries';
import { useWarnBeforeLeavingUnsent } from '../sync/react';
import type { AgreementSession } from '../sync/session';
import { forgetWaiting, recordWaiting } from '../sync/waitingIndex';
import { findOpenDialog, KARI, seededSession } from '../test/harness';
import { AppHeader } from './AppHeader';
import { useUi } from './uiStore';

/** An edit made offline (the test session never connects): one change waits to be sent. */
function editOffline(session: AgreementSession) {
  act(() => {
    createMeasure(
      session.doc,
      { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'Skrevet på toget' },
      session.origin,
    );
  });
}

describe('signing out with edits not sent yet', () => {
  let logoutCalls = 0;
  beforeEach(() => {
    logoutCalls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        if (String(input).endsWith('/api/auth/logout')) logoutCalls++;
        return new Response(null, { status: 204 });
      }),
    );
  });
  afterEach(() => {
    useUi.getState().setActiveSession(null);
    vi.unstubAllGlobals();
  });

  function renderHeader(session: AgreementSession | null) {
    const qc = new QueryClient();
    qc.setQueryData(keys.me, KARI);
    useUi.getState().setActiveSession(session);
    render(
      <QueryClientProvider client={qc}>
        <AppHeader />
      </QueryClientProvider>,
    );
  }

  it('asks first, says how many and where they are kept, and "Bli innlogget" keeps the session', async () => {
    const session = seededSession();
    editOffline(session);
    renderHeader(session);
    fireEvent.click(screen.getByRole('button', { name: 'Logg ut' }));
    const dialog = await findOpenDialog('logout-unsent-dialog');
    expect(dialog.textContent).toContain('Du har 1 endring som de andre ikke har fått ennå');
    expect(dialog.textContent).toContain('lagret i denne nettleseren');
    fireEvent.click(screen.getByRole('button', { name: 'Bli innlogget' }));
    expect(screen.queryByTestId('logout-unsent-dialog')).toBeNull();
    expect(logoutCalls).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Logg ut' }));
    await findOpenDialog('logout-unsent-dialog');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Logg ut likevel' }));
    });
    expect(logoutCalls).toBe(1);
  });

  it('counts the edits waiting in copies of agreements not open too, also on a page of none', async () => {
    recordWaiting(KARI.id, 'annen-avtale', 3);
    try {
      renderHeader(null);
      fireEvent.click(screen.getByRole('button', { name: 'Logg ut' }));
      const dialog = await findOpenDialog('logout-unsent-dialog');
      expect(dialog.textContent).toContain('Du har 3 endringer som de andre ikke har fått ennå');
      expect(dialog.textContent).toContain('lagret i denne nettleseren');
      expect(logoutCalls).toBe(0);
    } finally {
      forgetWaiting(KARI.id, 'annen-avtale');
    }
  });

  it('signs out at once when everything is sent', async () => {
    renderHeader(seededSession());
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Logg ut' }));
    });
    expect(screen.queryByTestId('logout-unsent-dialog')).toBeNull();
    expect(logoutCalls).toBe(1);
  });
});

describe('useWarnBeforeLeavingUnsent', () => {
  const leave = () => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  };

  it('asks before the tab closes only while edits wait, and stops when the page goes', () => {
    const session = seededSession();
    const { unmount } = renderHook(() => useWarnBeforeLeavingUnsent(session));
    expect(leave()).toBe(false);
    editOffline(session);
    expect(leave()).toBe(true);
    act(() => session.connection.update({ status: 'connected', unsynced: 0 }));
    expect(leave()).toBe(false);
    editOffline(session); // counted only while not connected: nothing waits
    expect(leave()).toBe(false);
    act(() => session.connection.update({ status: 'offline' }));
    editOffline(session);
    unmount();
    expect(leave()).toBe(false);
  });
});
