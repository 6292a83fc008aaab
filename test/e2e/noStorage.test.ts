// A browser that keeps nothing: IndexedDB refused (Firefox with site data blocked throws
// SecurityError from indexedDB.open; some policies and private modes do the like). The board
// must work online as usual and say honestly that edits made offline live only in this tab,
// and a board reloaded offline (nothing to read) must say why it is empty.
import { beforeAll, expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  appCachedForOffline,
  connected,
  createMeasure,
  describeInBrowser,
  expectOnServer,
  openBoard,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

describeInBrowser('a browser where IndexedDB is refused', () => {
  const t = useServerAndBrowser();
  const ola = usePerson(t, demo.editor);
  beforeAll(async () => {
    await ola.context.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    });
    await openBoard(ola.page, t.server);
  });

  it('works online without errors, and offline says the waiting edits are kept only in this tab', async () => {
    await createMeasure(ola.page, 'Idé', 'Uten lagring');
    const status = ola.page.getByTestId('connection-status');
    expect(await status.getAttribute('data-unsynced')).toBe('0');

    await appCachedForOffline(ola.page);
    await t.server.stop();
    await createMeasure(ola.page, 'Idé', 'Bare i fanen');
    await expect.poll(() => status.textContent()).toMatch(/1 endring venter/);
    // Nothing is kept on this machine: the indicator must not say it is.
    expect(await status.getAttribute('title')).not.toMatch(/lagret på denne maskinen/);
    await expect.poll(() => status.textContent()).toMatch(/bare i denne fanen/);
    await ola.page.getByRole('button', { name: 'Logg ut' }).click();
    const dialog = ola.page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toMatch(/logger du ut nå, går den tapt/);
    await dialog.getByRole('button', { name: 'Bli innlogget' }).click();

    await t.restartServer();
    await connected(ola.page);
    await expectOnServer(t, 'Bare i fanen', 'Idé');
    expect(ola.errors).toEqual([]);
  });

  it('reloaded with no server, says the agreement is not on this machine instead of loading forever, and shows it once the server is back', async () => {
    await appCachedForOffline(ola.page);
    await t.server.stop();
    await ola.page.reload();
    const notice = ola.page.getByTestId('document-not-here');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toMatch(/Avtalen er ikke lagret på denne maskinen/);
    // The header agrees: offline (not "connecting" for as long as the server is away).
    await expect
      .poll(() => ola.page.getByTestId('connection-status').getAttribute('data-status'))
      .toBe('offline');

    await t.restartServer();
    await ola.page.getByTestId('measure-card').first().waitFor({ timeout: 15_000 });
    expect(await notice.count()).toBe(0);
    expect(ola.errors).toEqual([]);
  });
});
