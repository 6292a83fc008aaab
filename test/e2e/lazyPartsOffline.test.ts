// Offline within a second of opening a board (a train), before the idle preload of the code split
// off for offline use has run, Ola opens a card. Before, the panel's code could not load, the
// error reached the page's error boundary and the whole board was replaced by "Noe gikk galt" —
// for good, as React.lazy keeps a failed import. Now the panel's place says the card cannot open
// without a network yet, the board stays, and the card opens once the network is back. The same
// for the milestones dialog and the timeline page (apps/web shell/lazyPart.tsx).
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  columnOf,
  connected,
  describeInBrowser,
  dragToColumn,
  openBoard,
  signIn,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

/** The part's stylesheet is in the page and loaded (not just its script). */
function stylesLoaded(page: Page, chunk: string): Promise<boolean> {
  return page.evaluate(
    (name) =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].some(
        (l) => new URL(l.href).pathname.startsWith(`/assets/${name}-`) && l.sheet !== null,
      ),
    chunk,
  );
}

const title = 'Kartlegging av kollektivtilbudet mellom kommunene i regionen';

describeInBrowser(
  'code for a card, the milestones or the timeline not yet fetched when the network goes',
  () => {
    const t = useServerAndBrowser();
    const ola = usePerson(t, demo.editor);

    it('says the card cannot open yet, keeps the board, and opens the card when back online', async () => {
      const { page, context } = ola;
      await openBoard(page, t.server);
      // At once: the preload waits a second and then for an idle moment.
      await context.setOffline(true);
      await page.getByTestId('measure-open').getByText(title, { exact: true }).click();

      const notice = page.getByTestId('part-unavailable');
      await notice.waitFor({ timeout: 5_000 });
      expect(await notice.getAttribute('data-part')).toBe('card');
      expect(await notice.textContent()).toContain('Kortet kan ikke åpnes uten nett ennå');
      expect(await notice.textContent()).toContain('tatt vare på');
      expect(await page.getByText('Noe gikk galt').count()).toBe(0);
      expect(await page.getByTestId('column').count()).toBeGreaterThan(0);

      // Closed, the board behind it still takes edits offline.
      await notice.getByRole('button', { name: 'Lukk' }).click();
      await notice.waitFor({ state: 'detached' });
      await dragToColumn(page, title, 'Planlagt');
      await expect.poll(() => columnOf(page, title)).toBe('Planlagt');

      // Opened again, still offline: the same notice (a fresh attempt, which fails again).
      await page
        .locator('[data-testid="measure-card"]:not([data-overlay]) [data-testid="measure-open"]')
        .getByText(title, { exact: true })
        .click();
      await notice.waitFor({ timeout: 5_000 });
      // The network returns: the panel opens by itself, with its styles.
      await context.setOffline(false);
      const panel = page.getByTestId('measure-panel');
      await panel.waitFor({ timeout: 10_000 });
      expect(await notice.count()).toBe(0);
      expect(await panel.getAttribute('data-measure-id')).toBeTruthy();
      expect(await stylesLoaded(page, 'MeasurePanel')).toBe(true);
      await connected(page);
      expect(ola.errors).toEqual([]);
    });

    it('retries the milestones dialog on "Prøv igjen" once its code can be fetched', async () => {
      const kari = await signIn(t.browser, t.server, demo.admin);
      const { page, context } = kari;
      // The dialog's code (and only it) cannot be fetched, with no "online" event to retry on.
      // (The context's route also sees the service worker's requests, the page's would not.)
      const blocked = /\/assets\/MilestonesDialog-[^/]*\.(js|css)$/;
      await context.route(blocked, (route) => route.abort('internetdisconnected'));
      await openBoard(page, t.server);
      await page.getByTestId('milestones-button').click();
      const notice = page.getByTestId('part-unavailable');
      await notice.waitFor({ timeout: 5_000 });
      expect(await notice.getAttribute('data-part')).toBe('milestones');
      expect(await page.getByTestId('column').count()).toBeGreaterThan(0);

      await context.unroute(blocked);
      await notice.getByRole('button', { name: 'Prøv igjen' }).click();
      await page.getByTestId('milestones-dialog').waitFor({ timeout: 10_000 });
      expect(await notice.count()).toBe(0);
      expect(await stylesLoaded(page, 'MilestonesDialog')).toBe(true);
      expect(kari.errors).toEqual([]);
      await kari.context.close();
    });

    it("says in the timeline page's place that it cannot be shown yet, and shows it when back online", async () => {
      // The agreement's front page: only a board preloads the timeline's code, so none is here.
      const ingrid = await signIn(t.browser, t.server, demo.viewer);
      const { page, context } = ingrid;
      await page.goto(`${t.server.url}/a/${demo.agreementId}`);
      const timelineLink = page
        .getByTestId('view-links')
        .getByRole('link', { name: 'Milepælsoversikt' });
      await timelineLink.waitFor();
      await connected(page);
      await context.setOffline(true);
      await timelineLink.click();

      const notice = page.getByTestId('part-unavailable');
      await notice.waitFor({ timeout: 5_000 });
      expect(await notice.getAttribute('data-part')).toBe('timeline');
      expect(await notice.textContent()).toContain(
        'Milepælsoversikten kan ikke vises uten nett ennå',
      );
      expect(await notice.textContent()).toContain('tatt vare på');
      expect(await page.getByText('Noe gikk galt').count()).toBe(0);

      // Back to the agreement, which works offline, and to the timeline again: the same notice.
      await notice.getByRole('link', { name: 'Tilbake til avtalen' }).click();
      await timelineLink.waitFor();
      await timelineLink.click();
      await notice.waitFor({ timeout: 5_000 });
      // The network returns: the timeline shows by itself, with its styles.
      await context.setOffline(false);
      await page.getByTestId('timeline-milestone').first().waitFor({ timeout: 10_000 });
      expect(await notice.count()).toBe(0);
      expect(await stylesLoaded(page, 'TimelinePage')).toBe(true);
      await connected(page);
      expect(ingrid.errors).toEqual([]);
      await ingrid.context.close();
    });
  },
);
