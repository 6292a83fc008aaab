// The app on a train: reloaded with no server at all, the board opens from the browser's own
// copy (service worker for the app, IndexedDB for the document, remembered REST answers), takes
// edits, and sends them when the server is back (issue 3: "one person on a bad train connection").
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

describe.skipIf(!hasChromium)('offline: reloading the board with no server', () => {
  let server: TavlaServer;
  let browser: Browser;
  let ola: Person;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    ola = await signIn(browser, server, demo.editor);
    await openBoard(ola.page, server);
  });

  afterAll(() => stopServerAndBrowser({ server, browser }));

  it('opens the board from the browser, takes edits, and sends them when the server is back', async () => {
    await appCachedForOffline(ola.page);
    const before = await ola.page.getByTestId('measure-card').count();
    await server.stop();

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

    server = await server.restart();
    await connected(ola.page);
    const kari = await signIn(browser, server, demo.admin);
    await openBoard(kari.page, server);
    await expect
      .poll(() => columnOf(kari.page, 'Skrevet uten server'), { timeout: 10_000 })
      .toBe('Idé');
    expect(ola.errors).toEqual([]);
    expect(kari.errors).toEqual([]);
    await kari.context.close();
  });
});

describe.skipIf(!hasChromium)('offline: edits that wait across a reload', () => {
  let server: TavlaServer;
  let browser: Browser;
  let ola: Person;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    ola = await signIn(browser, server, demo.editor);
    await openBoard(ola.page, server);
  });

  afterAll(() => stopServerAndBrowser({ server, browser }));

  it('still counts edits made before a reload as waiting, asks before signing out, and keeps them', async () => {
    await appCachedForOffline(ola.page);
    await createMeasure(ola.page, 'Idé', 'Laget på nett'); // loads the detail panel's code
    await server.stop();
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

    server = await server.restart();
    await ola.page.getByLabel('E-postadresse').fill(demo.editor);
    await ola.page.getByLabel('Passord').fill('tavla-demo');
    await ola.page.getByRole('button', { name: 'Logg inn' }).click();
    await ola.page.getByTestId('agreement-link').first().waitFor();
    await openBoard(ola.page, server);
    expect(await ola.page.getByTestId('connection-status').getAttribute('data-unsynced')).toBe('0');
    const kari = await signIn(browser, server, demo.admin);
    await openBoard(kari.page, server);
    await expect.poll(() => columnOf(kari.page, 'Før omlasting'), { timeout: 10_000 }).toBe('Idé');
    expect(ola.errors).toEqual([]);
    await kari.context.close();
  });
});
