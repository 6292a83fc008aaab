// Ola moves a card on a train and closes the board before the train is out of the tunnel. Next
// time he opens Tavla, on the front page, still offline, the agreement says an edit of his waits;
// once the network is back the edit reaches the others without him opening the board again
// (sync/sendWaiting.ts), and the notice goes. And when his session ended meanwhile, the login
// form counts that edit, and it is sent once he has signed in again.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  appCachedForOffline,
  type BrowserSuite,
  columnOf,
  describeInBrowser,
  dragToColumn,
  expectOnServer,
  logIn,
  type Person,
  signOutEverywhereFromPhone,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

const title = 'Kartlegging av kollektivtilbudet mellom kommunene i regionen';

/**
 * The count of edits waiting that the app keeps beside the agreement's offline copy (IndexedDB
 * `tavla:<user>:<agreement>`, key `tavla:unsent` of y-indexeddb's custom store): once it is
 * there, the tab may close.
 */
function countKept(page: Page): Promise<number | null> {
  return page.evaluate(async (agreementId) => {
    const name = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .find((n) => n.startsWith('tavla:') && n.endsWith(`:${agreementId}`));
    if (!name) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      const get = db.transaction('custom').objectStore('custom').get('tavla:unsent');
      return await new Promise<number | null>((resolve, reject) => {
        get.onsuccess = () => resolve(typeof get.result === 'number' ? get.result : null);
        get.onerror = () => reject(get.error);
      });
    } finally {
      db.close();
    }
  }, demo.agreementId);
}

/**
 * On the board, Ola goes offline, moves the card and closes the tab once the edit is kept in
 * the agreement's offline copy.
 */
async function leaveAnEditInAClosedBoard(ola: Person): Promise<void> {
  const { context, page: board } = ola;
  await appCachedForOffline(board);
  await context.setOffline(true);
  await dragToColumn(board, title, 'Pågår');
  await expect.poll(() => columnOf(board, title)).toBe('Pågår');
  const status = board.getByTestId('connection-status');
  await expect.poll(() => status.getAttribute('data-unsynced')).toBe('1');
  await expect.poll(() => countKept(board)).toBe(1);
  await board.close();
}

/** A new tab of Ola's browser on Tavla's front page; its page errors are collected. */
async function openFrontPage(t: BrowserSuite, ola: Person): Promise<Person> {
  const page = await ola.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${t.server.url}/`);
  return { context: ola.context, page, errors };
}

describeInBrowser('edits left offline in an agreement that is not open', () => {
  const t = useServerAndBrowser();
  const ola = usePerson(t, demo.editor, { board: 'fa-1' });

  it('are shown on the agreements list and sent when the network is back, without the board', async () => {
    await leaveAnEditInAClosedBoard(ola);

    // Later, still with no network (and no server either: the app comes from the service worker,
    // the list and the person from what the browser remembers), he opens Tavla's front page.
    await t.server.stop();
    const { page, errors } = await openFrontPage(t, ola);
    const notice = page.getByTestId('agreement-waiting');
    await notice.waitFor({ timeout: 15_000 });
    // The notice may first show without "when the connection is back": the page learns a moment
    // later that it is offline (seen once in a full run; the text is then followed, not read once).
    await expect
      .poll(() => notice.textContent())
      .toContain('1 endring venter på å bli sendt. Den sendes når forbindelsen er tilbake.');
    // Heard with the agreement's link, not shown by colour alone.
    const link = page.getByRole('link', { name: /Tromsvekstavtalen.*1 endring venter/ });
    expect(await link.count()).toBe(1);

    await t.restartServer();
    await ola.context.setOffline(false);
    // Sent: the others have it, though no board was opened in this browser.
    expect(await expectOnServer(t, title, 'Pågår')).toEqual([]);
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.getByTestId('agreements-waiting-status').textContent()).toMatch(
      /^Endringene dine i Tromsvekstavtalen.* er sendt\.$/,
    );
    // Still the front page: no board (nor any page of the agreement, which sets __tavla) opened.
    expect(new URL(page.url()).pathname).toBe('/');
    expect(
      await page.evaluate(() => (globalThis as { __tavla?: unknown }).__tavla),
    ).toBeUndefined();
    expect(await countKept(page)).toBe(0);
    expect(errors).toEqual([]);
  });
});

describeInBrowser('edits left offline while the session ends elsewhere', () => {
  const t = useServerAndBrowser();
  const ola = usePerson(t, demo.editor, { board: 'fa-1' });

  it('are counted on the login form, and sent after he signs in again, without the board', async () => {
    await leaveAnEditInAClosedBoard(ola);
    await signOutEverywhereFromPhone(t);

    // Still offline, Tavla opens as he left it; back online, the server refuses the session.
    const { page, errors } = await openFrontPage(t, ola);
    await page.getByTestId('agreement-waiting').waitFor({ timeout: 15_000 });
    await ola.context.setOffline(false);
    const notice = page.getByTestId('login-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('Du er logget ut fordi økten din er avsluttet');
    expect(await page.getByTestId('login-unsent').textContent()).toBe(
      'Du har 1 endring som de andre ikke har fått ennå. Den er lagret i denne nettleseren og sendes når du logger inn igjen.',
    );

    await logIn(page, demo.editor);
    expect(await expectOnServer(t, title, 'Pågår')).toEqual([]);
    await expect.poll(() => page.getByTestId('agreement-waiting').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(errors).toEqual([]);
  });
});
