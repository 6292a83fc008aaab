// A train ride, played: three devices (Kari on a laptop and a tablet, Ola on his laptop) create,
// move and type on one board while their networks come and go, pages are reloaded with no
// network, and the server is restarted or killed. Every step is drawn from a seeded PRNG
// (CHAOS_SEED=n replays another ride, CHAOS_STEPS=n makes it longer). At the end, with everyone
// back online: every measure anyone created is on every device and on the server exactly once;
// every device shows every card in the same column, and a card moved by one device only is
// where it was put last; every word typed into a description (also at once, and offline) is
// there, the same on every device and the server; nothing waits; no page reported an error
// ("never lose an edit", issue 3).
import { seededRandom } from '@tavla/domain';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  appCachedForOffline,
  card,
  closePanel,
  columnOf,
  connected,
  createMeasure,
  describeInBrowser,
  openBoard,
  type Person,
  signIn,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

const COLUMNS = ['Idé', 'Planlagt', 'Pågår', 'Ferdig'];
const SEED = Number(process.env.CHAOS_SEED ?? 20261127);
const STEPS = Number(process.env.CHAOS_STEPS ?? 28);

interface Device {
  name: string;
  person: Person;
  offline: boolean;
}

/** Moves a card with its panel's column select (drags are tested in board.test.ts). */
async function moveWithPanel(page: Page, title: string, to: string): Promise<void> {
  await card(page, title).getByTestId('measure-open').click();
  const panel = page.getByTestId('measure-panel');
  await panel.waitFor();
  await panel.getByLabel('Kolonne', { exact: true }).selectOption({ label: to });
  await closePanel(page);
}

/** Opens a card's panel and returns its description as the text field holds it. */
async function descriptionOf(page: Page, title: string): Promise<string> {
  await card(page, title).getByTestId('measure-open').click();
  const field = page.getByTestId('measure-panel').getByTestId('measure-description-input');
  await field.waitFor();
  const text = await field.inputValue();
  await closePanel(page);
  return text;
}

/** Types `words` at the end of a card's description, key by key, as a person would. */
async function typeInDescription(page: Page, title: string, words: string): Promise<void> {
  await card(page, title).getByTestId('measure-open').click();
  const field = page.getByTestId('measure-panel').getByTestId('measure-description-input');
  await field.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(words, { delay: 15 });
  await closePanel(page);
}

/** The ride's cards that this device shows, with their column. */
async function cardsOn(page: Page, titles: Iterable<string>): Promise<[string, string][]> {
  const here: [string, string][] = [];
  for (const title of titles) {
    const col = await columnOf(page, title);
    if (col && COLUMNS.includes(col)) here.push([title, col]);
  }
  return here;
}

/** The board is shown (from the server or, offline, from the browser's own copy). */
async function boardShown(page: Page): Promise<void> {
  await page.getByTestId('column').first().waitFor({ timeout: 15_000 });
  await closePanel(page);
}

