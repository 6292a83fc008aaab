import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MembersPage } from './MembersPage';
import { ME, MEMBERS, renderWithClient, stubApi } from './testing';

const A = '/api/agreements/tromsvekstavtalen';

function routes(role: 'admin' | 'viewer', extra: Parameters<typeof stubApi>[0] = []) {
  return [
    ...extra,
    { path: '/api/me', body: ME },
    { path: A, body: { id: 'tromsvekstavtalen', title: 'Tromsvekstavtalen', role } },
    { path: `${A}/members`, body: { members: MEMBERS } },
    { path: `${A}/invitations`, body: { invitations: [] } },
    { path: '/api/organisations', body: { organisations: [] } },
  ];
}

describe('MembersPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("leads back through the same breadcrumbs as the agreement's other pages", async () => {
    stubApi(routes('viewer'));
    renderWithClient(<MembersPage agreementId="tromsvekstavtalen" />);
    await screen.findByTestId('members-table');
    // Designsystemet's <ds-breadcrumbs> takes its navigation role and name in a browser only.
    const crumbs = document.querySelector<HTMLElement>('.ds-breadcrumbs') as HTMLElement;
    expect(within(crumbs).getByRole('link', { name: 'Avtaler' }).getAttribute('href')).toBe('/');
    expect(
      within(crumbs).getByRole('link', { name: 'Tromsvekstavtalen' }).getAttribute('href'),
    ).toBe('/a/tromsvekstavtalen');
    expect(document.title).toBe('Medlemmer i Tromsvekstavtalen – Tavla');
  });

  it('shows a read-only list to someone who is not an admin', async () => {
    stubApi(routes('viewer'));
    renderWithClient(<MembersPage agreementId="tromsvekstavtalen" />);
    const table = await screen.findByTestId('members-table');
    expect(within(table).getByText('Ola Hansen')).toBeTruthy();
    expect(within(table).getByText('Tromsøregionens IPR')).toBeTruthy();
    expect(within(table).getByText('Redaktør')).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: /Fjern/ })).toBeNull();
    expect(screen.queryByTestId('invite-form')).toBeNull();
  });

  it('lets an admin change a role and says so', async () => {
    const calls = stubApi(
      routes('admin', [
        {
          method: 'PATCH',
          path: `${A}/members/u-ola`,
          body: { member: { ...MEMBERS[1], role: 'viewer' } },
        },
      ]),
    );
    renderWithClient(<MembersPage agreementId="tromsvekstavtalen" />);
    const select = await screen.findByLabelText('Rolle for Ola Hansen');
    fireEvent.change(select, { target: { value: 'viewer' } });
    expect(await screen.findByText('Ola Hansen har nå rollen lesetilgang.')).toBeTruthy();
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({ role: 'viewer' });
  });

  it('explains in Norwegian that the last admin cannot be removed (409)', async () => {
    stubApi(
      routes('admin', [
        {
          method: 'DELETE',
          path: `${A}/members/u-ola`,
          status: 409,
          body: { error: { code: 'conflict', message: 'an agreement needs at least one admin' } },
        },
      ]),
    );
    renderWithClient(<MembersPage agreementId="tromsvekstavtalen" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Fjern Ola Hansen fra avtalen' }));
    const dialog = await screen.findByTestId('remove-member-dialog');
    expect(within(dialog).getByText('Fjerne Ola Hansen fra avtalen?')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fjern medlemmet' }));
    expect(
      await screen.findByText(
        'Avtalen må ha minst én administrator. Gi en annen person rollen administrator først.',
      ),
    ).toBeTruthy();
  });

  it('invites by e-mail and shows the one-time link to copy, with its expiry', async () => {
    const calls = stubApi(
      routes('admin', [
        {
          method: 'POST',
          path: `${A}/invitations`,
          status: 201,
          body: {
            id: 'inv-1',
            agreementId: 'tromsvekstavtalen',
            email: 'ny@tromso.kommune.no',
            role: 'viewer',
            organisationId: null,
            invitedBy: 'u-kari',
            createdAt: '2026-11-27T08:00:00.000Z',
            expiresAt: '2026-12-04T08:00:00.000Z',
            token: 'secret-token',
          },
        },
      ]),
    );
    renderWithClient(<MembersPage agreementId="tromsvekstavtalen" />);
    const form = await screen.findByTestId('invite-form');
    fireEvent.change(within(form).getByLabelText('E-postadresse'), {
      target: { value: 'ny@tromso.kommune.no' },
    });
    fireEvent.change(within(form).getByLabelText('Rolle'), { target: { value: 'viewer' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Lag invitasjonslenke' }));
    const result = await screen.findByTestId('invite-result');
    const link = within(result).getByLabelText('Invitasjonslenke') as HTMLInputElement;
    expect(link.value).toBe(`${location.origin}/invitasjon/secret-token`);
    expect(within(result).getByText(/rollen lesetilgang og virker til .*2026/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      email: 'ny@tromso.kommune.no',
      role: 'viewer',
      organisationId: null,
    });
  });

  it('checks the e-mail address before asking the server, and explains "already a member"', async () => {
    const calls = stubApi(
      routes('admin', [
        {
          method: 'POST',
          path: `${A}/invitations`,
          status: 409,
          body: { error: { code: 'conflict', message: 'already a member' } },
        },
      ]),
    );
    renderWithClient(<MembersPage agreementId="tromsvekstavtalen" />);
    const form = await screen.findByTestId('invite-form');
    const email = within(form).getByLabelText('E-postadresse');
    fireEvent.change(email, { target: { value: 'ikke-en-adresse' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Lag invitasjonslenke' }));
    expect(await screen.findByText(/Skriv inn en gyldig e-postadresse/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(email, { target: { value: 'radgiver@ipr.example' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Lag invitasjonslenke' }));
    expect(
      await screen.findByText('Personen med denne e-postadressen er allerede medlem av avtalen.'),
    ).toBeTruthy();
  });

  it('lists pending invitations and revokes one', async () => {
    let pending = [
      {
        id: 'inv-9',
        agreementId: 'tromsvekstavtalen',
        email: 'venter@kommune.no',
        role: 'editor',
        organisationId: null,
        invitedBy: 'u-kari',
        createdAt: '2026-11-27T08:00:00.000Z',
        expiresAt: '2026-12-04T08:00:00.000Z',
      },
    ];
    stubApi([
      {
        method: 'DELETE',
        path: `${A}/invitations/inv-9`,
        status: 204,
        body: () => {
          pending = [];
        },
      },
      { path: `${A}/invitations`, body: () => ({ invitations: pending }) },
      ...routes('admin'),
    ]);
    renderWithClient(<MembersPage agreementId="tromsvekstavtalen" />);
    const table = await screen.findByTestId('pending-invitations');
    expect(within(table).getByText('venter@kommune.no')).toBeTruthy();
    pending = [];
    fireEvent.click(
      within(table).getByRole('button', {
        name: 'Trekk tilbake invitasjonen til venter@kommune.no',
      }),
    );
    expect(
      await screen.findByText(/Invitasjonen til venter@kommune.no er trukket tilbake/),
    ).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('pending-invitations')).toBeNull());
  });

  it('turns read-only when the server says we are no longer an admin (403)', async () => {
    let role = 'admin';
    stubApi([
      {
        method: 'PATCH',
        path: `${A}/members/u-ola`,
        status: 403,
        body: () => {
          role = 'editor';
          return { error: { code: 'forbidden', message: 'only admins' } };
        },
      },
      { path: A, body: () => ({ id: 'tromsvekstavtalen', title: 'Tromsvekstavtalen', role }) },
      ...routes('admin'),
    ]);
    renderWithClient(<MembersPage agreementId="tromsvekstavtalen" />);
    fireEvent.change(await screen.findByLabelText('Rolle for Ola Hansen'), {
      target: { value: 'viewer' },
    });
    expect(await screen.findByText(/Du har ikke lov til å gjøre dette/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('combobox')).toBeNull());
    expect(screen.getByText(/Bare administratorer av avtalen kan endre roller/)).toBeTruthy();
  });

  it('asks before an admin gives up their own admin role', async () => {
    const calls = stubApi(
      routes('admin', [
        {
          method: 'PATCH',
          path: `${A}/members/u-kari`,
          body: { member: { ...MEMBERS[0], role: 'editor' } },
        },
      ]),
    );
    renderWithClient(<MembersPage agreementId="tromsvekstavtalen" />);
    fireEvent.change(await screen.findByLabelText('Rolle for Kari Nordmann'), {
      target: { value: 'editor' },
    });
    const dialog = await screen.findByTestId('self-demote-dialog');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avbryt' }));
    await waitFor(() => expect(screen.queryByTestId('self-demote-dialog')).toBeNull());
    expect((screen.getByLabelText('Rolle for Kari Nordmann') as HTMLSelectElement).value).toBe(
      'admin',
    );
    fireEvent.change(screen.getByLabelText('Rolle for Kari Nordmann'), {
      target: { value: 'editor' },
    });
    fireEvent.click(
      within(await screen.findByTestId('self-demote-dialog')).getByRole('button', {
        name: 'Ja, gi fra meg rollen',
      }),
    );
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ role: 'editor' });
  });
});
