// The milestone timeline (milepælsoversikt) and the manager overview, live, in Debian's Chromium
// against the real server (issue 4): a milestone moved or completed on a board by one person
// moves / changes on another person's open timeline at once; so does a meeting (møte) added,
// edited or deleted on the timeline.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { demo, type TavlaServer } from '../support/server.js';
import {
  connected,
  describeInBrowser,
  openBoard,
  seriousViolations,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

// Remote changes are expected on screen within a second; the polls allow twice that.
const live = { timeout: 2_000 };
const PERIOD = { start: '2025-01-01', end: '2026-12-31' };

function day(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

/** Where the timeline puts a date: fraction of the 2025–2026 period. */
function fraction(iso: string): number {
  return (day(iso) - day(PERIOD.start)) / (day(PERIOD.end) + 1 - day(PERIOD.start));
}

async function openTimeline(page: Page, server: TavlaServer): Promise<void> {
  await page.goto(`${server.url}/a/${demo.agreementId}/milepaeler?periode=2025-2026`);
  await page.getByTestId('timeline-milestone').first().waitFor();
  await connected(page);
}

function marker(page: Page, id: string) {
  return page
    .locator(
      `[data-testid="timeline"] [data-testid="timeline-milestone"][data-milestone-id="${id}"]`,
    )
    .first();
}

async function markerX(page: Page, id: string): Promise<number | null> {
  const x = await marker(page, id)
    .getAttribute('data-x', { timeout: 500 })
    .catch(() => null);
  return x === null ? null : Number(x);
}

/** A milestone in the board's milestone dialog, unfolded (its date field visible). */
async function milestoneItem(page: Page, id: string) {
  const item = page.locator(`[data-testid="milestone-item"][data-milestone-id="${id}"]`);
  const date = item.getByTestId('milestone-date-input');
  if (!(await date.isVisible())) await item.locator('summary, u-summary').first().click();
  await date.waitFor();
  return item;
}

describeInBrowser('the milestone timeline follows the boards live', () => {
  const t = useServerAndBrowser();
  const kari = usePerson(t, demo.admin, { board: 'fa-4' });
  const ingrid = usePerson(t, demo.viewer);
  beforeAll(() => openTimeline(ingrid.page, t.server));

  it('moves a milestone on the viewer’s open timeline when its date is changed on a board', async () => {
    // ms-4-1 "Ansvarsfordeling for utfartsområdene avklart", 1 Nov 2026
    expect(await markerX(ingrid.page, 'ms-4-1')).toBeCloseTo(fraction('2026-11-01'), 3);
    await kari.page.getByTestId('milestones-button').click();
    const item = await milestoneItem(kari.page, 'ms-4-1');
    // Typed the Norwegian way, and written on Enter (not while typing).
    const date = item.getByTestId('milestone-date-input');
    await date.fill('15.6.2025');
    await date.press('Enter');
    expect(await date.inputValue()).toBe('15.06.2025');
    await expect
      .poll(() => markerX(ingrid.page, 'ms-4-1'), live)
      .toBeCloseTo(fraction('2025-06-15'), 3);
    // 15 June 2025 is still before today and the milestone is not done: late.
    expect(await marker(ingrid.page, 'ms-4-1').getAttribute('data-state')).toBe('late');
  });

  it('changes a milestone’s state on the timeline when it is completed and reopened', async () => {
    const item = await milestoneItem(kari.page, 'ms-4-1');
    await item.getByTestId('milestone-complete').click();
    await expect
      .poll(() => marker(ingrid.page, 'ms-4-1').getAttribute('data-state'), live)
      .toBe('done');
    await expect.poll(() => marker(ingrid.page, 'ms-4-1').textContent(), live).toMatch(/Nådd/);
    await item.getByTestId('milestone-reopen').click();
    await expect
      .poll(() => marker(ingrid.page, 'ms-4-1').getAttribute('data-state'), live)
      .toBe('late');
  });

  it('creates a milestone on the board that appears on the timeline', async () => {
    await kari.page.getByTestId('milestone-new-title').fill('Utfartsplan vedtatt');
    // A pasted ISO date is taken too (written when the button takes the focus).
    await kari.page.getByTestId('milestone-new-date').fill('2026-03-10');
    await kari.page.getByRole('button', { name: 'Legg til milepæl' }).click();
    const lane = ingrid.page.locator(
      '[data-testid="timeline"] [data-testid="timeline-lane"][data-focus-area-id="fa-4"]',
    );
    await expect.poll(() => lane.getByText('Utfartsplan vedtatt').count(), live).toBe(1);
    const created = lane
      .locator('[data-testid="timeline-milestone"]')
      .filter({ hasText: 'Utfartsplan vedtatt' });
    expect(Number(await created.getAttribute('data-x'))).toBeCloseTo(fraction('2026-03-10'), 3);
    await kari.page.keyboard.press('Escape');
  });

  it('gives the viewer the same timeline, with measures that open on the board', async () => {
    const page = ingrid.page;
    expect(await page.getByTestId('read-only-notice').count()).toBe(0); // nothing to edit here
    await marker(page, 'ms-1-mid').click();
    const details = page.getByTestId('milestone-details');
    await details.waitFor();
    const first = details.getByTestId('milestone-measure-link').first();
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^\/a\/tromsvekstavtalen\/fa\/fa-1\?m=m-1-/);
    await first.click();
    await page.getByTestId('measure-panel').waitFor();
    expect(new URL(page.url()).search).toBe(href!.slice(href!.indexOf('?')));
    await page.keyboard.press('Escape');
    await openTimeline(page, t.server);
  });

  it('shows a meeting added by one person on another’s open timeline, and its edits', async () => {
    const page = kari.page;
    await openTimeline(page, t.server);
    const meeting = (p: Page) =>
      p
        .locator('[data-testid="timeline"] [data-testid="event-meeting"]')
        .filter({ hasText: 'Ekstraordinært politisk møte' });
    // The seeded meetings come from the document: political and administrative, in words too.
    await expect
      .poll(
        () =>
          ingrid.page
            .locator('[data-testid="timeline"] [data-meeting-id="mt-pol-2026-1"]')
            .textContent(),
        live,
      )
      .toMatch(/Politisk møte: Politisk møte vår 2026/);
    expect(await ingrid.page.getByTestId('meeting-add').count()).toBe(0); // a viewer adds none
    await page.getByTestId('meeting-add').click();
    const dialog = page.getByTestId('meeting-dialog');
    await dialog.waitFor();
    await dialog.evaluate((el) =>
      Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByTestId('meeting-date').fill('19.03.2026');
    await dialog.getByTestId('meeting-title').fill('Ekstraordinært politisk møte');
    await dialog.getByTestId('meeting-note').fill('Innkalt av IPR');
    await dialog.getByTestId('meeting-save').click();
    await expect.poll(() => meeting(ingrid.page).count(), live).toBe(1);
    expect(await meeting(ingrid.page).getAttribute('data-meeting-kind')).toBe('political');
    expect(await meeting(ingrid.page).textContent()).toMatch(/19\. mars 2026/);
    // Made administrative, then deleted, by Kari: Ingrid's timeline follows.
    await meeting(page).getByTestId('meeting-open').click();
    await dialog.getByTestId('meeting-kind').selectOption('administrative');
    await dialog.getByTestId('meeting-save').click();
    await expect
      .poll(() => meeting(ingrid.page).getAttribute('data-meeting-kind'), live)
      .toBe('administrative');
    await meeting(page).getByTestId('meeting-open').click();
    await dialog.getByTestId('meeting-delete').click();
    await dialog.getByTestId('meeting-delete-confirm').click();
    await expect.poll(() => meeting(ingrid.page).count(), live).toBe(0);
  });

  it('zooms from the whole period to a quarter and back', async () => {
    const page = ingrid.page;
    const canvasZoom = () =>
      page.locator('[data-testid="timeline"] > div').first().getAttribute('data-zoom');
    await page.getByTestId('zoom-in').click();
    await expect.poll(canvasZoom, live).toBe('2');
    await page.getByTestId('timeline').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect.poll(canvasZoom, live).toBe('8');
    expect(await page.getByTestId('zoom-level').textContent()).toBe('Viser 3 måneder');
    await page.keyboard.press('0');
    await expect.poll(canvasZoom, live).toBe('1');
  });

  it('updates the manager overview from the read model after board edits', async () => {
    const page = ingrid.page;
    await page.goto(`${t.server.url}/a/${demo.agreementId}/oversikt`);
    const area = page.locator('[data-testid="overview-focus-area"][data-focus-area-id="fa-1"]');
    await area.waitFor();
    const next90 = () =>
      area.getByRole('link', { name: /tiltak knyttet til Midtveisevaluering 2026/ }).count();
    // Kari dates fa-1's mid-term milestone a month from now (whatever day the test runs) ...
    await openBoard(kari.page, t.server, 'fa-1');
    await kari.page.getByTestId('milestones-button').click();
    const item = await milestoneItem(kari.page, 'ms-1-mid');
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const date = item.getByTestId('milestone-date-input');
    await date.fill(inAMonth.split('-').reverse().join('.')); // dd.mm.åååå
    await date.press('Enter');
    await expect.poll(next90, { timeout: 8_000 }).toBe(1);
    // ... and completes it: it leaves "next 90 days" on the manager's open overview.
    await item.getByTestId('milestone-complete').click();
    await expect.poll(next90, { timeout: 8_000 }).toBe(0);
    // Every number is a link to a filtered board.
    const late = area.getByRole('link', { name: /^Forsinket \d+ tiltak – Innsatsområde 1/ });
    expect(await late.getAttribute('href')).toBe('/a/tromsvekstavtalen/fa/fa-1?forsinket=1');
  });

  it('has no serious or critical axe violations on the timeline and the overview', async () => {
    const page = ingrid.page;
    await openTimeline(page, t.server);
    await page.getByTestId('lane-toggle').first().click();
    expect(await seriousViolations(page)).toEqual([]);
    await marker(page, 'ms-1-1').click();
    const details = page.getByTestId('milestone-details');
    await details.waitFor();
    // Measure colours once the dialog has finished sliding in (not half transparent).
    await details.evaluate((el) =>
      Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.goto(`${t.server.url}/a/${demo.agreementId}/oversikt`);
    await page.getByTestId('overview-focus-area').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('takes screenshots of the timeline and the overview at laptop and projector sizes', async () => {
    const page = ingrid.page;
    for (const [w, h] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await openTimeline(page, t.server);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/tavla-timeline-${w}x${h}.png` });
      await page.goto(`${t.server.url}/a/${demo.agreementId}/oversikt`);
      await page.getByTestId('overview-focus-area').first().waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/tavla-overview-${w}x${h}.png` });
    }
    expect(kari.errors).toEqual([]);
    expect(ingrid.errors).toEqual([]);
  });
});
