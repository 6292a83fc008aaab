// The app on a train: reloaded with no server at all, the board opens from the browser's own
// copy (service worker for the app, IndexedDB for the document, remembered REST answers), takes
// edits, and sends them when the server is back (issue 3: "one person on a bad train connection").
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  appCachedForOffline,
  connected,
  createMeasure,
  describeInBrowser,
  expectOnServer,
  logIn,
  openBoard,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

describeInBrowser('offline: reloading the board with no server', () => {
  const t = useServerAndBrowser();
  const ola = usePerson(t, demo.editor, { board: 'fa-1' });

  it('opens the board from the browser, takes edits, and sends them when the server is back', async () => {
    await appCachedForOffline(ola.page);
    const before = await ola.page.getByTestId('measure-card').count();
    await t.server.stop();

    await ola.page.reload();
    await ola.page.getByTestId('measure-card').first().waitFor({ timeout: 15_000 });
    expect(await ola.page.getByTestId('measure-card').count()).toBe(before);
    expect(await ola.page.getByTestId('connection-status').getAttribute('data-status')).not.toBe(
      'connected',
    );
    await createMeasure(ola.page, 'Idé', 'Skrevet uten server');
    await expect
      .poll(() => ola.page.getByTestId('connection-status').textContent())
      .toMatch(/1 endring venter/);

    await t.restartServer();
    await connected(ola.page);
    const kariErrors = await expectOnServer(t, 'Skrevet uten server', 'Idé');
    expect(ola.errors).toEqual([]);
    expect(kariErrors).toEqual([]);
  });
});

describeInBrowser('offline: edits that wait across a reload', () => {
  const t = useServerAndBrowser();
  const ola = usePerson(t, demo.editor, { board: 'fa-1' });

  it('still counts edits made before a reload as waiting, asks before signing out, and keeps them', async () => {
    await appCachedForOffline(ola.page);
    await createMeasure(ola.page, 'Idé', 'Laget på nett'); // loads the detail panel's code
    await t.server.stop();
    await createMeasure(ola.page, 'Idé', 'Før omlasting');
    await expect
      .poll(() => ola.page.getByTestId('connection-status').textContent())
      .toMatch(/1 endring venter/);

    // The tab is reloaded (or closed and opened again) while the server is still away.
    await ola.page.reload();
    await ola.page.getByTestId('measure-card').first().waitFor({ timeout: 15_000 });
    await expect
      .poll(() => ola.page.getByTestId('connection-status').textContent())
      .toMatch(/1 endring venter/);

    // Signing out asks first, and even then must not delete the only copy of that edit.
    await ola.page.getByRole('button', { name: 'Logg ut' }).click();
    await ola.page.getByRole('button', { name: 'Logg ut likevel' }).click();
    await ola.page.getByLabel('E-postadresse').waitFor({ timeout: 15_000 });

    await t.restartServer();
    await logIn(ola.page, demo.editor);
    await openBoard(ola.page, t.server);
    expect(await ola.page.getByTestId('connection-status').getAttribute('data-unsynced')).toBe('0');
    await expectOnServer(t, 'Før omlasting', 'Idé');
    expect(ola.errors).toEqual([]);
  });
});
