import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginPage } from './LoginPage';

function respond(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
    ),
  );
}

function renderLogin() {
  render(
    <QueryClientProvider
      client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}
    >
      <LoginPage />
    </QueryClientProvider>,
  );
  fireEvent.change(screen.getByLabelText('E-postadresse'), {
    target: { value: 'kari@fylke.example' },
  });
  fireEvent.change(screen.getByLabelText('Passord'), { target: { value: 'feil' } });
  fireEvent.click(screen.getByRole('button', { name: 'Logg inn' }));
}

describe('LoginPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says in Norwegian that email or password is wrong', async () => {
    respond(401, { error: { code: 'invalid_credentials', message: 'x' } });
    renderLogin();
    expect(
      await screen.findByText('E-postadressen eller passordet er feil. Prøv igjen.'),
    ).toBeTruthy();
  });

  it('explains rate limiting on 429', async () => {
    respond(429, { error: { code: 'rate_limited', message: 'x' } });
    renderLogin();
    expect(await screen.findByText(/For mange innloggingsforsøk/)).toBeTruthy();
  });

  it('asks for missing fields before calling the server', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <LoginPage />
      </QueryClientProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Logg inn' }));
    expect(screen.getAllByText('Skriv inn e-postadressen din.').length).toBeGreaterThan(0);
    expect(fetch).not.toHaveBeenCalled();
  });
});
