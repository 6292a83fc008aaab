// The events row of the milestone timeline, as drawn: a meeting whose title is cut with an
// ellipsis keeps its date right after the "…" ("Administrativt samarbeids…, 10. sep. 2025"),
// on screen at laptop and projector sizes and in the printed copy. The title's box kept the
// width the flex layout gave it, and the browser draws the ellipsis after the last character
// that fits whole, so up to a character's width was left empty before ", 10. sep. 2025".
// Measured from the pixels drawn, not from the layout the fix itself computes.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { demo } from '../support/server.js';
import { connected, describeInBrowser, usePerson, useServerAndBrowser } from './helpers.js';

interface CutTitle {
  title: string;
  /** The title's box and the date's start, in page px. */
  x: number;
  y: number;
  width: number;
  height: number;
  dateLeft: number;
}

/** The meetings of the visible events rows whose titles the browser cut with an ellipsis. */
function cutTitles(page: Page): Promise<CutTitle[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="event-meeting"]')].flatMap((li) => {
      // The title is the text just before ", <date>".
      const title = [...li.querySelectorAll<HTMLElement>('span')].find((el) =>
        el.nextElementSibling?.textContent?.startsWith(', '),
      );
      const date = title?.nextElementSibling;
      if (!title || !date || title.clientWidth === 0) return [];
      if (title.scrollWidth <= title.clientWidth) return [];
      const r = title.getBoundingClientRect();
      return [
        {
          title: title.textContent ?? '',
          x: r.x + window.scrollX,
          y: r.y + window.scrollY,
          width: r.width,
          height: r.height,
          dateLeft: date.getBoundingClientRect().x + window.scrollX,
        },
      ];
    }),
  );
}

/**
 * How far left of its box's right edge the last dark pixel of a title is drawn (the end of
 * the "…"), in px: the empty space the date would follow.
 */
async function emptyAfterText(page: Page, t: CutTitle): Promise<number> {
  const x = Math.floor(t.x);
  const right = t.x + t.width;
  const png = await page.screenshot({
    fullPage: true,
    clip: { x, y: Math.floor(t.y), width: Math.ceil(right) - x, height: Math.ceil(t.height) },
  });
  const lastInk = await page.evaluate(
    async (bytes) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const g = canvas.getContext('2d')!;
      g.drawImage(bitmap, 0, 0);
      const { data, width, height } = g.getImageData(0, 0, bitmap.width, bitmap.height);
      let last = -1;
      for (let col = 0; col < width; col++)
        for (let row = 0; row < height; row++) {
          const i = (row * width + col) * 4;
          // The text is near black; the grid lines behind the row are light grey.
          if (0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]! < 110) last = col;
        }
      return last;
    },
    [...png],
  );
  expect(lastInk).toBeGreaterThan(0);
  return right - (x + lastInk + 1);
}

/**
 * Every cut meeting title in the visible events rows is followed at once by its date, with
 * at most a pixel or two of its box left empty after the "…". Polled: a change of media is
 * laid out, and the titles fitted to it, in the page's next frame.
 */
async function expectSnug(page: Page, where: string): Promise<void> {
  const worst = async () => {
    const cut = await cutTitles(page);
    // The demo's "Administrativt samarbeidsmøte" is cut at every size: the test must see some.
    if (cut.length === 0) return Number.POSITIVE_INFINITY;
    let empty = 0;
    for (const t of cut) {
      expect(t.title).toBe('Administrativt samarbeidsmøte'); // the full title stays in the text
      expect(Math.abs(t.dateLeft - (t.x + t.width)), where).toBeLessThan(1);
      empty = Math.max(empty, await emptyAfterText(page, t));
    }
    return empty;
  };
  await expect.poll(worst, { message: where }).toBeLessThanOrEqual(2.5);
}

/** Pairs of labels in the visible events rows whose boxes overlap. */
function overlappingEvents(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const row of document.querySelectorAll('ul[aria-label]')) {
      const boxes = [...row.querySelectorAll(':scope > li')]
        .map((li) => ({ text: li.textContent ?? '', r: li.getBoundingClientRect() }))
        .filter((b) => b.r.width > 0);
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1))
          if (
            a.r.left < b.r.right &&
            b.r.left < a.r.right &&
            a.r.top < b.r.bottom &&
            b.r.top < a.r.bottom
          )
            out.push(`${a.text} / ${b.text}`);
    }
    return out;
  });
}

describeInBrowser('the events row of the timeline', () => {
  const t = useServerAndBrowser();
  const ingrid = usePerson(t, demo.viewer);
  beforeAll(async () => {
    await ingrid.page.goto(`${t.server.url}/a/${demo.agreementId}/milepaeler?periode=2025-2026`);
    await ingrid.page.getByTestId('timeline-milestone').first().waitFor();
    await connected(ingrid.page);
    await ingrid.page.evaluate(() => document.fonts.ready);
  });

  it('puts the date of a meeting right after its cut title, at laptop and projector sizes and in print', async () => {
    const page = ingrid.page;
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await expectSnug(page, `${size.width}x${size.height}`);
      expect(await overlappingEvents(page)).toEqual([]);
    }
    await page.emulateMedia({ media: 'print' });
    await expectSnug(page, 'print');
    expect(await overlappingEvents(page)).toEqual([]);
    await page.emulateMedia({ media: 'screen' });
    await expectSnug(page, 'screen again');

    // The whole title is still what the mark is called, and its tooltip.
    const open = page
      .getByTestId('meeting-open')
      .filter({ hasText: '10. sep. 2025' })
      .filter({ hasText: 'Administrativt samarbeidsmøte' });
    expect(await open.count()).toBe(1);
    expect(await open.getAttribute('aria-label')).toBeNull();
    expect(await open.locator('xpath=..').getAttribute('title')).toMatch(
      /^Administrativt møte: Administrativt samarbeidsmøte, 10\. sep\. 2025/,
    );
    expect(ingrid.errors).toEqual([]);
  });
});
