// Ola moves a card on a train; meanwhile his session is ended from another device ("Logg ut
// overalt"). Back online, the board gives way to the login form: it must say that his edit is
// kept, have his address filled in, and send the edit once he has signed in again.
import { beforeAll, expect, it } from 'vitest';
import { demo } from '../support/server.js';
import {
  columnOf,
  connected,
  describeInBrowser,
  dragToColumn,
  expectOnServer,
  logIn,
  newPerson,
  openBoard,
  type Person,
  signOutEverywhereFromPhone,
  usePerson,
  useServerAndBrowser,
} from './helpers.js';

describeInBrowser('a session ended elsewhere while edits wait', () => {
  const t = useServerAndBrowser();
  const ola = usePerson(t, demo.editor);

  it('says the edit is kept, fills in who it was, and sends it after the new login', async () => {
    const { page, context } = ola;
    await openBoard(page, t.server);
    await connected(page);
    await context.setOffline(true);
    const title = 'Kartlegging av kollektivtilbudet mellom kommunene i regionen';
    await dragToColumn(page, title, 'Pågår');
    await expect.poll(() => columnOf(page, title)).toBe('Pågår');
    const status = page.getByTestId('connection-status');
    await expect.poll(() => status.getAttribute('data-unsynced')).toBe('1');

    await signOutEverywhereFromPhone(t);

    await context.setOffline(false);
    const notice = page.getByTestId('login-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('Du er logget ut fordi økten din er avsluttet');
    expect(await page.getByTestId('login-unsent').textContent()).toBe(
      'Du har 1 endring som de andre ikke har fått ennå. Den er lagret i denne nettleseren og sendes når du logger inn igjen.',
    );
    expect(await page.getByLabel('E-postadresse').inputValue()).toBe(demo.editor);

    await page.getByLabel('Passord').fill('tavla-demo');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    // The login keeps the address: the board opens again and sends what waited.
    await connected(page);
    await expect.poll(() => status.getAttribute('data-unsynced')).toBe('0');
    expect(await columnOf(page, title)).toBe('Pågår');
    expect(await expectOnServer(t, title, 'Pågår')).toEqual([]);
    expect(ola.errors).toEqual([]);
  });
});

describeInBrowser('a session ended elsewhere while edits wait only in the tab', () => {
  const t = useServerAndBrowser();
  let ola: Person;
  beforeAll(async () => {
    ola = await newPerson(t.browser);
    // Nothing kept on this machine (site data blocked): the edit lives only in the tab.
    await ola.context.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    });
    await ola.page.goto(`${t.server.url}/`);
    await logIn(ola.page, demo.editor);
  });

  it('sends the edit once he has signed in again, also on another page than the board', async () => {
    const { page, context } = ola;
    await openBoard(page, t.server);
    await context.setOffline(true);
    const title = 'Kartlegging av kollektivtilbudet mellom kommunene i regionen';
    await dragToColumn(page, title, 'Pågår');
    const status = page.getByTestId('connection-status');
    await expect.poll(() => status.getAttribute('data-unsynced')).toBe('1');

    await signOutEverywhereFromPhone(t);

    await context.setOffline(false);
    await page.getByTestId('login-notice').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('login-unsent').textContent()).toMatch(
      /finnes bare i denne fanen: logg inn igjen her uten å lukke fanen, så sendes den/,
    );
    // He takes the logo to the front page, and signs in there: no board of the agreement opens.
    await page.getByRole('link', { name: 'Tavla' }).first().click();
    await page.getByLabel('Passord').fill('tavla-demo');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByTestId('agreement-link').first().waitFor();
    expect(await expectOnServer(t, title, 'Pågår')).toEqual([]);
    expect(ola.errors).toEqual([]);
  });
});

describeInBrowser('signed out in another tab of the browser', () => {
  const t = useServerAndBrowser();
  const kari = usePerson(t, demo.admin, { board: 'fa-1' });

  it('says "logged out" in the board’s tab too, and fills in nobody for the next person', async () => {
    const other = await kari.context.newPage();
    await other.goto(`${t.server.url}/`);
    await other.getByRole('button', { name: 'Logg ut' }).click();
    await other.getByLabel('E-postadresse').waitFor();
    const notice = kari.page.getByTestId('login-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toBe('Du er logget ut.');
    expect(await kari.page.getByLabel('E-postadresse').inputValue()).toBe('');
    expect(kari.errors).toEqual([]);
  });
});
