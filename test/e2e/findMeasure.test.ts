// "Finn tiltak" (Ctrl+K): in the browser, from one board to a measure on another, with the
// keyboard only, also on a train with no signal once the board has fetched its code.
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  appCachedForOffline,
  connected,
  describeInBrowser,
  openBoard,
  seriousViolations,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

describeInBrowser('finn tiltak', () => {
  const t = useServerAndBrowser();
  const ola = usePerson(t, demo.editor);

  it('finds a measure of another focus area with Ctrl+K and opens its card there, offline too', async () => {
    const page = ola.page;
    await openBoard(page, t.server, 'fa-1');
    await connected(page);
    await appCachedForOffline(page);
    // The dialog's code is part of what a board fetches for offline use.
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await (await caches.open('tavla-app-v1')).keys()).some((r) =>
            /\/assets\/FindMeasureDialog-[^/]*\.js$/.test(r.url),
          ),
        ),
      )
      .toBe(true);
    await ola.context.setOffline(true);

    await page.keyboard.press('Control+k');
    const dialog = page.getByTestId('find-dialog');
    await dialog.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('find-input');
    await page.keyboard.type('ladeinfrastruktur');
    await expect.poll(() => page.getByTestId('find-status').textContent()).toBe('1 tiltak funnet');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/a\/tromsvekstavtalen\/fa\/fa-2\?m=/);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/Behovet for styrket samfunns- og arealplanarbeid/);
    // Its card is open.
    await expect
      .poll(() => page.getByRole('dialog').getByRole('heading', { level: 2 }).first().textContent())
      .toBe('Ladeinfrastruktur for nullutslippskjøretøy i distriktene');
    expect(await dialog.count()).toBe(0);
    await ola.context.setOffline(false);
    expect(ola.errors).toEqual([]);
  });

  it('is a button on the front page too, and Escape closes it where it was', async () => {
    const page = ola.page;
    await page.goto(`${t.server.url}/a/${demo.agreementId}`);
    await page.getByTestId('find-button').click();
    await page.getByTestId('find-dialog').waitFor();
    await page.keyboard.type('plan');
    await expect.poll(() => page.getByTestId('find-result').count()).toBeGreaterThan(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('find-dialog').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe(`/a/${demo.agreementId}`);
    // Focus is back on the button that opened it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('find-button');
  });
});
