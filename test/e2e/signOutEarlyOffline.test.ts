// Offline within a second of opening a board, before the idle preload of the code split off
// for offline use has run, Ola signs out with an edit waiting. Before, the sign-out question's
// code could not load and the whole page went blank (the header had no error boundary); the
// question must show, and the edit must reach the server once he is back.
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  columnOf,
  connected,
  describeInBrowser,
  dragToColumn,
  expectOnServer,
  openBoard,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

describeInBrowser('signing out offline right after opening a board', () => {
  const t = useServerAndBrowser();
  const ola = usePerson(t, demo.editor);

  it('asks before signing out instead of blanking the page, and the edit is kept', async () => {
    const { page, context } = ola;
    await openBoard(page, t.server);
    // At once: the preload waits a second and then for an idle moment.
    await context.setOffline(true);
    const title = 'Kartlegging av kollektivtilbudet mellom kommunene i regionen';
    expect(await columnOf(page, title)).toBe('Idé');
    await dragToColumn(page, title, 'Planlagt');
    await expect.poll(() => columnOf(page, title)).toBe('Planlagt');
    const status = page.getByTestId('connection-status');
    await expect.poll(() => status.getAttribute('data-unsynced')).toBe('1');

    await page.getByRole('button', { name: 'Logg ut' }).click();
    const dialog = page.getByTestId('logout-unsent-dialog');
    await dialog.waitFor({ timeout: 5_000 });
    expect(await dialog.textContent()).toContain('1 endring');
    // Stay: the board is still there, with the edit.
    await dialog.getByRole('button', { name: 'Bli innlogget' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await columnOf(page, title)).toBe('Planlagt');
    expect(await page.getByTestId('column').count()).toBeGreaterThan(0);

    await context.setOffline(false);
    await connected(page);
    await expect.poll(() => status.getAttribute('data-unsynced')).toBe('0');
    await expectOnServer(t, title, 'Planlagt');
    expect(ola.errors).toEqual([]);
  });
});
