// "Last ned til Excel" in Debian's Chromium against the real server: the file is made in the
// browser from the live document, so a measure another person has just created on their board
// is in it; the viewer can download too; the bytes are what Norwegian Excel needs (UTF-8 with
// BOM, `;`, CRLF).
import { readFileSync } from 'node:fs';
import { MEASURE_HEADER_NB, MILESTONE_HEADER_NB, readCsv } from '@tavla/web/export/testing';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  connected,
  createMeasure,
  describeInBrowser,
  seriousViolations,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

const live = { timeout: 2_000 };

/** Today in this machine's time zone (the browser's too), as YYYY-MM-DD and as dd.mm.åååå. */
function today(): { iso: string; nb: string } {
  const d = new Date();
  const [y, m, day] = [
    String(d.getFullYear()),
    String(d.getMonth() + 1).padStart(2, '0'),
    String(d.getDate()).padStart(2, '0'),
  ];
  return { iso: `${y}-${m}-${day}`, nb: `${day}.${m}.${y}` };
}

/** Activates a button the way a keyboard user does and takes the file it downloads. */
async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).focus();
  await page.keyboard.press('Enter');
  const file = await downloaded;
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** The records of a `;`-separated RFC 4180 file (after its BOM); throws if it does not end with CRLF. */
function records(bytes: Buffer): string[][] {
  // Decoded with its BOM, which readCsv takes off: a second one would stay in the first cell.
  return readCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
}

describeInBrowser('Last ned til Excel', () => {
  const t = useServerAndBrowser();
  const ola = usePerson(t, demo.editor, { board: 'fa-2' });
  const leder = usePerson(t, demo.viewer);
  const kari = usePerson(t, demo.admin);
  beforeAll(async () => {
    await leder.page.goto(`${t.server.url}/a/${demo.agreementId}`);
    await leder.page.getByTestId('export-measures').waitFor();
    await connected(leder.page);
  });

  it('gives the viewer the measures as Excel wants them, with one just created on a board', async () => {
    const title = 'Grønn næringsklynge; forstudie i Tromsø og Storfjord';
    await createMeasure(ola.page, 'Idé', title);
    // The viewer's front page follows the boards live: focus area 2 now has six measures.
    const tile = leder.page.locator('[data-testid="focus-area-tile"][data-focus-area-id="fa-2"]');
    await expect.poll(() => tile.textContent(), live).toContain('6 tiltak');

    const file = await download(leder.page, 'Last ned tiltak');
    const day = today();
    expect(file.name).toBe(`tromsvekstavtalen-tiltak-${day.iso}.csv`);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const text = file.bytes.toString('utf8');
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(MEASURE_HEADER_NB.join(';'));
    expect(text.replaceAll('\r\n', '')).not.toContain('\n'); // no bare line ends (no field has one)

    const rows = records(file.bytes);
    expect(rows[0]).toEqual(MEASURE_HEADER_NB);
    expect(rows).toHaveLength(1 + 19); // the seed's 18 and Ola's
    for (const r of rows) expect(r).toHaveLength(MEASURE_HEADER_NB.length);
    const mine = rows.find((r) => r[3] === title);
    expect(mine).toEqual([
      '2 Behovet for styrket samfunns- og arealplanarbeid, inkludert tilrettelegging for grønne industriområder',
      '', // no delmål
      '',
      title,
      '',
      '',
      '',
      'Idé',
      'På sporet',
      '',
      '',
      'Nei',
      '',
      '',
      '',
      day.nb,
    ]);
    // The title has a `;`: quoted in the file.
    expect(text).toContain(`;"${title}";`);
    const panel = rows.find((r) => r[3] === 'Ungdomspanel for Tromsøregionen');
    expect(panel?.slice(7, 11)).toEqual(['Pågår', 'På sporet', '01.09.2025', '30.06.2026']);
    // The demo's owners are the demo accounts, by name ([S4]).
    expect(panel?.[6]).toBe('Ola Hansen');
    expect(rows.find((r) => r[3]?.startsWith('Videreføring av tiltak'))?.[6]).toBe(
      'Kari Nordmann, Ola Hansen',
    );
    expect(panel?.[12]).toBe('2 av 3');

    await expect
      .poll(() => leder.page.getByRole('status').filter({ hasText: 'Lastet ned' }).textContent())
      .toBe(`Lastet ned tromsvekstavtalen-tiltak-${day.iso}.csv med 19 tiltak.`);
  });

  it('gives the milestones from the manager overview, one row each', async () => {
    const page = kari.page;
    await page.goto(`${t.server.url}/a/${demo.agreementId}/oversikt`);
    await page.getByTestId('overview-focus-area').first().waitFor();
    const file = await download(page, 'Last ned milepæler');
    expect(file.name).toBe(`tromsvekstavtalen-milepaeler-${today().iso}.csv`);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = records(file.bytes);
    expect(rows[0]).toEqual(MILESTONE_HEADER_NB);
    expect(rows).toHaveLength(1 + 12);
    expect(rows).toContainEqual([
      '2 Behovet for styrket samfunns- og arealplanarbeid, inkludert tilrettelegging for grønne industriområder',
      'Regionalt planforum etablert',
      '30.11.2025',
      'Nådd',
      'Ja',
      '1',
      'Regionalt planforum for kommunale planprosesser',
    ]);
  });

  it('works with no network: the file comes from the document the page has', async () => {
    await leder.context.setOffline(true);
    try {
      const file = await download(leder.page, 'Last ned tiltak');
      expect(records(file.bytes)).toHaveLength(1 + 19);
    } finally {
      await leder.context.setOffline(false);
    }
    await connected(leder.page);
  });

  it('is a named group without serious accessibility findings, and is left out of a printout', async () => {
    const page = leder.page;
    const group = page.getByRole('group', { name: 'Last ned til Excel' });
    await expect.poll(() => group.isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    try {
      await expect.poll(() => group.isVisible()).toBe(false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    expect(leder.errors).toEqual([]);
    expect(ola.errors).toEqual([]);
    expect(kari.errors).toEqual([]);
  });
});
