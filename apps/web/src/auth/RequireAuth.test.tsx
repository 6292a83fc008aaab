import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keys, useLogout } from '../api/queries';
import { useUi } from '../shell/uiStore';
import { KARI } from '../test/harness';
import { RequireAuth } from './RequireAuth';

/** The server as the page sees it: whether the session cookie is still good. */
let signedIn = true;

function stubServer() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const path = String(input);
      if (path.endsWith('/api/auth/logout')) {
        signedIn = false;
        return new Response(null, { status: 204 });
      }
      if (path.endsWith('/api/me')) {
        return signedIn
          ? Response.json({ user: KARI })
          : Response.json({ error: { code: 'unauthenticated', message: 'x' } }, { status: 401 });
      }
      return new Response('not found', { status: 404 });
    }),
  );
}

function LogoutButton() {
  const logout = useLogout();
  return (
    <button type="button" onClick={() => logout.mutate()}>
      Logg ut nå
    </button>
  );
}

function renderApp() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <RequireAuth>
        <p>Tavla er åpen</p>
        <LogoutButton />
      </RequireAuth>
    </QueryClientProvider>,
  );
  return qc;
}

describe('RequireAuth', () => {
  beforeEach(() => {
    stubServer();
    useUi.getState().setSignedOutByUser(false);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the plain login form to someone who was not signed in', async () => {
    signedIn = false;
    renderApp();
    expect(await screen.findByRole('button', { name: 'Logg inn' })).toBeTruthy();
    expect(screen.queryByTestId('login-notice')).toBeNull();
  });

  it('says that the session ended when it goes away under an open page', async () => {
    signedIn = true;
    const qc = renderApp();
    expect(await screen.findByText('Tavla er åpen')).toBeTruthy();
    // Ended elsewhere ("Logg ut overalt", another device, expiry): the next check finds no session.
    signedIn = false;
    await act(() => qc.invalidateQueries({ queryKey: keys.me }));
    const notice = await screen.findByTestId('login-notice');
    expect(notice.textContent).toContain('Du er logget ut fordi økten din er avsluttet');
    expect(screen.getByRole('button', { name: 'Logg inn' })).toBeTruthy();
  });

  it('says only "logged out" when the person signed out themselves', async () => {
    signedIn = true;
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'Logg ut nå' }));
    const notice = await screen.findByTestId('login-notice');
    expect(notice.textContent).toBe('Du er logget ut.');
  });
});
