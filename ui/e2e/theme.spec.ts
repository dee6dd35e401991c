import { expect, test, type Page } from '@playwright/test';
import { installBackend } from './backend';

const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

async function open(page: Page, theme?: string) {
  await page.addInitScript(installBackend, [
    { sides: [['Форум.'], ['Forum.'], ['Forum.']], confidence: 0.9, confirmed: false, approved: false },
  ]);
  await page.addInitScript((chosen) => {
    localStorage.setItem('dragoman.locale', 'en');
    if (chosen) localStorage.setItem('dragoman.theme', chosen);
  }, theme);
  await page.goto('/');
  await expect(page.getByRole('grid')).toBeVisible();
}

test.describe('under a dark system theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the app follows the system, and a chosen light theme wins', async ({ page }) => {
    await open(page);
    expect(await background(page)).toBe('rgb(22, 24, 29)');
    await page.getByRole('combobox', { name: /Theme/ }).selectOption('light');
    await expect.poll(() => background(page)).toBe('rgb(255, 255, 255)');
  });
});

test.describe('under a light system theme', () => {
  test.use({ colorScheme: 'light' });

  test('a dark theme chosen earlier is kept', async ({ page }) => {
    await open(page, 'dark');
    expect(await background(page)).toBe('rgb(22, 24, 29)');
  });
});
