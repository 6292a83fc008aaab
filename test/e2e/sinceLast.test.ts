// "Siden sist du var her" on the agreement's front page, with a real server and browser: Kari
// visits and leaves; Ola, and Kari herself on her phone, change measures; back on her laptop,
// Kari sees Ola's change by name, and not her own.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  createMeasure,
  describeInBrowser,
  logIn,
  newPerson,
  openBoard,
  seriousViolations,
  signIn,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

/** Waits until the agreement's activity log has the creation of `title` (it is written after the change is stored). */
async function inActivityLog(page: Page, title: string): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async (t) => {
          const res = await fetch('/api/agreements/tromsvekstavtalen/activity?limit=50');
          const body = (await res.json()) as {
            events: { kind: string; summary: { title?: string } }[];
          };
          return body.events.some((e) => e.kind === 'measure.created' && e.summary.title === t);
        }, title),
      { timeout: 10_000 },
    )
    .toBe(true);
}

describeInBrowser('siden sist du var her', () => {
  const t = useServerAndBrowser();
  const kari = usePerson(t, demo.admin);
  const ola = usePerson(t, demo.editor);

  it('lists what others changed since Kari last left the agreement, and not her own changes', async () => {
    const front = `${t.server.url}/a/${demo.agreementId}`;
    // First visit in this browser: no list yet, only a line saying one will come.
    await kari.page.goto(front);
    await kari.page.getByTestId('since-last-first').waitFor();
    expect(await kari.page.getByTestId('since-last').count()).toBe(0);
    // She leaves the agreement for the list of agreements (in the app, no page load).
    await kari.page.locator('header a[href="/"]').click();
    await kari.page.getByTestId('agreement-link').first().waitFor();

    // Meanwhile Ola adds a measure, and Kari adds one from her phone.
    await openBoard(ola.page, t.server, 'fa-1');
    await createMeasure(ola.page, 'Idé', 'Olas nye tiltak om sjømatnæringen');
    await inActivityLog(ola.page, 'Olas nye tiltak om sjømatnæringen');
    const phone = await signIn(t.browser, t.server, demo.admin);
    await openBoard(phone.page, t.server, 'fa-2');
    await createMeasure(phone.page, 'Idé', 'Karis eget tiltak fra mobilen');
    await inActivityLog(phone.page, 'Karis eget tiltak fra mobilen');
    await phone.context.close();

    // Back on her laptop.
    await kari.page.getByTestId('agreement-link').first().click();
    const section = kari.page.getByRole('region', { name: /^Siden sist du var her \(.+\)$/ });
    await section.waitFor();
    const item = section
      .getByTestId('since-last-item')
      .filter({ has: kari.page.getByRole('link', { name: 'Olas nye tiltak om sjømatnæringen' }) });
    await item.waitFor();
    expect(await item.textContent()).toContain('Ola Hansen opprettet tiltaket');
    expect(await item.textContent()).toContain('Innsatsområde 1');
    expect(await section.getByText('Karis eget tiltak fra mobilen').count()).toBe(0);
    expect(await seriousViolations(kari.page)).toEqual([]);

    // The title opens the measure on its board.
    await item.getByRole('link', { name: 'Olas nye tiltak om sjømatnæringen' }).click();
    await kari.page.waitForURL(/\/a\/tromsvekstavtalen\/fa\/fa-1\?m=/);
    await kari.page.getByTestId('measure-panel').waitFor();
    expect(kari.errors).toEqual([]);
    expect(ola.errors).toEqual([]);
  });

  it('counts by the server’s clock when the laptop’s clock is 10 minutes ahead', async () => {
    const front = `${t.server.url}/a/${demo.agreementId}`;
    // Kari's other laptop, whose clock is 10 minutes fast. Playwright cannot set the
    // OS clock per context; the page's Date is shifted instead, before any of Tavla runs.
    const laptop = await newPerson(t.browser);
    await laptop.context.addInitScript((ahead: number) => {
      const RealDate = Date;
      class FastDate extends RealDate {
        constructor(...args: []) {
          if (args.length === 0) super(RealDate.now() + ahead);
          else super(...(args as []));
        }
        static override now() {
          return RealDate.now() + ahead;
        }
      }
      globalThis.Date = FastDate as DateConstructor;
    }, 10 * 60_000);
    await laptop.page.goto(`${t.server.url}/`);
    await logIn(laptop.page, demo.admin);
    expect(await laptop.page.evaluate(() => Date.now() - performance.timeOrigin)).toBeGreaterThan(
      9 * 60_000,
    );
    await laptop.page.goto(front);
    await laptop.page.getByTestId('since-last-first').waitFor();
    await laptop.page.locator('header a[href="/"]').click();
    await laptop.page.getByTestId('agreement-link').first().waitFor();

    // Ola adds a measure after she left: by her laptop's clock, 10 minutes before she left.
    await createMeasure(ola.page, 'Idé', 'Olas tiltak mens klokka gikk for fort');
    await inActivityLog(ola.page, 'Olas tiltak mens klokka gikk for fort');

    await laptop.page.getByTestId('agreement-link').first().click();
    const section = laptop.page.getByRole('region', { name: /^Siden sist du var her \(.+\)$/ });
    await section.waitFor();
    const item = section.getByTestId('since-last-item').filter({
      has: laptop.page.getByRole('link', { name: 'Olas tiltak mens klokka gikk for fort' }),
    });
    await item.waitFor();
    // Made seconds ago: not "for 10 minutter siden".
    expect(await item.locator('time').textContent()).not.toMatch(/minutt/);
    expect(laptop.errors).toEqual([]);
    await laptop.context.close();
  });
});
