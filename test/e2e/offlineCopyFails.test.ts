// The offline copy (IndexedDB) stops taking writes in the middle of a visit: the quota is
// exceeded, or the storage was evicted. y-indexeddb's write then threw out of the person's edit
// (and skipped the provider, so the edit did not reach the server either) or failed as an
// unhandled rejection, and the header went on saying edits were kept on this machine. Here an
// init script makes every IDBObjectStore put/add throw QuotaExceededError once the board and
// its copy have loaded.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { demo, type TavlaServer } from '../support/server.js';
import {
  columnOf,
  connected,
  createMeasure,
  describeInBrowser,
  openBoard,
  type Person,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

describeInBrowser('the offline copy failing in the middle of a visit', () => {
  const t = useServerAndBrowser();
  const kari = usePerson(t, demo.admin, { board: 'fa-1' });
  const ola = usePerson(t, demo.editor);

  beforeAll(() => openWithDiskFillingLater(ola, t.server, 'throw'));

  it('says edits are no longer kept on this machine, loses none of them, and reports no error', async () => {
    const status = ola.page.getByTestId('connection-status');
    await createMeasure(ola.page, 'Idé', 'Før disken ble full');
    expect(await status.getAttribute('data-offline-copy')).toBeNull();

    await fillDisk(ola.page);
    await createMeasure(ola.page, 'Idé', 'Da disken ble full');
    await expect
      .poll(() => status.textContent())
      .toMatch(/Tilkoblet – endringer lagres ikke lenger på denne maskinen/);
    expect(await status.getAttribute('data-offline-copy')).toBe('failed');
    await expect.poll(() => columnOf(kari.page, 'Da disken ble full')).toBe('Idé');

    // Offline now, the edits wait in this tab only, and the header says so.
    await ola.context.setOffline(true);
    await expect.poll(() => status.getAttribute('data-status')).toBe('offline');
    await createMeasure(ola.page, 'Pågår', 'Uten nett og uten lagring');
    await expect.poll(() => status.textContent()).toMatch(/1 endring venter, bare i denne fanen/);
    await ola.page.getByRole('button', { name: 'Logg ut' }).click();
    const dialog = ola.page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toMatch(/logger du ut nå, går den tapt/);
    await dialog.getByRole('button', { name: 'Bli innlogget' }).click();

    await ola.context.setOffline(false);
    await connected(ola.page);
    await expect
      .poll(() => columnOf(kari.page, 'Uten nett og uten lagring'), { timeout: 10_000 })
      .toBe('Pågår');
    expect(await status.getAttribute('data-unsynced')).toBe('0');
    expect(await columnOf(ola.page, 'Da disken ble full')).toBe('Idé');
    expect(ola.errors).toEqual([]);
  });
});

// As Chromium fails a write over the quota: not at once, but with the transaction aborted
// afterwards (the request's error, and lib0's promise of it rejected with nobody waiting).
describeInBrowser('the offline copy failing later, with its transactions aborted', () => {
  const t = useServerAndBrowser();
  const kari = usePerson(t, demo.admin, { board: 'fa-1' });
  const ola = usePerson(t, demo.editor);

  beforeAll(() => openWithDiskFillingLater(ola, t.server, 'abort'));

  it('says so in the header, and the page reports no unhandled rejection', async () => {
    const status = ola.page.getByTestId('connection-status');
    await fillDisk(ola.page);
    await createMeasure(ola.page, 'Idé', 'Avbrutt lagring');
    await expect.poll(() => status.getAttribute('data-offline-copy')).toBe('failed');
    expect(await status.textContent()).toMatch(/endringer lagres ikke lenger på denne maskinen/);
    await expect.poll(() => columnOf(kari.page, 'Avbrutt lagring')).toBe('Idé');
    // Rejections are reported a moment after the failure: give them the time.
    await ola.page.waitForTimeout(500);
    expect(ola.errors).toEqual([]);
  });
});

/**
 * Opens the board for `person` with IndexedDB writes that fail once `fillDisk` is called:
 * `throw`: put/add throw QuotaExceededError at once; `abort`: as Chromium fails a write over
 * the quota, the request is made and its transaction aborted afterwards. Resolves once the
 * copy has loaded (and written the document once), before the disk fills up.
 */
async function openWithDiskFillingLater(
  person: Person,
  server: TavlaServer,
  how: 'throw' | 'abort',
): Promise<void> {
  await person.context.addInitScript((how) => {
    const store = IDBObjectStore.prototype as unknown as Record<
      'put' | 'add',
      (...args: unknown[]) => IDBRequest
    >;
    for (const name of ['put', 'add'] as const) {
      const original = store[name];
      store[name] = function (this: IDBObjectStore, ...args: unknown[]) {
        const full = (window as { __storageFull?: boolean }).__storageFull;
        if (full && how === 'throw')
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        const request = original.apply(this, args);
        if (full) this.transaction.abort();
        return request;
      };
    }
  }, how);
  await openBoard(person.page, server);
  await person.page.waitForFunction(
    () => performance.getEntriesByName('tavla:idb-loaded').length > 0,
  );
}

function fillDisk(page: Page): Promise<void> {
  return page.evaluate(() => {
    (window as { __storageFull?: boolean }).__storageFull = true;
  });
}
