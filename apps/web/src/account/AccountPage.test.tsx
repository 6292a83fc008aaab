import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ME, renderWithClient, stubApi } from '../admin/testing';
import { describeUserAgent } from './api';
import { AccountPage } from './AccountPage';

const CHROME_WIN =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

const base = [
  { path: '/api/me', body: ME },
  {
    path: '/api/me/sessions',
    body: {
      sessions: [
        {
          id: 'aaa',
          createdAt: '2026-11-20T08:00:00.000Z',
          lastSeenAt: '2026-11-27T08:00:00.000Z',
          userAgent: CHROME_WIN,
          current: true,
        },
        {
          id: 'bbb',
          createdAt: '2026-11-01T08:00:00.000Z',
          lastSeenAt: '2026-11-02T08:00:00.000Z',
          userAgent: SAFARI_IPHONE,
          current: false,
        },
      ],
    },
  },
  { path: '/api/tokens', body: { tokens: [] } },
];

describe('AccountPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists where I am signed in and ends another session', async () => {
    const calls = stubApi([
      { method: 'DELETE', path: '/api/me/sessions/bbb', status: 204 },
      ...base,
    ]);
    renderWithClient(<AccountPage />);
    const table = await screen.findByTestId('sessions-table');
    expect(within(table).getByText('Chrome på Windows')).toBeTruthy();
    expect(within(table).getByText('Denne enheten')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Logg ut Safari på iOS' }));
    expect(await screen.findByText('Safari på iOS er logget ut.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/me/sessions/bbb')).toBe(true);
  });

  it('says when the current password is wrong', async () => {
    stubApi([
      {
        method: 'POST',
        path: '/api/me/password',
        status: 400,
        body: { error: { code: 'wrong_password', message: 'x' } },
      },
      ...base,
    ]);
    renderWithClient(<AccountPage />);
    fireEvent.change(await screen.findByLabelText('Nåværende passord'), {
      target: { value: 'feil-passord' },
    });
    fireEvent.change(screen.getByLabelText('Nytt passord'), {
      target: { value: 'nordlys over ishavet' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Bytt passord' }));
    expect(await screen.findByText('Det nåværende passordet er feil.')).toBeTruthy();
  });

  it('changes the password and says other devices are signed out', async () => {
    const calls = stubApi([{ method: 'POST', path: '/api/me/password', status: 204 }, ...base]);
    renderWithClient(<AccountPage />);
    fireEvent.change(await screen.findByLabelText('Nåværende passord'), {
      target: { value: 'tavla-demo' },
    });
    fireEvent.change(screen.getByLabelText('Nytt passord'), {
      target: { value: 'nordlys over ishavet' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Bytt passord' }));
    expect(await screen.findByTestId('password-changed')).toBeTruthy();
    expect(calls.find((c) => c.url === '/api/me/password')?.body).toEqual({
      currentPassword: 'tavla-demo',
      newPassword: 'nordlys over ishavet',
    });
  });

  it('creates an API token, shows it once, lists and revokes it', async () => {
    let tokens: unknown[] = [];
    stubApi([
      {
        method: 'POST',
        path: '/api/tokens',
        status: 201,
        body: () => {
          tokens = [
            { id: 't1', name: 'Rapport', createdAt: '2026-11-27T08:00:00.000Z', lastUsedAt: null },
          ];
          return {
            id: 't1',
            name: 'Rapport',
            token: 'tavla_hemmelig',
            createdAt: '2026-11-27T08:00:00.000Z',
          };
        },
      },
      {
        method: 'DELETE',
        path: '/api/tokens/t1',
        status: 204,
        body: () => {
          tokens = [];
        },
      },
      { path: '/api/tokens', body: () => ({ tokens }) },
      ...base,
    ]);
    renderWithClient(<AccountPage />);
    expect(await screen.findByText('Du har ingen API-nøkler.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Navn på nøkkelen'), { target: { value: 'Rapport' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lag nøkkel' }));
    const created = await screen.findByTestId('token-created');
    expect((within(created).getByLabelText('Nøkkel') as HTMLInputElement).value).toBe(
      'tavla_hemmelig',
    );
    const table = await screen.findByTestId('tokens-table');
    expect(within(table).getByText('Aldri')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Trekk tilbake nøkkelen Rapport' }));
    expect(await screen.findByText(/Nøkkelen Rapport er trukket tilbake/)).toBeTruthy();
    expect(screen.queryByTestId('token-created')).toBeNull();
  });
});

describe('describeUserAgent', () => {
  it('names common browsers and systems', () => {
    expect(describeUserAgent(CHROME_WIN)).toEqual({ browser: 'Chrome', os: 'Windows' });
    expect(describeUserAgent(SAFARI_IPHONE)).toEqual({ browser: 'Safari', os: 'iOS' });
    expect(
      describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'),
    ).toEqual({ browser: 'Firefox', os: 'Linux' });
    expect(describeUserAgent(null)).toEqual({ browser: null, os: null });
  });
});
