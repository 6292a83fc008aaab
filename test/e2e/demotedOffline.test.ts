// Ola (editor) goes offline, makes a card, and an admin makes him a viewer meanwhile. Back
// online, the server drops his edit ([A3] in docs/server-rules.md). Before, his page then said
// "Tilkoblet" with nothing waiting while nobody else ever got the card; now it says the edit
// was not stored, keeps it, and sends it when he may edit again.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  card,
  columnOf,
  createMeasure,
  describeInBrowser,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

/** An admin's page changes a member's role over REST, as the members page does. */
async function setRole(admin: Page, email: string, role: 'editor' | 'viewer'): Promise<void> {
  const status = await admin.evaluate(
    async ({ email, role }) => {
      const res = await fetch('/api/agreements/tromsvekstavtalen/members');
      const body = (await res.json()) as
        | { userId: string; email?: string }[]
        | { members: { userId: string; email?: string }[] };
      const members = Array.isArray(body) ? body : body.members;
      const member = members.find((m) => m.email === email);
      if (!member) return 0;
      const patch = await fetch(`/api/agreements/tromsvekstavtalen/members/${member.userId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role }),
      });
      return patch.status;
    },
    { email, role },
  );
  expect(status).toBe(200);
}

describeInBrowser('demoted to viewer while offline with unsent edits', () => {
  const t = useServerAndBrowser();
  const kari = usePerson(t, demo.admin, { board: 'fa-1' });
  const ola = usePerson(t, demo.editor, { board: 'fa-1' });

  it('says the edits were not stored, keeps them, and sends them when he may edit again', async () => {
    const status = ola.page.getByTestId('connection-status');
    await createMeasure(ola.page, 'Idé', 'Mens Ola var redaktør');
    await expect.poll(() => columnOf(kari.page, 'Mens Ola var redaktør')).toBe('Idé');

    await ola.context.setOffline(true);
    await createMeasure(ola.page, 'Idé', 'Laget før nedgradering');
    await expect.poll(() => status.textContent()).toMatch(/1 endring venter/);
    await setRole(kari.page, demo.editor, 'viewer');
    await ola.context.setOffline(false);

    // He is told, on the page and in the header; the count of waiting edits stays.
    const notice = ola.page.getByTestId('refused-edits-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain(
      'Endringene du gjorde mens du var frakoblet, ble ikke lagret',
    );
    await expect.poll(() => status.getAttribute('data-unsynced')).toBe('1');
    expect(await status.getAttribute('data-status')).toBe('connected');
    expect(await status.textContent()).toMatch(/1 endring ble ikke lagret/);
    // And it stays so (no later "all saved").
    await ola.page.waitForTimeout(1000);
    expect(await status.getAttribute('data-unsynced')).toBe('1');
    expect(await notice.isVisible()).toBe(true);
    // The card is still his, and nobody else has it.
    expect(await columnOf(ola.page, 'Laget før nedgradering')).toBe('Idé');
    expect(await columnOf(kari.page, 'Laget før nedgradering')).toBeNull();

    // Editor again: the edit is sent, the notice goes, and Kari gets the card.
    await setRole(kari.page, demo.editor, 'editor');
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => status.getAttribute('data-unsynced')).toBe('0');
    expect(await status.textContent()).toMatch(/^.?\s*Tilkobling:\s*Tilkoblet$/);
    await expect
      .poll(() => columnOf(kari.page, 'Laget før nedgradering'), { timeout: 10_000 })
      .toBe('Idé');
    await card(ola.page, 'Laget før nedgradering').waitFor();
    expect(ola.errors).toEqual([]);
    expect(kari.errors).toEqual([]);
  });
});
