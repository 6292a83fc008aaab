// Universal design: axe-core finds no serious or critical violations on the main pages (issue 3).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.js';
import { demo, type TavlaServer } from '../support/server.js';
import {
  newPerson,
  openBoard,
  seriousViolations,
  signIn,
  startServerAndBrowser,
  stopServerAndBrowser,
} from './helpers.js';

describe.skipIf(!hasChromium)('accessibility (axe-core, WCAG 2.1 AA)', () => {
  let server: TavlaServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
  });

  afterAll(() => stopServerAndBrowser({ server, browser }));

  it('finds no serious or critical violations on the login page', async () => {
    const { context, page } = await newPerson(browser);
    await page.goto(`${server.url}/`);
    await page.getByLabel('E-postadresse').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('finds no serious or critical violations on the overview and the board', async () => {
    const { page, context } = await signIn(browser, server, demo.admin);
    await page.goto(`${server.url}/a/${demo.agreementId}`);
    await page.getByTestId('focus-area-tile').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await openBoard(page, server);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('measure-open').first().click();
    await page.getByTestId('measure-panel').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
