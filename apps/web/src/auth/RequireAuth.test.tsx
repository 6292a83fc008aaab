import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keys, useLogout } from '../api/queries';
import { useUi } from '../shell/uiStore';
import { createMeasure, seedTromsvekstavtalen } from '@tavla/domain';
import * as Y from 'yjs';
import {
  type AgreementSession,
  acquireSession,
  closeAllSessions,
  releaseSession,
} from '../sync/session';
import { recordWaiting } from '../sync/waitingIndex';
import { KARI } from '../test/harness';
import { RequireAuth } from './RequireAuth';
import { announceSignOut } from './signOutChannel';

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

/** A board whose last act, as it unmounts, is an edit (a date field writing what was typed). */
function Board({ s }: { s: AgreementSession }) {
  useEffect(
    () => () => {
      createMeasure(s.doc, { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'Sist' }, s.origin);
      releaseSession(s);
    },
    [s],
  );
  return <p>Tavla er åpen</p>;
}

describe('RequireAuth', () => {
  beforeEach(() => {
    stubServer();
    useUi.getState().setSignedOutByUser(false);
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await closeAllSessions();
  });

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

  it('fills in who it was and says what was not sent, when the session ends with edits waiting', async () => {
    signedIn = true;
    const qc = renderApp();
    expect(await screen.findByText('Tavla er åpen')).toBeTruthy();
    // Kari's board, offline, with an edit the server has not got; this browser keeps no copy.
    const doc = new Y.Doc();
    seedTromsvekstavtalen(doc, { agreementId: 'tromsvekstavtalen', demoMeasures: true });
    const session = acquireSession({
      agreementId: 'tromsvekstavtalen',
      user: KARI,
      connect: false,
      persist: false,
      doc,
    });
    session.connection.update({ noOfflineCopy: true });
    createMeasure(
      doc,
      { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'På toget' },
      session.origin,
    );
    signedIn = false;
    await act(() => qc.invalidateQueries({ queryKey: keys.me }));
    releaseSession(session); // the board unmounts
    const unsent = await screen.findByTestId('login-unsent');
    expect(unsent.textContent).toBe(
      'Du har 1 endring som de andre ikke har fått ennå. Nettleseren lar ikke Tavla lagre noe på denne maskinen, så den finnes bare i denne fanen: logg inn igjen her uten å lukke fanen, så sendes den.',
    );
    expect((screen.getByLabelText('E-postadresse') as HTMLInputElement).value).toBe(KARI.email);
    // Closing the tab now would lose it: the browser asks first.
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);
  });

  it('counts also the edits waiting in the offline copies of agreements not open in this tab', async () => {
    localStorage.clear();
    signedIn = true;
    const qc = renderApp();
    expect(await screen.findByText('Tavla er åpen')).toBeTruthy();
    // Made offline in two agreements, and the tab closed: kept in their copies, which no
    // session of this tab has open.
    recordWaiting(KARI.id, 'tromsvekstavtalen', 2);
    recordWaiting(KARI.id, 'nordvekst', 1);
    recordWaiting('u-someone-else', 'tromsvekstavtalen', 7);
    signedIn = false;
    await act(() => qc.invalidateQueries({ queryKey: keys.me }));
    const unsent = await screen.findByTestId('login-unsent');
    expect(unsent.textContent).toBe(
      'Du har 3 endringer som de andre ikke har fått ennå. De er lagret i denne nettleseren og sendes når du logger inn igjen.',
    );
    localStorage.clear();
  });

  it('counts also what the page wrote as it went (a date typed and not yet left, written as its field unmounted)', async () => {
    signedIn = true;
    const session = acquireSession({
      agreementId: 'tromsvekstavtalen',
      user: KARI,
      connect: false,
      persist: false,
      doc: (() => {
        const doc = new Y.Doc();
        seedTromsvekstavtalen(doc, { agreementId: 'tromsvekstavtalen', demoMeasures: true });
        return doc;
      })(),
    });
    session.connection.update({ noOfflineCopy: true });
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={qc}>
        <RequireAuth>
          <Board s={session} />
        </RequireAuth>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Tavla er åpen')).toBeTruthy();
    signedIn = false;
    await act(() => qc.invalidateQueries({ queryKey: keys.me }));
    const unsent = await screen.findByTestId('login-unsent');
    expect(unsent.textContent).toMatch(/^Du har 1 endring som de andre ikke har fått ennå/);
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);
  });

  it('tries again to send what waited in each of the person’s agreements once they are signed in again, and nobody else’s', async () => {
    signedIn = true;
    const qc = renderApp();
    expect(await screen.findByText('Tavla er åpen')).toBeTruthy();
    // Refused by the server when the session ended; released as the boards unmounted. Only a
    // board of that agreement opened again would have tried them again (acquireSession).
    const opened = (agreementId: string, user = KARI) => {
      const session = acquireSession({ agreementId, user, connect: false, persist: false });
      releaseSession(session);
      return vi.spyOn(session, 'resume');
    };
    const first = opened('a1');
    const second = opened('a2');
    const someoneElse = opened('a1', { ...KARI, id: 'u-someone-else' });
    signedIn = false;
    await act(() => qc.invalidateQueries({ queryKey: keys.me }));
    await screen.findByRole('button', { name: 'Logg inn' });
    signedIn = true; // signed in again on a page of no agreement (the login form's own, or "/")
    await act(() => qc.invalidateQueries({ queryKey: keys.me }));
    await screen.findByText('Tavla er åpen');
    expect(first).toHaveBeenCalled();
    expect(second).toHaveBeenCalled();
    expect(someoneElse).not.toHaveBeenCalled();
  });

  it('fills in nothing when the person signed out themselves in another tab', async () => {
    signedIn = true;
    const qc = renderApp();
    expect(await screen.findByText('Tavla er åpen')).toBeTruthy();
    // "Logg ut" in another tab of this browser: the server ends the session this tab had too.
    announceSignOut();
    signedIn = false;
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50)); // the other tab's word arrives
      await qc.invalidateQueries({ queryKey: keys.me });
    });
    const notice = await screen.findByTestId('login-notice');
    expect(notice.textContent).toBe('Du er logget ut.');
    // Someone else may sit down at this computer next: nothing of Kari's is filled in.
    expect((screen.getByLabelText('E-postadresse') as HTMLInputElement).value).toBe('');
  });

  it('says only "logged out" when the person signed out themselves', async () => {
    signedIn = true;
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'Logg ut nå' }));
    const notice = await screen.findByTestId('login-notice');
    expect(notice.textContent).toBe('Du er logget ut.');
    // Someone else may sit down at this computer next: nothing of Kari's is filled in.
    expect((screen.getByLabelText('E-postadresse') as HTMLInputElement).value).toBe('');
  });
});
