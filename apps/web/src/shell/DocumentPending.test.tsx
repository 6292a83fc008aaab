import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AgreementSession } from '../sync/session';
import { KARI, renderInAgreement } from '../test/harness';
import { DocumentPending } from './DocumentPending';

/** A session whose document has nothing yet, as a first visit has before any sync. */
function emptySession(): AgreementSession {
  const session = new AgreementSession({
    agreementId: 'tromsvekstavtalen',
    user: KARI,
    connect: false,
    persist: false,
    doc: new Y.Doc(),
  });
  session.connection.update({ status: 'connecting', ready: false, copyRead: false });
  return session;
}

describe('DocumentPending', () => {
  it('loads while the offline copy is still being read, even with no connection', () => {
    const session = emptySession();
    renderInAgreement(<DocumentPending />, { session });
    expect(screen.getByLabelText('Henter avtalen …')).toBeTruthy();
    act(() => session.connection.update({ status: 'offline' }));
    expect(screen.getByLabelText('Henter avtalen …')).toBeTruthy();
    expect(screen.queryByTestId('document-not-here')).toBeNull();
  });

  it('says the agreement is not on this machine once the copy had nothing and the server could not be reached, while it keeps trying', () => {
    const session = emptySession();
    renderInAgreement(<DocumentPending />, { session });
    act(() => session.connection.update({ copyRead: true }));
    expect(screen.queryByTestId('document-not-here')).toBeNull(); // the first attempt is on
    // It failed: y-websocket says nothing (it never opened) and keeps trying ("connecting").
    act(() => session.connection.update({ unreachable: true }));
    expect(screen.getByTestId('document-not-here').textContent).toBe(
      'Avtalen er ikke lagret på denne maskinen, og Tavla får ikke kontakt med tjenesten nå. Den vises her så snart forbindelsen er tilbake.',
    );
    act(() => session.connection.update({ status: 'connected', unreachable: false }));
    expect(screen.queryByTestId('document-not-here')).toBeNull();
  });

  it('says so at once when the browser is offline', () => {
    const session = emptySession();
    renderInAgreement(<DocumentPending />, { session });
    act(() => session.connection.update({ copyRead: true, status: 'offline' }));
    // Told to screen readers too, politely (it replaces a spinner; nothing is urgent).
    expect(screen.getByRole('status').textContent).toMatch(/ikke lagret på denne maskinen/);
  });
});
