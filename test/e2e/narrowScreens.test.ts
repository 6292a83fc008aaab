// Phones and high zoom: what the screenshots of the county's review found (the header taking a
// fifth of a phone, ...), measured so that it stays fixed.
import { expect, it } from 'vitest';
import { demo } from '../support/server.js';
import { describeInBrowser, openBoard, signIn, useServerAndBrowser } from './helpers.js';

const phone = { width: 390, height: 844 };

describeInBrowser('narrow screens', () => {
  const t = useServerAndBrowser();

  it('keeps the header to one row on a phone, with the account items behind "Meny"', async () => {
    const { page, context } = await signIn(t.browser, t.server, demo.admin);
    await page.setViewportSize(phone);
    await openBoard(page, t.server);
    const header = page.locator('header').first();
    // Three rows (language, Min konto, name, Logg ut) took about 165 px of the 844.
    expect((await header.boundingBox())?.height).toBeLessThanOrEqual(72);
    const logout = page.getByRole('button', { name: 'Logg ut' });
    await expect.poll(() => logout.isVisible()).toBe(false);

    const menu = page.getByRole('button', { name: 'Meny' });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const items = [
      logout,
      page.getByTestId('account-link'),
      page.getByRole('combobox', { name: 'Språk' }),
    ];
    for (const item of items) {
      const box = await item.boundingBox();
      expect(box?.height, String(item)).toBeGreaterThanOrEqual(44);
      expect((box?.x ?? -1) + (box?.width ?? 0)).toBeLessThanOrEqual(phone.width);
    }
    await expect.poll(() => page.getByTestId('current-user').isVisible()).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => logout.isVisible()).toBe(false);
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);
    await context.close();
  });

  it('shows the account items in the header row on a laptop, without "Meny"', async () => {
    const { page, context } = await signIn(t.browser, t.server, demo.admin);
    expect(await page.getByRole('button', { name: 'Logg ut' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Meny' }).isVisible()).toBe(false);
    await context.close();
  });
});
