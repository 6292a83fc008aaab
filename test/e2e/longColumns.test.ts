// A column with many cards on a laptop, as in Trello or GitHub Projects: where the window is tall
// enough (over 36rem, a 1366x768 laptop's 630-768 px window included, under a compact head), the
// board fills it and the column scrolls its own cards, its header and "Nytt tiltak" always in
// view; on a phone, at 200% zoom, in a lower window and with rows grouped the page scrolls as a
// whole instead (there the head above the board would leave a card or less per column).
import { createMeasure } from '@tavla/domain';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { demo } from '../support/server.js';
import { stockClient } from '../support/stockClient.js';
import {
  card,
  closePanel,
  column,
  columnOf,
  describeInBrowser,
  dragToColumn,
  laptop,
  openBoard,
  seriousViolations,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

/** More than a column renders before it is scrolled (board/Column.tsx, PAGE) or a laptop shows. */
const LONG = 40;
const title = (i: number) => `Langt tiltak nr. ${i}`;
/** A 14-inch laptop's window (1440x900): room to fill. */
const roomy = { width: 1440, height: 900 };
/** A 1366x768 laptop's browser window, under its tabs, address bar and task bar. */
const laptopWindow = { width: 1366, height: 650 };
/** The most the board's head may take, from the app's header to the columns (it took ~255 px). */
const HEAD = 200;

/** How far the document reaches below the window, and how tall the footer under it is. */
function overflow(page: Page): Promise<{ below: number; footer: number }> {
  return page.evaluate(() => ({
    below: document.documentElement.scrollHeight - window.innerHeight,
    footer: document.querySelector('footer')?.getBoundingClientRect().height ?? 0,
  }));
}

/** From the bottom of the app's header to the top of the columns: the board page's head. */
function headHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
    const columns = document.querySelector('[data-testid="column"]')?.getBoundingClientRect().top;
    return (columns ?? Number.POSITIVE_INFINITY) - header;
  });
}

/** Whether el lies wholly inside the box of `within` and the window. */
async function whollyInside(el: Locator, within: Locator): Promise<boolean> {
  return el.evaluate(
    (node, box) => {
      const r = node.getBoundingClientRect();
      const b = (box as Element).getBoundingClientRect();
      return (
        r.top >= Math.max(b.top, 0) - 0.5 &&
        r.bottom <= Math.min(b.bottom, window.innerHeight) + 0.5 &&
        r.height > 0
      );
    },
    await within.elementHandle(),
  );
}

