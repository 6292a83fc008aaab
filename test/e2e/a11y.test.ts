// Universal design: axe-core finds no serious or critical violations on the main pages (issue 3).
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { demo, startServer, type TavlaServer } from '../support/server.js';
import { laptop, openBoard, signIn } from './helpers.js';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
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

describe.skipIf(!hasChromium)('accessibility (axe-core, WCAG 2.1 AA)', () => {
  let server: TavlaServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('finds no serious or critical violations on the login page', async () => {
    const context = await browser.newContext({
      viewport: laptop,
      locale: 'nb-NO',
      bypassCSP: true,
    });
    const page = await context.newPage();
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
