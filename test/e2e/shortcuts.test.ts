// "Hurtigtaster": "?" on a board opens the list of keyboard shortcuts, which passes axe.
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  describeInBrowser,
  openBoard,
  seriousViolations,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

describeInBrowser('hurtigtaster', () => {
  const t = useServerAndBrowser();
  const kari = usePerson(t, demo.admin);

  it('opens on "?" on a board, not while typing, and closes on Escape', async () => {
    const page = kari.page;
    await openBoard(page, t.server, 'fa-1');
    await page.getByPlaceholder('Tittel eller beskrivelse').click();
    await page.keyboard.type('?');
    expect(await page.getByTestId('shortcuts-dialog').count()).toBe(0);
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Shift+?');
    const dialog = page.getByTestId('shortcuts-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading', { name: 'Hurtigtaster' }).count()).toBe(1);
    expect(await dialog.textContent()).toContain('Finn tiltak i avtalen');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(kari.errors).toEqual([]);
  });
});
