// Browser-test helpers: one browser context per simulated person, signed in through the UI.
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { demo, type StartOptions, startServer, type TavlaServer } from '../support/server.js';

export const laptop = { width: 1366, height: 768 };

export interface Person {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A describe block's server and browser. */
export interface Setup {
  server: TavlaServer;
  browser: Browser;
}

/** Starts a server and a browser, for a describe block's beforeAll. */
export async function startServerAndBrowser(options: StartOptions = {}): Promise<Setup> {
  const server = await startServer(options);
  const browser = await launchBrowser();
  return { server, browser };
}

/** Closes the browser and stops the server, for afterAll (either may not have started). */
export async function stopServerAndBrowser({ server, browser }: Partial<Setup>): Promise<void> {
  await browser?.close();
  await server?.dispose();
}

/** A describe block for the browser: skipped, with support/browser.ts's warning, without Chromium. */
export function describeInBrowser(name: string, body: () => void): void {
  describe.skipIf(!hasChromium)(name, body);
}

/** What the tests of a describe block share (useServerAndBrowser). */
export interface BrowserSuite {
  /** The server of the moment: after restartServer() a new one, on the same port and data. */
  readonly server: TavlaServer;
  readonly browser: Browser;
  /** Stops the server and starts it again on the same port and data folder (a deploy, a crash). */
  restartServer(): Promise<TavlaServer>;
}

/** A value set in beforeAll, read too early (in the describe callback itself) says so. */
function started<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new Error(`${what} is ready in beforeAll: use it in a hook or a test, not in describe`);
  return value;
}

/**
 * A real server on a free port and a browser for the calling describe block: started in its
 * beforeAll, torn down in its afterAll, with everything opened in that browser.
 *
 * @example
 * describeInBrowser('offline', () => {
 *   const t = useServerAndBrowser();
 *   const ola = usePerson(t, demo.editor, { board: 'fa-1' });
 *   it('...', async () => {
 *     await t.server.stop();
 *     await t.restartServer();
 *   });
 * });
 */
export function useServerAndBrowser(options: StartOptions = {}): BrowserSuite {
  const setup: Partial<Setup> = {};
  beforeAll(async () => {
    // One at a time, so that afterAll stops the server when the browser fails to launch.
    setup.server = await startServer(options);
    setup.browser = await launchBrowser();
  });
  afterAll(() => stopServerAndBrowser(setup));
  return {
    get server() {
      return started(setup.server, 'the server');
    },
    get browser() {
      return started(setup.browser, 'the browser');
    },
    async restartServer() {
      setup.server = await started(setup.server, 'the server').restart();
      return setup.server;
    },
  };
}

export interface PersonOptions {
  /** The focus area whose board is open when the tests start (openBoard); none by default. */
  board?: string;
}

/**
 * Someone signed in on a context of their own for the whole describe block (in beforeAll, after
 * the hooks declared before this call), with a board open if asked. Their context closes with
 * the browser.
 *
 * @example
 * const ola = usePerson(t, demo.editor, { board: 'fa-1' });
 * it('...', async () => { await ola.context.setOffline(true); });
 */
export function usePerson(
  suite: BrowserSuite,
  email: string,
  { board }: PersonOptions = {},
): Person {
  let person: Person | undefined;
  beforeAll(async () => {
    person = await signIn(suite.browser, suite.server, email);
    if (board) await openBoard(person.page, suite.server, board);
  });
  return {
    get context() {
      return started(person, email).context;
    },
    get page() {
      return started(person, email).page;
    },
    get errors() {
      return started(person, email).errors;
    },
  };
}

/**
 * Opens a fresh context (its own cookies, IndexedDB and BroadcastChannel), not signed in.
 * bypassCSP (the default) lets axe-core be injected as an inline script; the app itself runs
 * under the CSP either way.
 */
export async function newPerson(browser: Browser, { bypassCSP = true } = {}): Promise<Person> {
  const context = await browser.newContext({ viewport: laptop, locale: 'nb-NO', bypassCSP });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Opens a fresh context (its own cookies, IndexedDB and BroadcastChannel) and signs in. */
export async function signIn(
  browser: Browser,
  server: TavlaServer,
  email: string,
): Promise<Person> {
  const person = await newPerson(browser);
  await person.page.goto(`${server.url}/`);
  await logIn(person.page, email);
  return person;
}

/** Signs in on the login page the page shows, and waits for the agreements. */
export async function logIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Passord').fill('tavla-demo');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByTestId('agreement-link').first().waitFor();
}

/**
 * Another person (Kari, the admin) signs in afresh, opens the board and finds the measure
 * `title` in `columnTitle` within 10 s: an edit made elsewhere reached the server. Closes her
 * context and returns her page errors.
 */