describeInBrowser(
  'a train ride: edits through dropped networks, offline reloads and restarts',
  () => {
    const t = useServerAndBrowser();
    const people: [string, Person][] = [
      ['Kari (laptop)', usePerson(t, demo.admin, { board: 'fa-1' })],
      ['Ola', usePerson(t, demo.editor, { board: 'fa-1' })],
      ['Kari (nettbrett)', usePerson(t, demo.admin, { board: 'fa-1' })],
    ];

    it(`loses no edit and converges (seed ${SEED}, ${STEPS} steps)`, async () => {
      const devices: Device[] = people.map(([name, person]) => ({ name, person, offline: false }));
      for (const d of devices) await appCachedForOffline(d.person.page);
      const rnd = seededRandom(SEED);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

      /** Title → where it should end up if only one device ever placed it. */
      const placedAt = new Map<string, string>();
      const placedBy = new Map<string, Set<string>>();
      const place = (title: string, col: string, d: Device) => {
        placedAt.set(title, col);
        placedBy.set(title, (placedBy.get(title) ?? new Set()).add(d.name));
      };
      /** Title → the words typed into its description, by any device. */
      const typed = new Map<string, string[]>();
      const ride: string[] = [];
      let restarts = 0;

      try {
        for (let step = 0; step < STEPS; step++) {
          const d = pick(devices);
          const page = d.person.page;
          const where = d.offline ? ' (offline)' : '';
          const r = rnd();
          if (r < 0.35) {
            const title = `Tog ${SEED}-${step}`;
            const col = pick(COLUMNS);
            ride.push(`${step}: ${d.name} creates "${title}" in ${col}${where}`);
            await createMeasure(page, col, title);
            place(title, col, d);
          } else if (r < 0.47) {
            const here = await cardsOn(page, placedAt.keys());
            if (here.length === 0) continue;
            const [title] = pick(here);
            const word = `ord${step}`;
            ride.push(`${step}: ${d.name} types "${word}" in "${title}"${where}`);
            await typeInDescription(page, title, ` ${word}`);
            typed.set(title, [...(typed.get(title) ?? []), word]);
          } else if (r < 0.65) {
            const here = await cardsOn(page, placedAt.keys());
            if (here.length === 0) continue;
            const [title, from] = pick(here);
            const to = pick(COLUMNS.filter((c) => c !== from));
            ride.push(`${step}: ${d.name} moves "${title}" ${from} → ${to}${where}`);
            await moveWithPanel(page, title, to);
            await expect.poll(() => columnOf(page, title), { timeout: 5_000 }).toBe(to);
            place(title, to, d);
          } else if (r < 0.82) {
            d.offline = !d.offline;
            ride.push(`${step}: ${d.name} goes ${d.offline ? 'offline' : 'online'}`);
            await d.person.context.setOffline(d.offline);
          } else if (r < 0.94 || restarts >= 2) {
            ride.push(`${step}: ${d.name} reloads the board${d.offline ? ' with no network' : ''}`);
            await page.reload();
            await boardShown(page);
          } else {
            restarts++;
            // A deploy (SIGTERM: stores and exits) or a crash (SIGKILL: what was committed stays).
            const signal = rnd() < 0.5 ? 'SIGTERM' : 'SIGKILL';
            ride.push(`${step}: the server stops (${signal}) and starts again`);
            await t.server.stop(signal);
            await t.restartServer();
          }
        }

        ride.push('end: everyone online');
        for (const d of devices) await d.person.context.setOffline(false);
        for (const d of devices) await connected(d.person.page);

        // Every device agrees on every card, which is there once; one placer: where it was put.
        for (const [title, col] of placedAt) {
          const expected = placedBy.get(title)?.size === 1 ? col : undefined;
          await expect
            .poll(
              async () => {
                const seen = await Promise.all(devices.map((d) => columnOf(d.person.page, title)));
                const same = seen.every((c) => c === seen[0]) && COLUMNS.includes(seen[0] ?? '');
                return same && (expected === undefined || seen[0] === expected)
                  ? 'ok'
                  : `${title}: ${seen.join(' / ')}${expected ? ` (expected ${expected})` : ''}`;
              },
              { timeout: 15_000 },
            )
            .toBe('ok');
        }
        // Every word typed anywhere is in the description, whole, the same on every device.
        for (const [title, words] of typed) {
          const texts: string[] = [];
          for (const d of devices) texts.push(await descriptionOf(d.person.page, title));
          expect(new Set(texts).size, `${title}: ${texts.join(' / ')}`).toBe(1);
          for (const word of words) expect(texts[0]?.split(' '), title).toContain(word);
        }
        for (const d of devices) {
          const status = d.person.page.getByTestId('connection-status');
          await expect.poll(() => status.getAttribute('data-unsynced')).toBe('0');
          expect(d.person.errors, d.name).toEqual([]);
        }

        // And on the server: a fresh device signing in finds every one of them, once.
        const fresh = await signIn(t.browser, t.server, demo.editor);
        await openBoard(fresh.page, t.server);
        const first = devices[0]!.person.page;
        for (const [title] of placedAt)
          expect(`${title}: ${await columnOf(fresh.page, title)}`).toBe(
            `${title}: ${await columnOf(first, title)}`,
          );
        for (const [title] of typed)
          expect(await descriptionOf(fresh.page, title)).toBe(await descriptionOf(first, title));
        expect(fresh.errors).toEqual([]);
        await fresh.context.close();
      } catch (err) {
        // The ride so far, to replay it with CHAOS_SEED; CHAOS_SHOTS=<dir> keeps how it looked.
        (err as Error).message += `\n\nThe ride (CHAOS_SEED=${SEED}):\n${ride.join('\n')}`;
        const shots = process.env.CHAOS_SHOTS;
        for (const [i, d] of shots ? devices.entries() : []) {
          await d.person.page
            .screenshot({ path: `${shots}/ride-${SEED}-${i}.png` })
            .catch(() => {});
          console.log(`${d.name}: ${d.person.page.url()}`);
        }
        throw err;
      }
      if (process.env.CHAOS_VERBOSE) console.log(ride.join('\n'));
      expect(placedAt.size).toBeGreaterThan(3);
    });
  },
);
