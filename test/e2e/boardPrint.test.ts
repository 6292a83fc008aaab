// Printing a board (Ctrl+P): every column on the paper's width, every card of a long column
// (the screen renders them as it scrolls), no controls, and what filter it was printed with.
import { createMeasure } from '@tavla/domain';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import { stockClient } from '../support/stockClient.js';
import { column, connected, describeInBrowser, usePerson, useServerAndBrowser } from './helpers.js';

/** More than a column renders before it is scrolled or asked for more (board/Column.tsx, PAGE). */
const MANY = 80;

/** The parts of the page that are drawn (display not none, with a size). */
async function drawn(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluateAll(
    (els) =>
      els.filter((el) => {
        const r = el.getBoundingClientRect();
        return getComputedStyle(el).display !== 'none' && r.width > 0 && r.height > 0;
      }).length,
  );
}

describeInBrowser('printing a board', () => {
  const t = useServerAndBrowser();
  const kari = usePerson(t, demo.admin);

  it('prints every column and card on the page width, without controls, saying when', async () => {
    const page = kari.page;
    await page.goto(`${t.server.url}/a/${demo.agreementId}/fa/fa-4`);
    await connected(page);
    const idea = column(page, 'Idé');
    await expect.poll(() => idea.getByTestId('measure-card').count()).toBeGreaterThan(0);
    const total = (await idea.getByTestId('measure-card').count()) + MANY;
    const { doc, provider } = await stockClient(t.server, demo.editor);
    doc.transact(() => {
      for (let i = 1; i <= MANY; i++)
        createMeasure(doc, { focusAreaId: 'fa-4', columnId: 'col-idea', title: `Idé nr. ${i}` });
    });
    await expect.poll(() => idea.textContent()).toContain(`${total} tiltak`);
    expect(await idea.getByTestId('measure-card').count()).toBeLessThan(total);
    expect(await drawn(page, '[data-testid="board-printed-at"]')).toBe(0);

    // A4 landscape is about 1,050 CSS pixels wide.
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => idea.getByTestId('measure-card').count()).toBe(total);
    const columns = await page
      .getByTestId('column')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
    expect(columns.length).toBe(4);
    for (const right of columns) expect(right).toBeLessThanOrEqual(1000);
    // The page itself does not scroll sideways, and the columns are not clipped by the board.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1000,
    );
    expect(await drawn(page, '[data-testid="add-column"]')).toBe(0);
    expect(await drawn(page, 'search#board-filters')).toBe(0);
    expect(await drawn(page, '[data-testid="measure-card"] [data-testid="drag-handle"]')).toBe(0);
    // (In the page, not drawn.)
    expect(await page.locator('button', { hasText: 'Nytt tiltak' }).count()).toBeGreaterThan(0);
    expect(await drawn(page, 'button:has-text("Nytt tiltak")')).toBe(0);
    expect(await drawn(page, 'button:has-text("Angre")')).toBe(0);
    await expect
      .poll(() => page.getByTestId('board-printed-at').textContent())
      .toMatch(/^Skrevet ut \d+\. \w+\.? \d{4}/);
    expect(await drawn(page, '[data-testid="filters-print-summary"]')).toBe(0);

    // Printed with a filter on, the paper says which and how many of the measures it shows.
    await page.emulateMedia({ media: 'screen' });
    await page.getByLabel('Status').selectOption('red');
    await page.emulateMedia({ media: 'print' });
    await expect
      .poll(() => page.getByTestId('filters-print-summary').textContent())
      .toMatch(/^Filter: Status: Kritisk\. Viser 1 av \d+ tiltak\.$/);
    expect(await drawn(page, '[data-testid="filters-print-summary"]')).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    provider.destroy();
  });
});
