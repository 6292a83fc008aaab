// A tab of an older build meets a document of a newer format ([F1] in docs/document-format.md):
// the county deployed a new Tavla, whose server migrated the document, while someone had the
// board open (or was on a train). The board turns read-only with a banner that asks for a
// reload; nothing throws, and nothing made before is lost.
import { listMeasures, readSchemaVersion, ROOT, SCHEMA_VERSION } from '@tavla/domain';
import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { demo, type TavlaServer, until } from '../support/server.js';
import { stockClient } from '../support/stockClient.js';
import {
  card,
  column,
  columnOf,
  connected,
  createMeasure,
  describeInBrowser,
  openBoard,
  type Person,
  seriousViolations,
  signIn,
  useServerAndBrowser,
} from './helpers.js';

const live = { timeout: 5_000 };
const providers: WebsocketProvider[] = [];
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
});

/** The stock y-websocket provider in Node, signed in as `email` (session cookie on the upgrade). */
async function otherClient(server: TavlaServer, email: string): Promise<Y.Doc> {
  const { doc, provider } = await stockClient(server, email);
  providers.push(provider);
  return doc;
}

/**
 * What the newer server's migration does to the live document, as far as this build can see:
 * `meta.schemaVersion` goes above SCHEMA_VERSION. Raw Yjs on purpose: no operation of this
 * build may write a newer version.
 */
function migrateToNewerFormat(doc: Y.Doc): void {
  doc.getMap(ROOT.meta).set('schemaVersion', SCHEMA_VERSION + 1);
}

/** Console errors and uncaught page errors, collected for the whole test. */
function watchErrors(person: Person): string[] {
  const out = person.errors; // pageerror, collected by newPerson
  person.page.on('console', (m) => {
    if (m.type() === 'error') out.push(`console: ${m.text()}`);
  });
  return out;
}

function notice(page: Page) {
  return page.getByTestId('newer-format-notice');
}

describeInBrowser('a board whose document becomes a newer format', () => {
  const t = useServerAndBrowser();

  it('turns read-only with a banner that reloads the page, and throws nothing', async () => {
    const kari = await signIn(t.browser, t.server, demo.admin);
    const errors = watchErrors(kari);
    const { page } = kari;
    try {
      await openBoard(page, t.server);
      await createMeasure(page, 'Idé', 'Laget før oppdateringen');
      await expect(notice(page).count()).resolves.toBe(0);
      const other = await otherClient(t.server, demo.editor);
      await until(
        () => listMeasures(other).some((m) => m.title === 'Laget før oppdateringen'),
        'the other client never saw the measure',
      );

      migrateToNewerFormat(other);

      await notice(page).waitFor(live);
      const alert = notice(page).getByRole('alert');
      await expect(alert.textContent()).resolves.toContain(
        'Tavla er oppdatert siden du åpnet denne siden.',
      );
      await expect(alert.textContent()).resolves.toContain(
        'Last inn siden på nytt for å fortsette å gjøre endringer.',
      );
      // Nothing to drag or create with any more.
      await page
        .getByTestId('drag-handle')
        .first()
        .waitFor({ state: 'detached', ...live });
      expect(await page.getByRole('button', { name: /Nytt tiltak i/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Angre|^Gjør om/ }).count()).toBe(0);
      // The banner and its button pass axe-core (contrast, names) on the board.
      expect(await seriousViolations(page)).toEqual([]);
      // A drag by the card itself does nothing either (a drop would move it at once, locally).
      const from = await card(page, 'Laget før oppdateringen').boundingBox();
      const to = await column(page, 'Pågår').boundingBox();
      if (!from || !to) throw new Error('card or column not visible');
      await page.mouse.move(from.x + from.width / 2, from.y + 12);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2 + 10, from.y + 22, { steps: 5 });
      await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 15 });
      await page.mouse.up();
      expect(await columnOf(page, 'Laget før oppdateringen')).toBe('Idé');

      // The open card: its text fields stay, read-only, and the banner is in the panel too.
      await card(page, 'Laget før oppdateringen').getByTestId('measure-open').click();
      const panel = page.getByTestId('measure-panel');
      await panel.getByTestId('newer-format-notice').waitFor();
      const title = panel.getByTestId('measure-title-input');
      await expect(title.evaluate((el) => (el as HTMLInputElement).readOnly)).resolves.toBe(true);
      await title.click();
      await title.press('End');
      await title.pressSequentially(' endret', { delay: 10 });
      await expect(title.inputValue()).resolves.toBe('Laget før oppdateringen');
      // Keyboard: the reload button in the panel is reachable with Tab.
      const reload = panel.getByRole('button', { name: 'Last inn siden på nytt' });
      for (let i = 0; i < 20; i++) {
        if (await reload.evaluate((el) => el === document.activeElement)) break;
        await page.keyboard.press('Shift+Tab');
      }
      await expect(reload.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

      // The reload button reloads the page (a marker on the old window is gone afterwards).
      await page.evaluate(() => {
        (window as { beforeReload?: boolean }).beforeReload = true;
      });
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      await expect
        .poll(() => page.evaluate(() => (window as { beforeReload?: boolean }).beforeReload))
        .toBeUndefined();
      // This server is of the older build too, so the reloaded page says the same.
      await notice(page).first().waitFor(live);

      // Nothing was lost or changed by the old tab after the version came.
      const m = listMeasures(other).find((x) => x.title === 'Laget før oppdateringen');
      expect(m?.columnId).toBe('col-idea');
      expect(readSchemaVersion(other)).toBe(SCHEMA_VERSION + 1);
      expect(errors).toEqual([]);
    } finally {
      await kari.context.close();
    }
  });
});

describeInBrowser('edits made offline, then a newer document', () => {
  const t = useServerAndBrowser();

  it('still reach the server when the tab comes back online to a newer document', async () => {
    const ola = await signIn(t.browser, t.server, demo.editor);
    const { page } = ola;
    try {
      await openBoard(page, t.server);
      // Online first, so that the card panel's code is loaded before the train leaves.
      await createMeasure(page, 'Idé', 'Skrevet på kontoret');
      await ola.context.setOffline(true);
      await expect
        .poll(() => page.getByTestId('connection-status').getAttribute('data-status'), live)
        .not.toBe('connected');
      await createMeasure(page, 'Pågår', 'Skrevet på toget');
      await expect
        .poll(() => page.getByTestId('connection-status').getAttribute('data-unsynced'))
        .not.toBe('0');

      // Meanwhile the new Tavla is deployed and migrates the document.
      const other = await otherClient(t.server, demo.admin);
      migrateToNewerFormat(other);

      await ola.context.setOffline(false);
      await connected(page);
      await notice(page).waitFor(live);
      await until(
        () => listMeasures(other).some((m) => m.title === 'Skrevet på toget'),
        'the edit made offline never reached the server',
      );
      expect(await page.getByTestId('connection-status').getAttribute('data-unsynced')).toBe('0');
      expect(await page.getByRole('button', { name: /Nytt tiltak i/ }).count()).toBe(0);
      expect(ola.errors).toEqual([]);
    } finally {
      await ola.context.close();
    }
  });
});