describeInBrowser('long columns', () => {
  const t = useServerAndBrowser();
  const kari = usePerson(t, demo.admin);
  const ids: string[] = [];

  beforeAll(async () => {
    const { doc, provider } = await stockClient(t.server, demo.editor);
    doc.transact(() => {
      for (let i = 1; i <= LONG; i++)
        ids.push(
          createMeasure(doc, { focusAreaId: 'fa-1', columnId: 'col-idea', title: title(i) }),
        );
    });
    provider.destroy();
  });

  it('fills a roomy laptop’s window: the column scrolls its cards under a header that stays', async () => {
    const page = kari.page;
    await page.setViewportSize(roomy);
    await openBoard(page, t.server, 'fa-1');
    const idea = column(page, 'Idé');
    const list = idea.getByTestId('column-list');
    await expect.poll(() => idea.textContent()).toMatch(/\d+ tiltak/);
    const total = Number((await idea.textContent())?.match(/(\d+) tiltak/)?.[1]);
    expect(total).toBeGreaterThan(LONG);

    // The page does not grow with the column: only the footer lies below the window's edge,
    // and every column ends inside the window.
    const { below, footer } = await overflow(page);
    expect(below).toBeLessThanOrEqual(footer + 1);
    for (const bottom of await page
      .getByTestId('column')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().bottom)))
      expect(bottom).toBeLessThanOrEqual(roomy.height);
    expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight + 1)).toBe(true);

    // Scrolled to its end (rendering the rest as it goes), the header and "Nytt tiltak" stay.
    await expect
      .poll(async () => {
        await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
        return idea.getByTestId('measure-card').count();
      })
      .toBe(total);
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const page0 = page.locator('body');
    expect(await whollyInside(idea.locator('header'), page0)).toBe(true);
    const create = page.getByRole('button', { name: 'Nytt tiltak i Idé' });
    expect(await whollyInside(create, page0)).toBe(true);
    expect(await whollyInside(card(page, title(LONG)), list)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // Dragging a card to the list's lower edge scrolls the list (dnd-kit's auto-scroll);
    // Escape puts the card back.
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    const handle = idea.getByTestId('drag-handle').first();
    const from = await handle.boundingBox();
    const edge = await list.boundingBox();
    if (!from || !edge) throw new Error('the first card or the list is not drawn');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 5 });
    await page.mouse.move(from.x + from.width / 2, edge.y + edge.height - 4, { steps: 10 });
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    await page.keyboard.press('Escape');
    await page.mouse.up();
    // (Back in its place once the drop animation is over.)
    const lifted = page.locator('[data-testid="measure-card"]:is([data-overlay], [data-dragging])');
    await expect.poll(() => lifted.count()).toBe(0);
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));

    // The last card, dragged from the bottom of the long column, lands in another one.
    await dragToColumn(page, title(LONG), 'Ferdig');
    await expect.poll(() => columnOf(page, title(LONG))).toBe('Ferdig');
    await expect.poll(() => idea.textContent()).toContain(`${total - 1} tiltak`);

    // Reached by keyboard (Shift+Tab from "Nytt tiltak"), the column's last card is scrolled
    // into the list's view, wholly: nothing sticky covers focus in a column (WCAG 2.4.11).
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await create.focus();
    await page.keyboard.press('Shift+Tab');
    const last = card(page, title(LONG - 1));
    await expect.poll(() => last.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await expect.poll(() => whollyInside(last, list)).toBe(true);
    // So is the column's first card, taller than half the list, reached by Tab from the
    // header's buttons with the list scrolled to its end (in a 1366x768 laptop's window, where
    // the list is lower).
    await page.setViewportSize(laptopWindow);
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.getByRole('button', { name: 'Gi kolonnen «Idé» nytt navn' }).focus();
    await page.keyboard.press('Tab');
    const first = idea.getByTestId('measure-card').first();
    await expect.poll(() => first.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    expect(
      await first.evaluate(
        (el, l) => el.getBoundingClientRect().height > (l as Element).clientHeight / 2,
        await list.elementHandle(),
      ),
    ).toBe(true);
    await expect.poll(() => whollyInside(first, list)).toBe(true);
  });

  it('shows the card opened by a link in its column, however far down', async () => {
    const page = kari.page;
    await page.setViewportSize(roomy);
    const id = ids[LONG - 3]!;
    await page.goto(`${t.server.url}/a/${demo.agreementId}/fa/fa-1?m=${id}`);
    await page.getByTestId('measure-panel').waitFor();
    const list = column(page, 'Idé').getByTestId('column-list');
    const opened = list.locator(`[data-measure-id="${id}"]`);
    await expect.poll(() => whollyInside(opened, list)).toBe(true);
    // Closed, the focus is back on it, still in view.
    await closePanel(page);
    await expect
      .poll(() => opened.evaluate((el) => el.contains(document.activeElement)))
      .toBe(true);
    expect(await whollyInside(opened, list)).toBe(true);
  });

  it('fills a 1366x768 laptop’s window too, under a head that keeps to a few rows', async () => {
    const page = kari.page;
    for (const size of [laptop, laptopWindow]) {
      await page.setViewportSize(size);
      await openBoard(page, t.server, 'fa-1');
      const idea = column(page, 'Idé');
      const list = idea.getByTestId('column-list');
      await expect.poll(() => idea.textContent()).toMatch(/\d+ tiltak/);
      await page.evaluate(() => document.fonts.ready);
      const at = `${size.width}x${size.height}`;
      // Who is here and the toolbar beside the breadcrumbs, then the title, then the filters.
      expect(await headHeight(page), at).toBeLessThanOrEqual(HEAD);
      const { below, footer } = await overflow(page);
      expect(below, at).toBeLessThanOrEqual(footer + 1);
      for (const bottom of await page
        .getByTestId('column')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().bottom)))
        expect(bottom, at).toBeLessThanOrEqual(size.height);
      expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight + 1), at).toBe(true);
      // Room for more than a card or two: the seeded first card is 215 px, a short one 80.
      expect(await list.evaluate((el) => el.clientHeight), at).toBeGreaterThanOrEqual(250);
      const create = page.getByRole('button', { name: 'Nytt tiltak i Idé' });
      expect(await whollyInside(create, page.locator('body')), at).toBe(true);
      // Everything of the head is still there, by name: presence behind "… til stede".
      for (const name of ['Finn tiltak', 'Angre', 'Gjør om'])
        expect(await page.getByRole('button', { name }).isVisible(), name).toBe(true);
      for (const label of ['Søk', 'Part', 'Ansvarlig', 'Delmål', 'Status', 'Grupper rader etter'])
        expect(await page.getByLabel(label, { exact: true }).isVisible(), label).toBe(true);
    }
    // A focus area with a title of a hundred characters gets as compact a head.
    await openBoard(page, t.server, 'fa-2');
    await page.getByTestId('column').first().waitFor();
    expect(await headHeight(page)).toBeLessThanOrEqual(HEAD);
    await openBoard(page, t.server, 'fa-1');

    // On the 768 px laptop, two cards wholly in view in the long column.
    await page.setViewportSize(laptop);
    const list = column(page, 'Idé').getByTestId('column-list');
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    const cards = column(page, 'Idé').getByTestId('measure-card');
    for (const i of [0, 1]) expect(await whollyInside(cards.nth(i), list)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // Who is here: the avatars name everyone; the list behind the button has the hide switch.
    const presence = page.getByTestId('presence');
    expect(await presence.getByTestId('presence-person').first().textContent()).toContain(
      'Kari Nordmann',
    );
    await page.getByRole('button', { name: /til stede|Bare du er her/ }).click();
    const hide = page.getByRole('switch', { name: 'Skjul min tilstedeværelse' });
    await expect.poll(() => hide.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => hide.isVisible()).toBe(false);

    // "Visning" → compact cards: in a laptop’s window the first card (seeded with a milestone)
    // loses its milestone row; kept after a reload.
    await page.setViewportSize(laptopWindow);
    const first = column(page, 'Idé').getByTestId('measure-card').first();
    const height = () => first.evaluate((el) => el.getBoundingClientRect().height);
    const full = await height();
    await page.getByTestId('view-options').click();
    const compact = page.getByRole('switch', { name: 'Kompakte kort' });
    await expect.poll(() => compact.isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await compact.click();
    await page.keyboard.press('Escape');
    await expect.poll(height).toBeLessThan(full - 20);
    await openBoard(page, t.server, 'fa-1');
    expect(await page.getByTestId('view-options').getAttribute('data-on')).toBe('kompakte kort');
    expect(await height()).toBeLessThan(full - 20);
    // Back to full cards for the tests below.
    await page.getByTestId('view-options').click();
    await compact.click();
    await page.keyboard.press('Escape');
    await expect.poll(height).toBe(full);
  });

  it('scrolls as a page at 200% zoom, in a low window, on a phone, and with rows grouped', async () => {
    const page = kari.page;
    // 200% zoom on a 1366x768 laptop; a laptop's window at 125% zoom (32.5rem high).
    for (const size of [
      { width: 683, height: 384 },
      { width: 1093, height: 520 },
    ]) {
      await page.setViewportSize(size);
      await openBoard(page, t.server, 'fa-1');
      expect((await overflow(page)).below, `${size.width}x${size.height}`).toBeGreaterThan(
        size.height,
      );
    }

    await page.setViewportSize({ width: 390, height: 844 });
    await openBoard(page, t.server, 'fa-1');
    const list = column(page, 'Idé').getByTestId('column-list');
    expect((await overflow(page)).below).toBeGreaterThan(844);
    expect(await list.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);

    for (const size of [roomy, laptop]) {
      await page.setViewportSize(size);
      await page.getByLabel('Grupper rader etter').selectOption('party');
      await page.getByTestId('swimlane').first().waitFor();
      expect((await overflow(page)).below).toBeGreaterThan(size.height);
      await page.getByLabel('Grupper rader etter').selectOption('none');
      await expect.poll(async () => (await overflow(page)).below).toBeLessThan(size.height);
    }
  });
});
