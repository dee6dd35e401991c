import { expect, test, type Page } from '@playwright/test';
import { installBackend } from './backend';

async function open(page: Page) {
  await page.addInitScript(installBackend, [
    { sides: [['Форум.'], ['Forum.'], ['Forum.']], confidence: 0.9, confirmed: false, approved: false },
  ]);
  await page.addInitScript(() => localStorage.setItem('dragoman.locale', 'en'));
  await page.goto('/');
  await expect(page.getByRole('grid')).toBeVisible();
}

const calls = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __calls: { cmd: string; args: Record<string, unknown> }[] }).__calls
      .filter((c) => c.cmd === 'set_limit')
      .map((c) => c.args),
  );

test('a limit is raised in megabytes, kept by the backend, and set back to its default', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Limits' }).click();
  const segment = page.getByLabel('Segment, line or paragraph, MB');
  await expect(segment).toHaveValue('1');
  await expect(page.getByLabel('Depth of nested XML elements')).toHaveValue('256');
  await segment.fill('8');
  await segment.press('Tab');
  await expect.poll(() => calls(page)).toEqual([{ key: 'segment-bytes', value: 8 * 2 ** 20 }]);
  await expect(segment).toHaveValue('8');
  await page.getByRole('button', { name: 'Default' }).click();
  await expect.poll(() => calls(page)).toEqual([
    { key: 'segment-bytes', value: 8 * 2 ** 20 },
    { key: 'segment-bytes', value: null },
  ]);
  await expect(segment).toHaveValue('1');
  await expect(page.getByRole('button', { name: 'Default' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(segment).toHaveCount(0);
});
