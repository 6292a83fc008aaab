import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ME, renderWithClient, stubApi } from '../admin/testing';
import { InvitationPage } from './InvitationPage';

const INVITATION = {
  agreement: { id: 'tromsvekstavtalen', title: 'Tromsvekstavtalen' },
  email: 'ny@tromso.kommune.no',
  role: 'editor',
  expiresAt: '2026-12-04T08:00:00.000Z',
};
const signedOut = {
  path: '/api/me',
  status: 401,
  body: { error: { code: 'unauthenticated', message: 'x' } },
};
const NEW_USER = {
  user: { id: 'u-ny', email: INVITATION.email, name: 'Nina Ny', organisation: null },
};

describe('InvitationPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    history.replaceState(null, '', '/');
  });

  it('says clearly that a used or expired link does not work', async () => {
    stubApi([
      signedOut,
      {
        path: '/api/invitations/brukt',
        status: 404,
        body: { error: { code: 'not_found', message: 'x' } },
      },
    ]);
    renderWithClient(<InvitationPage token="brukt" />);
    expect(await screen.findByText('Lenken virker ikke')).toBeTruthy();
    expect(screen.getByText(/allerede brukt, trukket tilbake eller utløpt/)).toBeTruthy();
  });

  it('lets a new person choose name and password, then opens the agreement', async () => {
    const calls = stubApi([
      signedOut,
      { path: '/api/invitations/tok', body: INVITATION },
      { method: 'POST', path: '/api/invitations/tok/accept', body: NEW_USER },
    ]);
    renderWithClient(<InvitationPage token="tok" />);
    expect(await screen.findByText('Invitasjon til Tromsvekstavtalen')).toBeTruthy();
    expect(screen.getByText(/med rollen redaktør/)).toBeTruthy();
    expect(screen.getByText(/Minst 12 tegn/)).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Lag konto' });
    fireEvent.change(within(form).getByLabelText('Fullt navn'), { target: { value: 'Nina Ny' } });
    fireEvent.change(within(form).getByLabelText('Velg passord'), {
      target: { value: 'kort' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Lag konto og bli med' }));
    expect(await screen.findByText('Passordet må ha minst 12 tegn.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(within(form).getByLabelText('Velg passord'), {
      target: { value: 'nordlys over ishavet' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Lag konto og bli med' }));
    await vi.waitFor(() => expect(location.pathname).toBe('/a/tromsvekstavtalen'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Nina Ny',
      password: 'nordlys over ishavet',
    });
  });

  it('explains the server’s password rule in Norwegian', async () => {
    stubApi([
      signedOut,
      { path: '/api/invitations/tok', body: INVITATION },
      {
        method: 'POST',
        path: '/api/invitations/tok/accept',
        status: 400,
        body: { error: { code: 'bad_request', message: 'password: too easy to guess' } },
      },
    ]);
    renderWithClient(<InvitationPage token="tok" />);
    const form = await screen.findByRole('form', { name: 'Lag konto' });
    fireEvent.change(within(form).getByLabelText('Fullt navn'), { target: { value: 'Nina' } });
    fireEvent.change(within(form).getByLabelText('Velg passord'), {
      target: { value: 'tavlatavlatromsø1' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Lag konto og bli med' }));
    expect(await screen.findByText(/Passordet er for lett å gjette/)).toBeTruthy();
  });

  it('asks someone whose address already has an account to sign in as that address', async () => {
    stubApi([
      signedOut,
      { path: '/api/invitations/tok', body: INVITATION },
      {
        method: 'POST',
        path: '/api/invitations/tok/accept',
        status: 401,
        body: { error: { code: 'unauthenticated', message: 'sign in' } },
      },
    ]);
    renderWithClient(<InvitationPage token="tok" />);
    const form = await screen.findByRole('form', { name: 'Lag konto' });
    fireEvent.change(within(form).getByLabelText('Fullt navn'), { target: { value: 'Nina' } });
    fireEvent.change(within(form).getByLabelText('Velg passord'), {
      target: { value: 'nordlys over ishavet' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Lag konto og bli med' }));
    expect(
      await screen.findByText(/Det finnes allerede en konto for ny@tromso.kommune.no/),
    ).toBeTruthy();
    expect((screen.getByLabelText('E-postadresse') as HTMLInputElement).value).toBe(
      'ny@tromso.kommune.no',
    );
    expect(screen.getByRole('button', { name: 'Logg inn og bli med' })).toBeTruthy();
  });

  it('tells someone signed in as another address to sign in as the invited one', async () => {
    stubApi([
      { path: '/api/me', body: ME },
      { path: '/api/invitations/tok', body: INVITATION },
    ]);
    renderWithClient(<InvitationPage token="tok" />);
    const warning = await screen.findByTestId('invitation-wrong-user');
    expect(warning.textContent).toContain('koordinator@fylke.example');
    expect(warning.textContent).toContain('ny@tromso.kommune.no');
  });

  it('lets the invited person accept with one click when signed in', async () => {
    const calls = stubApi([
      { path: '/api/me', body: { user: NEW_USER.user } },
      { path: '/api/invitations/tok', body: INVITATION },
      { method: 'POST', path: '/api/invitations/tok/accept', body: NEW_USER },
    ]);
    renderWithClient(<InvitationPage token="tok" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Godta invitasjonen' }));
    await vi.waitFor(() => expect(location.pathname).toBe('/a/tromsvekstavtalen'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({});
  });
});
