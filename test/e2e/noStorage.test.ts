// A browser that keeps nothing: IndexedDB refused (Firefox with site data blocked throws
// SecurityError from indexedDB.open; some policies and private modes do the like). The board
// must work online as usual and say honestly that edits made offline live only in this tab.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.js';
import { demo, type TavlaServer } from '../support/server.js';
import {
  appCachedForOffline,
  columnOf,
  connected,
  createMeasure,
  openBoard,
  type Person,
  signIn,
  startServerAndBrowser,
  stopServerAndBrowser,
} from './helpers.js';

describe.skipIf(!hasChromium)('a browser where IndexedDB is refused', () => {
  let server: TavlaServer;
  let browser: Browser;
  let ola: Person;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    ola = await signIn(browser, server, demo.editor);
    await ola.context.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    });
    await openBoard(ola.page, server);
  });

  afterAll(() => stopServerAndBrowser({ server, browser }));

  it('works online without errors, and offline says the waiting edits are kept only in this tab', async () => {
    await createMeasure(ola.page, 'Idé', 'Uten lagring');
    const status = ola.page.getByTestId('connection-status');
    expect(await status.getAttribute('data-unsynced')).toBe('0');

    await appCachedForOffline(ola.page);
    await server.stop();
    await createMeasure(ola.page, 'Idé', 'Bare i fanen');
    await expect.poll(() => status.textContent()).toMatch(/1 endring venter/);
    // Nothing is kept on this machine: the indicator must not say it is.
    expect(await status.getAttribute('title')).not.toMatch(/lagret på denne maskinen/);
    await expect.poll(() => status.textContent()).toMatch(/bare i denne fanen/);
    await ola.page.getByRole('button', { name: 'Logg ut' }).click();
    const dialog = ola.page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toMatch(/logger du ut nå, går den tapt/);
    await dialog.getByRole('button', { name: 'Bli innlogget' }).click();

    server = await server.restart();
    await connected(ola.page);
    const kari = await signIn(browser, server, demo.admin);
    await openBoard(kari.page, server);
    await expect.poll(() => columnOf(kari.page, 'Bare i fanen'), { timeout: 10_000 }).toBe('Idé');
    expect(ola.errors).toEqual([]);
    await kari.context.close();
  });
});