export async function expectOnServer(
  suite: BrowserSuite,
  title: string,
  columnTitle: string,
): Promise<string[]> {
  const kari = await signIn(suite.browser, suite.server, demo.admin);
  await openBoard(kari.page, suite.server);
  await expect.poll(() => columnOf(kari.page, title), { timeout: 10_000 }).toBe(columnTitle);
  await kari.context.close();
  return kari.errors;
}

/** Ola on his phone: "Logg ut overalt" ends every session of his, the laptop's too. */
export async function signOutEverywhereFromPhone(t: BrowserSuite): Promise<void> {
  const phone = await signIn(t.browser, t.server, demo.editor);
  await phone.page.goto(`${t.server.url}/konto`);
  await phone.page.getByRole('button', { name: 'Logg ut overalt' }).click();
  await phone.page.getByRole('dialog').getByRole('button', { name: 'Logg ut overalt' }).click();
  await phone.page.getByLabel('E-postadresse').waitFor();
  await phone.context.close();
}

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Serious and critical axe-core findings (WCAG 2.1 A/AA and best practice) on the page. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // A dialog still fading in has every text at part opacity, which axe reads as too little
  // contrast: let running animations (not endless ones) finish first.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    });
    return result.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
}

export async function openBoard(
  page: Page,
  server: TavlaServer,
  focusAreaId = 'fa-1',
): Promise<void> {
  await page.goto(`${server.url}/a/tromsvekstavtalen/fa/${focusAreaId}`);
  await page.getByTestId('column').first().waitFor();
  await connected(page);
}

export async function connected(page: Page): Promise<void> {
  await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor();
}

export function column(page: Page, title: string): Locator {
  return page
    .getByTestId('column')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

export function card(page: Page, title: string): Locator {
  return page
    .getByTestId('measure-card')
    .filter({ has: page.getByTestId('measure-open').getByText(title, { exact: true }) });
}

/** The title of the column a card with this title is in, or null; fails if it is there twice. */
export async function columnOf(page: Page, title: string): Promise<string | null> {
  return page.evaluate((t) => {
    const hits = [
      ...document.querySelectorAll('[data-testid="measure-card"]:not([data-overlay])'),
    ].filter((el) => el.querySelector('[data-testid="measure-open"]')?.textContent === t);
    if (hits.length > 1) return `DUPLICATED x${hits.length}`;
    const col = hits[0]?.closest('[data-testid="column"]');
    return col?.querySelector('h2')?.childNodes[0]?.textContent ?? null;
  }, title);
}

export async function createMeasure(page: Page, columnTitle: string, title: string): Promise<void> {
  // The form stays open after a create, for the next one (as in Trello).
  const form = page.getByRole('form', { name: `Nytt tiltak i ${columnTitle}` });
  if (!(await form.isVisible()))
    await page.getByRole('button', { name: `Nytt tiltak i ${columnTitle}` }).click();
  const input = form.getByLabel('Tittel på nytt tiltak');
  await input.fill(title);
  await input.press('Enter');
  await card(page, title).waitFor();
  // A new measure always opens in the detail panel, ready for more details; close it.
  await page.getByTestId('measure-panel').waitFor();
  await closePanel(page);
}

export async function closePanel(page: Page): Promise<void> {
  const panel = page.getByTestId('measure-panel');
  if (await panel.isVisible()) await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  // The native dialog closes on Escape before the app takes the card out of the URL (?m=):
  // a reload in between opened the card again (offline.test.ts failed so in CI once).
  await page.waitForURL((url) => !url.searchParams.has('m'));
}

/** Drags a card by its handle to the centre of another column with the mouse. */
export async function dragToColumn(page: Page, title: string, columnTitle: string): Promise<void> {
  const handle = card(page, title).getByTestId('drag-handle');
  const from = await handle.boundingBox();
  const to = await column(page, columnTitle).boundingBox();
  if (!from || !to) throw new Error(`cannot drag ${title} to ${columnTitle}: not visible`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  // dnd-kit's pointer sensor starts after a few pixels; move in steps like a hand would.
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 15 });
  await page.mouse.up();
}

/** The service worker controls the page and holds the code the board needs offline. */
export async function appCachedForOffline(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          if (!navigator.serviceWorker.controller) return false;
          const names = (await (await caches.open('tavla-app-v1')).keys()).map((r) => r.url);
          return (
            names.some((u) => u.endsWith('/index.html')) &&
            names.some((u) => /\/assets\/MeasurePanel-[^/]*\.js$/.test(u)) &&
            names.some((u) => /\/assets\/ConfirmDialog-[^/]*\.js$/.test(u))
          );
        }),
      { timeout: 20_000 },
    )
    .toBe(true);
}
