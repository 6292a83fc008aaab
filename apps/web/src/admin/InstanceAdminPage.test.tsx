import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AGREEMENT_ID, InstanceAdminPage, slugify } from './InstanceAdminPage';
import { ME, renderWithClient, stubApi } from './testing';

describe('InstanceAdminPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is closed to people who are not instance administrators', async () => {
    stubApi([
      { path: '/api/me', body: { ...ME, isInstanceAdmin: false } },
      { path: '/api/organisations', body: { organisations: [] } },
    ]);
    renderWithClient(<InstanceAdminPage />);
    expect(await screen.findByTestId('admin-not-allowed')).toBeTruthy();
  });

  it('creates an agreement with a short name made from the title', async () => {
    const calls = stubApi([
      {
        method: 'POST',
        path: '/api/agreements',
        status: 201,
        body: ({ body }: { body: unknown }) => ({ ...(body as object), role: 'admin' }),
      },
      { path: '/api/me', body: ME },
      { path: '/api/organisations', body: { organisations: [] } },
    ]);
    renderWithClient(<InstanceAdminPage />);
    fireEvent.change(await screen.findByLabelText('Tittel'), {
      target: { value: 'Vekstavtale Målselv 2027' },
    });
    expect((screen.getByLabelText(/^Kortnavn/) as HTMLInputElement).value).toBe(
      'vekstavtale-malselv-2027',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Opprett avtale' }));
    expect(await screen.findByTestId('agreement-created')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      id: 'vekstavtale-malselv-2027',
      title: 'Vekstavtale Målselv 2027',
    });
  });

  it('explains a taken short name (409)', async () => {
    stubApi([
      {
        method: 'POST',
        path: '/api/agreements',
        status: 409,
        body: { error: { code: 'conflict', message: 'exists' } },
      },
      { path: '/api/me', body: ME },
      { path: '/api/organisations', body: { organisations: [] } },
    ]);
    renderWithClient(<InstanceAdminPage />);
    fireEvent.change(await screen.findByLabelText('Tittel'), {
      target: { value: 'Tromsvekstavtalen' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Opprett avtale' }));
    expect(await screen.findByText(/finnes allerede en avtale med dette kortnavnet/)).toBeTruthy();
  });

  it('creates an organisation', async () => {
    const calls = stubApi([
      {
        method: 'POST',
        path: '/api/organisations',
        status: 201,
        body: { id: 'o1', name: 'Balsfjord kommune', kind: 'municipality' },
      },
      { path: '/api/me', body: ME },
      { path: '/api/organisations', body: { organisations: [] } },
    ]);
    renderWithClient(<InstanceAdminPage />);
    fireEvent.change(await screen.findByLabelText('Navn'), {
      target: { value: 'Balsfjord kommune' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Opprett organisasjon' }));
    expect(await screen.findByText('Balsfjord kommune er opprettet.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Balsfjord kommune',
      kind: 'municipality',
      parentId: null,
    });
  });
});

describe('slugify', () => {
  it('makes ids the server accepts', () => {
    for (const title of ['Tromsø – vekst & utvikling', '  Æøå  ', 'A'.repeat(100), 'x']) {
      const id = slugify(title);
      expect(AGREEMENT_ID.test(id), `${title} -> ${id}`).toBe(true);
    }
  });
});
