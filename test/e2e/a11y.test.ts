// Universal design: axe-core finds no serious or critical violations on the main pages (issue 3).
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  describeInBrowser,
  newPerson,
  openBoard,
  seriousViolations,
  signIn,
  useServerAndBrowser,
} from './helpers.js';

describeInBrowser('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const t = useServerAndBrowser();

  it('finds no serious or critical violations on the login page', async () => {
    const { context, page } = await newPerson(t.browser);
    await page.goto(`${t.server.url}/`);
    await page.getByLabel('E-postadresse').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('finds no serious or critical violations on the overview and the board', async () => {
    const { page, context } = await signIn(t.browser, t.server, demo.admin);
    await page.goto(`${t.server.url}/a/${demo.agreementId}`);
    await page.getByTestId('focus-area-tile').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await openBoard(page, t.server);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('measure-open').first().click();
    await page.getByTestId('measure-panel').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  // WCAG 1.4.10 (reflow): at 320 CSS px wide (a phone, or 1280 px at 400% zoom) no page scrolls
  // sideways; wide content (the board, tables, the timeline) scrolls inside its own box.
  it('reflows at 320 CSS px: no page is wider than the window', async () => {
    const { page, context } = await signIn(t.browser, t.server, demo.admin);
    await page.setViewportSize({ width: 320, height: 640 });
    const a = `${t.server.url}/a/${demo.agreementId}`;
    const pages: Array<[string, string]> = [
      [`${t.server.url}/`, 'agreement-link'],
      [a, 'focus-area-tile'],
      [`${a}/fa/fa-1`, 'column'],
      [`${a}/milepaeler`, 'timeline-lane'],
      [`${a}/oversikt`, 'overview-focus-area'],
      [`${a}/medlemmer`, 'members-page'],
      [`${a}/aktivitet`, 'activity-page'],
      [`${t.server.url}/konto`, 'account-page'],
    ];
    const wide: string[] = [];
    for (const [url, testId] of pages) {
      await page.goto(url);
      await page.getByTestId(testId).first().waitFor();
      wide.push(...(await widerThanWindow(page)).map((w) => `${url}: ${w}`));
    }
    await page.goto(`${a}/fa/fa-1`);
    await page.getByTestId('measure-open').first().click();
    await page.getByTestId('measure-panel').waitFor();
    wide.push(...(await widerThanWindow(page)).map((w) => `measure panel: ${w}`));
    expect(wide).toEqual([]);
    await context.close();
  });
});

/** The outermost elements that stick out of the window on the right, if the page scrolls sideways. */
async function widerThanWindow(page: Page): Promise<string[]> {
  // Fonts and the live document settle first (a late font changes every width).
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const right = el.getBoundingClientRect().right;
      const parentRight = el.parentElement?.getBoundingClientRect().right ?? 0;
      if (right > root.clientWidth + 1 && parentRight <= root.clientWidth + 1) {
        const text = (el.textContent ?? '').trim().slice(0, 40);
        out.push(
          `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> "${text}"`,
        );
      }
    }
    return out.length > 0 ? out : [`scrollWidth ${root.scrollWidth} > ${root.clientWidth}`];
  });
}
