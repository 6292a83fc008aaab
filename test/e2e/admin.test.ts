// Access administration in the browser (issue 5): an admin invites a new person who accepts in
// a fresh browser, and a role change or removal reaches an open board at once, without reload.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { demo, serverMain, type TavlaServer } from '../support/server.js';
import {
  describeInBrowser,
  newPerson,
  openBoard,
  seriousViolations,
  signIn,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

// The server closes the socket at once; the client then re-reads the role over REST.
const atOnce = { timeout: 5_000 };

async function openMembers(page: Page, server: TavlaServer): Promise<void> {
  await page.goto(`${server.url}/a/${demo.agreementId}`);
  await page.getByTestId('members-link').click();
  await page.getByTestId('members-table').waitFor();
}

describeInBrowser('access administration', () => {
  const t = useServerAndBrowser();
  const kari = usePerson(t, demo.admin);
  beforeAll(() =>
    kari.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.server.url }),
  );

  it('invites a new address; the invitee opens the copied link, chooses name and password and lands on the agreement', async () => {
    const page = kari.page;
    await openMembers(page, t.server);
    const form = page.getByTestId('invite-form');
    await form.getByLabel('E-postadresse').fill('nina@balsfjord.kommune.no');
    await form.getByLabel('Rolle').selectOption('editor');
    await form.getByRole('button', { name: 'Lag invitasjonslenke' }).click();
    const result = page.getByTestId('invite-result');
    await result.waitFor();
    const shown = await result.getByLabel('Invitasjonslenke').inputValue();
    expect(shown).toMatch(new RegExp(`^${t.server.url}/invitasjon/.+`));
    await result.getByRole('button', { name: 'Kopier lenken' }).click();
    await result.getByText('Lenken er kopiert.').waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(shown);
    await page
      .getByTestId('pending-invitation')
      .filter({ hasText: 'nina@balsfjord.kommune.no' })
      .waitFor();

    // A new person, in a browser of their own.
    const {
      context: nina,
      page: ninaPage,
      errors,
    } = await newPerson(t.browser, { bypassCSP: false });
    await ninaPage.goto(link);
    await ninaPage.getByRole('heading', { name: 'Invitasjon til Tromsvekstavtalen' }).waitFor();
    await ninaPage.getByText('Invitasjonen gjelder nina@balsfjord.kommune.no.').waitFor();
    await ninaPage.getByLabel('Fullt navn').fill('Nina Nordvik');
    await ninaPage.getByLabel('Velg passord').fill('fjellrev i mørketida');
    await ninaPage.getByRole('button', { name: 'Lag konto og bli med' }).click();
    await ninaPage.waitForURL(`${t.server.url}/a/${demo.agreementId}`);
    await ninaPage.getByTestId('focus-area-tile').first().waitFor();
    await expect
      .poll(() => ninaPage.getByTestId('current-user').textContent())
      .toContain('Nina Nordvik');
    expect(errors).toEqual([]);

    // The link worked once.
    const { context: again, page: againPage } = await newPerson(t.browser, { bypassCSP: false });
    await againPage.goto(link);
    await againPage.getByTestId('invitation-gone').getByText('Lenken virker ikke').waitFor();
    await again.close();

    // The admin sees the new member and no pending invitation.
    await page.reload();
    await page
      .getByTestId('member-row')
      .filter({ hasText: 'Nina Nordvik' })
      .filter({ hasText: 'nina@balsfjord.kommune.no' })
      .waitFor();
    await page.getByText('Ingen ventende invitasjoner.').waitFor();
    await nina.close();
  });

  it('turns an editor’s open board read-only when the admin makes them a viewer, and shows “no access” when removed', async () => {
    const ola = await signIn(t.browser, t.server, demo.editor);
    await openBoard(ola.page, t.server);
    const board = ola.page;
    await expect.poll(() => board.getByTestId('drag-handle').count()).toBeGreaterThan(0);
    // A marker that a reload would wipe: the changes must arrive on the open page.
    await board.evaluate(() => {
      (window as { __noReload?: boolean }).__noReload = true;
    });

    await openMembers(kari.page, t.server);
    await kari.page.getByLabel('Rolle for Ola Hansen').selectOption('viewer');
    await kari.page.getByText('Ola Hansen har nå rollen lesetilgang.').waitFor();

    await board.getByTestId('read-only-notice').waitFor(atOnce);
    await expect.poll(() => board.getByTestId('drag-handle').count(), atOnce).toBe(0);
    expect(await board.getByRole('button', { name: /^Nytt tiltak/ }).count()).toBe(0);
    // Still live as a viewer: the socket reconnects with the new role.
    await board
      .locator('[data-testid="connection-status"][data-status="connected"]')
      .waitFor(atOnce);

    await kari.page.getByRole('button', { name: 'Fjern Ola Hansen fra avtalen' }).click();
    const dialog = kari.page.getByTestId('remove-member-dialog');
    await dialog.getByRole('button', { name: 'Fjern medlemmet' }).click();
    await kari.page.getByText('Ola Hansen er fjernet fra avtalen.').waitFor();

    await board.getByTestId('access-lost').waitFor(atOnce);
    await board.getByRole('heading', { name: 'Du har ikke lenger tilgang' }).waitFor();
    expect(await board.getByTestId('measure-card').count()).toBe(0);
    expect(await board.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(ola.errors).toEqual([]);
    await ola.context.close();
  });

  it('refuses to remove the last admin with a clear message', async () => {
    await openMembers(kari.page, t.server);
    await kari.page.getByLabel('Rolle for Kari Nordmann').selectOption('viewer');
    // Giving up one's own admin role is confirmed first.
    await kari.page
      .getByTestId('self-demote-dialog')
      .getByRole('button', { name: 'Ja, gi fra meg rollen' })
      .click();
    await kari.page
      .getByTestId('members-error')
      .getByText('Avtalen må ha minst én administrator.', { exact: false })
      .waitFor();
    await expect
      .poll(() => kari.page.getByLabel('Rolle for Kari Nordmann').inputValue())
      .toBe('admin');
  });

  it('asks a person who already has an account to sign in as the invited address, then lets them in', async () => {
    // Ola was removed above; an admin invites him back.
    await openMembers(kari.page, t.server);
    const form = kari.page.getByTestId('invite-form');
    await form.getByLabel('E-postadresse').fill(demo.editor);
    await form.getByLabel('Rolle').selectOption('viewer');
    await form.getByRole('button', { name: 'Lag invitasjonslenke' }).click();
    const link = await kari.page
      .getByTestId('invite-result')
      .getByLabel('Invitasjonslenke')
      .inputValue();

    const { context, page } = await newPerson(t.browser, { bypassCSP: false });
    await page.goto(link);
    // Trying to make a new account for a taken address leads to signing in instead.
    await page.getByLabel('Fullt navn').fill('Ola Hansen');
    await page.getByLabel('Velg passord').fill('fjellrev i mørketida');
    await page.getByRole('button', { name: 'Lag konto og bli med' }).click();
    await page.getByText(`Det finnes allerede en konto for ${demo.editor}.`).waitFor();
    expect(await page.getByLabel('E-postadresse').inputValue()).toBe(demo.editor);
    await page.getByLabel('Passord', { exact: true }).fill('tavla-demo');
    await page.getByRole('button', { name: 'Logg inn og bli med' }).click();
    await page.waitForURL(`${t.server.url}/a/${demo.agreementId}`);
    await page.getByTestId('focus-area-tile').first().waitFor();
    await page.goto(`${t.server.url}/a/${demo.agreementId}/fa/fa-1`);
    await page.getByTestId('read-only-notice').waitFor();
    await context.close();
  });

  it('signs a person out everywhere from the account page, and their other open board asks them to sign in', async () => {
    const laptopSession = await signIn(t.browser, t.server, demo.viewer);
    const phoneSession = await signIn(t.browser, t.server, demo.viewer);
    await openBoard(phoneSession.page, t.server);

    const page = laptopSession.page;
    await page.getByTestId('account-link').click();
    const sessions = page.getByTestId('session-row');
    await expect.poll(() => sessions.count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: 'Logg ut overalt' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Logg ut overalt' }).click();
    await page.getByRole('button', { name: 'Logg inn' }).waitFor();

    // The board on the other device is closed by the server and falls back to the login form.
    await phoneSession.page.getByRole('button', { name: 'Logg inn' }).waitFor(atOnce);
    await laptopSession.context.close();
    await phoneSession.context.close();
  });

  it('lets an instance administrator create an agreement and become its admin', async () => {
    const cli = join(dirname(serverMain), 'cli.js');
    execFileSync(
      process.execPath,
      [
        cli,
        'create-admin',
        '--email',
        'drift@tavla.example',
        '--name',
        'Driftsansvarlig',
        '--password-stdin',
      ],
      { env: { ...process.env, DATA_DIR: t.server.dataDir }, input: 'nordlys over senja' },
    );
    const { context, page } = await newPerson(t.browser, { bypassCSP: false });
    await page.goto(`${t.server.url}/`);
    await page.getByLabel('E-postadresse').fill('drift@tavla.example');
    await page.getByLabel('Passord').fill('nordlys over senja');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByTestId('instance-admin-link').click();
    await page.getByLabel('Tittel').fill('Vekstavtale for Nord-Troms 2027');
    expect(await page.getByLabel('Kortnavn').inputValue()).toBe('vekstavtale-for-nord-troms-2027');
    await page.getByRole('button', { name: 'Opprett avtale' }).click();
    await page.getByTestId('agreement-created').getByRole('link', { name: 'Åpne avtalen' }).click();
    await page.waitForURL(`${t.server.url}/a/vekstavtale-for-nord-troms-2027`);
    await page.getByTestId('members-link').click();
    await page
      .getByTestId('member-row')
      .filter({ hasText: 'Driftsansvarlig' })
      .getByLabel('Rolle for Driftsansvarlig')
      .waitFor();
    expect(await page.getByLabel('Rolle for Driftsansvarlig').inputValue()).toBe('admin');

    // Demo people are not instance administrators: no link, and the page says no.
    await kari.page.goto(`${t.server.url}/admin`);
    await kari.page.getByTestId('admin-not-allowed').waitFor();
    expect(await kari.page.getByTestId('instance-admin-link').count()).toBe(0);
    await context.close();
  });

  it('has no serious or critical axe-core findings on the members, activity, account, invitation and admin pages', async () => {
    const page = kari.page;
    await openMembers(page, t.server);
    const form = page.getByTestId('invite-form');
    await form.getByLabel('E-postadresse').fill('axe@kommune.no');
    await form.getByRole('button', { name: 'Lag invitasjonslenke' }).click();
    const link = await page
      .getByTestId('invite-result')
      .getByLabel('Invitasjonslenke')
      .inputValue();
    await page.getByTestId('pending-invitation').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Fjern Ingrid Leder fra avtalen' }).click();
    await page.getByTestId('remove-member-dialog').waitFor();
    // Colours are only final once the dialog's opening transition has run.
    await page.waitForFunction(() =>
      document.getAnimations().every((a) => a.playState !== 'running'),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.goto(`${t.server.url}/a/${demo.agreementId}/aktivitet`);
    await page.getByTestId('activity-list').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${t.server.url}/konto`);
    await page.getByTestId('sessions-table').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${t.server.url}/admin`);
    await page.getByTestId('admin-not-allowed').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const { context, page: invitee } = await newPerson(t.browser);
    await invitee.goto(link);
    await invitee.getByLabel('Fullt navn').waitFor();
    expect(await seriousViolations(invitee)).toEqual([]);
    await context.close();
  });
});
