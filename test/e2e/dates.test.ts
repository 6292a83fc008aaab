// Dates whatever the browser's language, in Debian's Chromium against the real server: a
// county employee on an English PC used to get American dates (mm/dd/yyyy) from the native date
// inputs. The measure panel shows and takes dd.mm.åååå in an en-US browser, writes only complete
// valid dates, and what is typed there reaches another person's board.
import type { Locator, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  card,
  describeInBrowser,
  laptop,
  logIn,
  openBoard,
  type Person,
  seriousViolations,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

// Remote changes are expected on screen within a second; the polls allow twice that.
const live = { timeout: 2_000 };
// m-1-1 of the demo data: start 1 Sep 2025, due 30 Jun 2026.
const TITLE = 'Ungdomspanel for Tromsøregionen';

/** The texts the field's aria-describedby points to, in order (error first, then the format). */
function described(field: Locator): Promise<string[]> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? `(no #${id})`),
  );
}

/** The date line of the measure's card on a board ("Frist 30. juni 2026"). */
function dueLine(page: Page): Promise<string> {
  return card(page, TITLE)
    .getByText(/^(Frist|Forsinket, frist) /)
    .textContent({ timeout: 1_000 })
    .then((text) => text ?? '')
    .catch(() => '(no date line)');
}

describeInBrowser('dates in an English-language browser', () => {
  const t = useServerAndBrowser();
  const ola = usePerson(t, demo.editor, { board: 'fa-1' });
  // Kari's browser speaks American English; Tavla itself is in bokmål (its own choice).
  let kari: Person;
  beforeAll(async () => {
    const context = await t.browser.newContext({
      viewport: laptop,
      locale: 'en-US',
      bypassCSP: true,
    });
    const page = await context.newPage();
    kari = { context, page, errors: [] };
    page.on('pageerror', (e) => kari.errors.push(e.message));
    await page.goto(`${t.server.url}/`);
    await logIn(page, demo.admin);
    await openBoard(page, t.server, 'fa-1');
  });

  const panel = () => kari.page.getByTestId('measure-panel');
  const due = () => panel().getByLabel('Frist', { exact: true });

  /**
   * In the browser's own calendar, open on `from`: the arrow keys move its day (and the value of
   * the hidden date input it belongs to) until it is another, Enter chooses it; the chosen day.
   */
  async function pickAnotherDay(page: Page, from: string): Promise<string> {
    const picker = panel().locator('input[type="date"]').nth(1);
    await expect
      .poll(async () => {
        await page.keyboard.press('ArrowRight');
        return picker.inputValue();
      }, live)
      .not.toBe(from);
    await page.keyboard.press('Enter');
    return picker.inputValue();
  }

  it('shows the measure’s dates as dd.mm.åååå, not the browser’s mm/dd/yyyy', async () => {
    const page = kari.page;
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    // What the old field did here: a native date input shows the browser's format.
    expect(
      await page.evaluate(() => new Intl.DateTimeFormat().format(Date.UTC(2026, 5, 30, 12))),
    ).toBe('6/30/2026');
    await card(page, TITLE).getByTestId('measure-open').click();
    await panel().waitFor();
    expect(await due().getAttribute('type')).toBe('text');
    expect(await due().inputValue()).toBe('30.06.2026');
    expect(await panel().getByLabel('Startdato', { exact: true }).inputValue()).toBe('01.09.2025');
    expect(await panel().getByText('dd.mm.åååå', { exact: true }).count()).toBe(2);
    expect((await described(due()))[0]).toBe(
      'dd.mm.ååååSkriv datoen som dag, måned og år, for eksempel 05.03.2026.',
    );
    expect(await dueLine(ola.page)).toMatch(/rist 30\. juni 2026/);
  });

  it('writes a date typed there when it is complete, and it reaches another person’s board', async () => {
    await due().fill('');
    // Typed key by key: "5.3.20" on the way is a valid date (2020) and must never be written.
    await due().pressSequentially('5.3.2027');
    await kari.page.waitForTimeout(500);
    expect(await dueLine(ola.page)).toMatch(/rist 30\. juni 2026/);
    await due().press('Enter');
    expect(await due().inputValue()).toBe('05.03.2027');
    await expect.poll(() => dueLine(ola.page), live).toMatch(/rist 5\. mars 2027/);
  });

  it('says why a date that does not exist is refused, and never writes it', async () => {
    await due().fill('31.02.2027');
    await due().press('Tab');
    expect(await due().getAttribute('aria-invalid')).toBe('true');
    expect((await described(due()))[0]).toBe('Datoen finnes ikke: februar 2027 har 28 dager.');
    expect(await due().inputValue()).toBe('31.02.2027');
    expect(await seriousViolations(kari.page)).toEqual([]);
    await due().scrollIntoViewIfNeeded();
    await kari.page.screenshot({ path: '/tmp/tavla-dates-panel-error-1366x768.png' });
    await kari.page.waitForTimeout(500);
    expect(await dueLine(ola.page)).toMatch(/rist 5\. mars 2027/);
    // Escape puts back the stored date (and leaves the panel open).
    await due().press('Escape');
    expect(await due().inputValue()).toBe('05.03.2027');
    expect(await due().getAttribute('aria-invalid')).toBeNull();
    expect(await panel().isVisible()).toBe(true);
  });

  it('takes a pasted ISO date', async () => {
    await due().fill('2027-04-01');
    await due().press('Tab');
    expect(await due().inputValue()).toBe('01.04.2027');
    await expect.poll(() => dueLine(ola.page), live).toMatch(/rist 1\. apr\. 2027/);
  });

  it('picks a day in the calendar with the keyboard', async () => {
    const page = kari.page;
    await panel().getByRole('button', { name: 'Velg frist i kalender' }).click();
    // The browser's own calendar, opened on the stored date.
    const chosen = await pickAnotherDay(page, '2027-04-01');
    await expect.poll(() => due().inputValue(), live).toBe(chosen.split('-').reverse().join('.'));
    const day = Number(chosen.slice(8));
    await expect.poll(() => dueLine(ola.page), live).toMatch(`rist ${day}. apr. 2027`);
    await page.screenshot({ path: '/tmp/tavla-dates-panel-1366x768.png' });
  });

  it('writes a date typed and then picked in the calendar once: one Angre goes back', async () => {
    const page = kari.page;
    const before = await due().inputValue();
    const lineBefore = await dueLine(page);
    await due().fill('15.4.2027');
    // A click on the calendar button used to take the focus from the field, which wrote the
    // typed date before the pick wrote its own: two undo steps.
    await panel().getByRole('button', { name: 'Velg frist i kalender' }).click();
    // Someone looks at the calendar a while: longer than the board's undo gathers changes into
    // one step (captureTimeout, 500 ms), so that two writes would be two steps.
    await page.waitForTimeout(700);
    const chosen = await pickAnotherDay(page, '2027-04-15');
    await expect.poll(() => due().inputValue(), live).toBe(chosen.split('-').reverse().join('.'));
    await expect
      .poll(() => dueLine(ola.page), live)
      .toMatch(`rist ${Number(chosen.slice(8))}. apr. 2027`);
    // The board's Angre, behind the panel (a modal dialog): Escape closes it.
    await page.keyboard.press('Escape');
    await panel().waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Angre', exact: true }).click();
    await expect.poll(() => dueLine(page), live).toBe(lineBefore);
    await expect.poll(() => dueLine(ola.page), live).toBe(lineBefore);
    await card(page, TITLE).getByTestId('measure-open').click();
    expect(await due().inputValue()).toBe(before);
  });

  it('keeps a date typed but not yet left when the panel is closed with the browser’s Back', async () => {
    const page = kari.page;
    await due().fill('2.5.2027');
    // Back takes ?m= away: the panel goes while the field still has the focus, with no blur.
    await page.goBack();
    await panel().waitFor({ state: 'detached' });
    await expect.poll(() => dueLine(ola.page), live).toMatch(/rist 2\. mai 2027/);
    await card(page, TITLE).getByTestId('measure-open').click();
    expect(await due().inputValue()).toBe('02.05.2027');
    expect(kari.errors).toEqual([]);
    expect(ola.errors).toEqual([]);
  });
});
