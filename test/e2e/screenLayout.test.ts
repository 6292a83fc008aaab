// Layout defects found in a screenshot review (the header taking a fifth of a phone, tables and
// the timeline squeezed on it, the board's edge), measured so that they stay fixed.
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import { describeInBrowser, openBoard, signIn, useServerAndBrowser } from './helpers.js';

const phone = { width: 390, height: 844 };

describeInBrowser('screen layout', () => {
  const t = useServerAndBrowser();

  it('keeps the header to one row on a phone, with the account items behind "Meny"', async () => {
    const { page, context } = await signIn(t.browser, t.server, demo.admin);
    await page.setViewportSize(phone);
    await openBoard(page, t.server);
    const header = page.locator('header').first();
    // Three rows (language, Min konto, name, Logg ut) took about 165 px of the 844.
    expect((await header.boundingBox())?.height).toBeLessThanOrEqual(72);
    const logout = page.getByRole('button', { name: 'Logg ut' });
    await expect.poll(() => logout.isVisible()).toBe(false);

    const menu = page.getByRole('button', { name: 'Meny' });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const items = [
      logout,
      page.getByTestId('account-link'),
      page.getByRole('combobox', { name: 'Språk' }),
    ];
    for (const item of items) {
      const box = await item.boundingBox();
      expect(box?.height, String(item)).toBeGreaterThanOrEqual(44);
      expect((box?.x ?? -1) + (box?.width ?? 0)).toBeLessThanOrEqual(phone.width);
    }
    await expect.poll(() => page.getByTestId('current-user').isVisible()).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => logout.isVisible()).toBe(false);
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);
    await context.close();
  });

  it('shows the account items in the header row on a laptop, without "Meny"', async () => {
    const { page, context } = await signIn(t.browser, t.server, demo.admin);
    expect(await page.getByRole('button', { name: 'Logg ut' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Meny' }).isVisible()).toBe(false);
    await context.close();
  });

  it('breaks no focus area name in the middle of a word on the timeline on a phone', async () => {
    const { page, context } = await signIn(t.browser, t.server, demo.admin);
    await page.setViewportSize(phone);
    await page.goto(`${t.server.url}/a/${demo.agreementId}/milepaeler`);
    await page.getByTestId('timeline-lane').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    // A word laid out on two lines has two client rects ("Befolkningsu|tvikling" in a 9.5rem
    // label column); the names may wrap between words.
    const broken = await page.evaluate(() => {
      const out: string[] = [];
      for (const heading of document.querySelectorAll('[data-testid="timeline-lane"] h2')) {
        const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const m of text.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (lines.size > 1) out.push(m[0]);
          }
        }
      }
      return out;
    });
    expect(broken).toEqual([]);
    // The period gets the width of the chart, not what a label column leaves of it.
    const track = await page
      .locator('[data-testid="timeline-lane"] [data-main] > ul')
      .first()
      .boundingBox();
    const chart = await page.getByTestId('timeline').boundingBox();
    expect(track?.width).toBeGreaterThan((chart?.width ?? 0) * 0.9);
    // Labels near the end of the period fit in it (narrowed), instead of running past its end.
    expect(
      await page.getByTestId('timeline').evaluate((el) => el.scrollWidth - el.clientWidth),
    ).toBeLessThanOrEqual(1);
    await context.close();
  });

  it('shows every member’s role picker and "Fjern" on a phone, without a sideways scroll', async () => {
    const { page, context } = await signIn(t.browser, t.server, demo.admin);
    await page.setViewportSize(phone);
    await page.goto(`${t.server.url}/a/${demo.agreementId}/medlemmer`);
    const rows = page.getByTestId('member-row');
    await rows.first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    const controls = rows.locator('select, button');
    expect(await controls.count()).toBeGreaterThan(3);
    for (const control of await controls.all()) {
      const box = await control.boundingBox();
      // In view, not behind the table's own sideways scroll.
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(phone.width);
    }
    const table = page.getByTestId('members-table');
    const scroller = table.locator('xpath=..');
    expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    // Each value says which column it is in.
    expect(await rows.first().locator('td').first().getAttribute('data-label')).toBe('Navn');
    await context.close();
  });

  it('shows each objective’s latest status updates in view on a phone, on the manager overview', async () => {
    const { page, context } = await signIn(t.browser, t.server, demo.admin);
    await page.setViewportSize(phone);
    await page.goto(`${t.server.url}/a/${demo.agreementId}/oversikt`);
    const rows = page.getByTestId('overview-objective');
    await rows.first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    for (const row of (await rows.all()).slice(0, 3)) {
      const updates = await row.locator('td').last().boundingBox();
      expect((updates?.x ?? 0) + (updates?.width ?? 0)).toBeLessThanOrEqual(phone.width);
      expect(updates?.x).toBeGreaterThanOrEqual(0);
    }
    const scrolls = await page.locator('table:has([data-testid="overview-objective"])').evaluateAll(
      (tables) =>
        tables.filter((el) => {
          const box = el.parentElement as HTMLElement;
          return box.scrollWidth > box.clientWidth + 1;
        }).length,
    );
    expect(scrolls).toBe(0);
    await context.close();
  });

  it('keeps the board’s padding around the new column’s form when it scrolls into view', async () => {
    const { page, context } = await signIn(t.browser, t.server, demo.admin);
    await openBoard(page, t.server);
    await page.getByTestId('add-column').getByRole('button', { name: 'Legg til kolonne' }).click();
    const field = page.getByTestId('add-column').getByRole('textbox');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    const board = await page.getByTestId('add-column').evaluate((el) => {
      let box = el.parentElement;
      while (box && getComputedStyle(box).overflowX !== 'auto') box = box.parentElement;
      return box?.getBoundingClientRect().right ?? 0;
    });
    // The focus ring (3 px and 2 px offset) shows, and the board's padding after it: it ended
    // flush with the window's edge.
    const right = await field.evaluate((el) => el.getBoundingClientRect().right);
    expect(board - right).toBeGreaterThanOrEqual(12);
    // Scrolled to its end, the board shows its padding after the form too.
    await page.getByTestId('add-column').evaluate((el) => {
      let box = el.parentElement;
      while (box && getComputedStyle(box).overflowX !== 'auto') box = box.parentElement;
      if (box) box.scrollLeft = box.scrollWidth;
    });
    const form = await page
      .getByTestId('add-column')
      .evaluate((el) => el.getBoundingClientRect().right);
    expect(board - form).toBeGreaterThanOrEqual(12);
    await context.close();
  });
});
