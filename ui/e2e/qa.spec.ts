import { expect, test, type Page } from '@playwright/test';
import { installBackend } from './backend';
import { installTranslateBackend, type FakeJob } from './translateBackend';

// Four segments: a changed number, the same source translated two ways, an empty one
// whose glossary term is missing until it is translated.
const JOB: FakeJob = {
  src: 'ru',
  targets: ['en'],
  sources: [
    'Стороны подписали 7 соглашений.',
    'Форум открылся в Баку.',
    'Форум открылся в Баку.',
    'Делегации <b>встретились</b>.',
  ],
  matches: {},
  filled: {
    0: 'The sides signed 8 agreements.',
    1: 'The forum opened in Baku.',
    2: 'The forum was opened in Baku.',
  },
  terms: [{ segment: 3, sourceTerm: 'Делегации', expected: 'delegations' }],
};

async function open(page: Page) {
  await page.addInitScript(installBackend, []);
  await page.addInitScript(installTranslateBackend, JOB);
  await page.addInitScript(() => localStorage.setItem('dragoman.locale', 'en'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Translate' }).click();
  await expect(page.getByRole('grid', { name: 'Translation' })).toBeVisible();
}

const panel = (page: Page) => page.getByRole('region', { name: /^QA/ });
const group = (page: Page, kind: string) => panel(page).locator(`[data-qa-kind="${kind}"]`);
const box = (page: Page) => page.getByRole('textbox', { name: 'Translation into en' });
const checks = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __calls: { cmd: string; args: Record<string, unknown> }[] }).__calls
        .filter((c) => c.cmd === 'check_translation')
        .map((c) => c.args),
  );

test('the QA panel lists the problems grouped by kind with counts', async ({ page }) => {
  await open(page);
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText('QA (4)');
  await expect(group(page, 'empty')).toHaveText('Empty segments 1');
  await expect(group(page, 'numbers')).toHaveText('Numbers that differ 1');
  await expect(group(page, 'inconsistentTarget')).toHaveText('Same source, different translations 2');
  await expect(panel(page).getByRole('button', { name: /Segment 1 \(en\)/ })).toContainText('missing 7; extra 8');
  await expect(panel(page).getByRole('button', { name: /Segment 2 \(en\)/ })).toContainText('also segments 3');
  // An empty segment shows its source, as text.
  await expect(panel(page).getByRole('button', { name: /Segment 4 \(en\)/ })).toContainText(
    'Делегации <b>встретились</b>.',
  );
  await expect(panel(page).locator('b')).toHaveCount(0);
  expect(await checks(page)).toEqual([{ id: 7, sameTarget: false }]);
});

test('clicking an item goes to its segment with the text box focused, and QA follows the confirm', async ({
  page,
}) => {
  await open(page);
  await panel(page).getByRole('button', { name: /Segment 4 \(en\)/ }).click();
  await expect(page.locator('[data-segment-row="3"]')).toHaveClass(/current/);
  await expect(box(page)).toBeFocused();
  await page.keyboard.type('The meeting took place.');
  await page.keyboard.press('Control+Enter');
  // No longer empty, but the glossary's term is missing now.
  await expect(group(page, 'empty')).toHaveCount(0);
  await expect(group(page, 'missingTerm')).toHaveText('Missing glossary terms 1');
  await expect(panel(page).getByRole('button', { name: /Segment 4 \(en\)/ })).toContainText(
    'Делегации → delegations',
  );
});

test('Enter on an item jumps from the keyboard, and an edit is checked again', async ({ page }) => {
  await open(page);
  // Away from the first segment, so the jump has somewhere to go.
  await box(page).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.locator('[data-segment-row="1"]')).toHaveClass(/current/);
  const item = panel(page).getByRole('button', { name: /Segment 1 \(en\)/ });
  await item.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-segment-row="0"]')).toHaveClass(/current/);
  await expect(box(page)).toBeFocused();
  await expect(box(page)).toHaveValue('The sides signed 8 agreements.');
  await box(page).fill('The sides signed 7 agreements.');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(group(page, 'numbers')).toHaveCount(0);
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText('QA (3)');
  // Enter on the item of the segment already current still focuses its text box.
  await panel(page).getByRole('button', { name: /Segment 2 \(en\)/ }).focus();
  await page.keyboard.press('Enter');
  await expect(box(page)).toBeFocused();
});

test('the same translation for different sources is checked on request', async ({ page }) => {
  await open(page);
  await panel(page).getByRole('checkbox', { name: 'Also the same translation for different sources' }).check();
  await expect.poll(() => checks(page)).toEqual([
    { id: 7, sameTarget: false },
    { id: 7, sameTarget: true },
  ]);
  await expect(group(page, 'inconsistentSource')).toHaveCount(0);
  await box(page).fill('The forum opened in Baku.');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(group(page, 'inconsistentSource')).toHaveText('Same translation, different sources 2');
});
