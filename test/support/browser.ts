// Debian's Chromium through playwright-core. In CI (CI=true) a missing browser is a failure;
// on a developer's machine the browser tests are skipped with a warning.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
const inCI = process.env.CI === 'true' || process.env.CI === '1';

if (!hasChromium) {
  if (inCI) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: in CI the browser tests must run (apt-get install -y chromium)`,
    );
  }
  console.warn(
    `\n*** Chromium not found at ${chromiumPath}: browser tests are SKIPPED (set CHROMIUM_PATH or apt-get install -y chromium)\n`,
  );
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
