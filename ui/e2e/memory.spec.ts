import { expect, test, type Locator, type Page } from '@playwright/test';
import { installBackend } from './backend';
import { installMemoryBackend, type FakeUnit } from './memoryBackend';
import { installTranslateBackend } from './translateBackend';

const pair = (id: number, ru: string, en: string, useCount = 0): FakeUnit => ({
  id,
  variants: [
    { lang: 'ru', text: ru },
    { lang: 'en', text: en },
  ],
  useCount,
});

// 120 units: more than two pages of 50.
const MANY: FakeUnit[] = Array.from({ length: 120 }, (_, i) =>
  pair(i + 1, `Заявление номер ${i + 1}.`, `Statement number ${i + 1}.`),
);

async function open(page: Page, units: FakeUnit[]) {
  await page.addInitScript(installBackend, []);
  await page.addInitScript(installMemoryBackend, units);
  await page.addInitScript(() => localStorage.setItem('dragoman.locale', 'en'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Memory', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Translation memory' })).toBeVisible();
}

const calls = (page: Page, cmd: string) =>
  page.evaluate(
    (cmd) =>
      (window as unknown as { __calls: { cmd: string; args: Record<string, unknown> }[] }).__calls
        .filter((c) => c.cmd === cmd)
        .map((c) => c.args),
    cmd,
  );

/** Pick a file in `input` as the file chooser would. */
async function pick(input: Locator, name: string, text: string) {
  await input.evaluate(
    (element, [name, text]) => {
      const files = new DataTransfer();
      files.items.add(new File([text!], name!, { type: 'application/xml' }));
      (element as HTMLInputElement).files = files.files;
      element.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [name, text],
  );
}

const rows = (page: Page) => page.locator('tr[data-unit]');

test('the memory is searched and paged 50 units at a time, newest first', async ({ page }) => {
  await open(page, MANY);
  await expect(rows(page)).toHaveCount(50);
  await expect(rows(page).first()).toContainText('Statement number 120.');
  await expect(page.getByText('Page 1')).toBeVisible();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(rows(page).first()).toContainText('Statement number 70.');
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(rows(page)).toHaveCount(20);
  await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();
  const browsed = await calls(page, 'browse_memory');
  expect(browsed.map((a) => a.after)).toEqual([null, 71, 21]);
  expect(browsed.every((a) => a.limit === 50)).toBe(true);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(rows(page).first()).toContainText('Statement number 70.');

  await page.getByRole('searchbox', { name: 'Text in any language' }).fill('номер 7');
  await page.getByLabel('inflected forms').check();
  await page.getByRole('combobox', { name: 'Source language' }).first().selectOption('ru');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(rows(page)).toHaveCount(11, { timeout: 5000 });
  const last = (await calls(page, 'browse_memory')).at(-1)!;
  expect(last.query).toMatchObject({ text: 'номер 7', inflected: true, langs: ['ru'] });
  expect(last.after).toBeNull();
  await expect(page.getByText('Page 1')).toBeVisible();
});

test('a unit is edited in place: its text and its details', async ({ page }) => {
  await open(page, [pair(1, 'Форум открылся.', 'The forum opened.'), pair(2, 'Да.', 'Yes.')]);
  const row = page.locator('tr[data-unit="1"]');
  await row.getByRole('button', { name: 'Edit' }).click();
  await row.getByRole('textbox', { name: 'Text in en' }).fill('The forum began.');
  await row.getByRole('textbox', { name: 'Client' }).fill('MFA');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('The forum began.');
  await expect(row).toContainText('MFA');
  await expect(row).not.toContainText('The forum opened.');
  expect(await calls(page, 'edit_unit_text')).toEqual([{ id: 1, lang: 'en', text: 'The forum began.' }]);
  expect(await calls(page, 'edit_unit_details')).toEqual([
    { id: 1, details: { client: 'MFA', domain: '', project: '', notes: [] } },
  ]);
});

test('selected units are deleted together after confirming', async ({ page }) => {
  await open(page, [pair(1, 'Да.', 'Yes.'), pair(2, 'Нет.', 'No.'), pair(3, 'Может быть.', 'Maybe.')]);
  await page.getByRole('checkbox', { name: 'Select unit 1' }).check();
  await page.getByRole('checkbox', { name: 'Select unit 3' }).check();
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Delete 2 units from the memory?' });
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows(page)).toHaveCount(3);
  expect(await calls(page, 'delete_units')).toEqual([]);
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  await ask.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('No.');
  expect(await calls(page, 'delete_units')).toEqual([{ ids: [1, 3] }]);
  await expect(page.getByRole('status')).toHaveText('2 units deleted');
});

test('duplicates are found by language pair and merged into the chosen unit', async ({ page }) => {
  await open(page, [pair(1, 'Да.', 'Yes.', 2), pair(2, 'Нет.', 'No.'), pair(3, 'Да.', 'Yes.', 3)]);
  await page.getByRole('button', { name: 'Duplicates' }).click();
  const panel = page.getByRole('region', { name: 'Duplicates' });
  await panel.getByRole('button', { name: 'Find duplicates' }).click();
  const group = panel.locator('fieldset[data-group="1"]');
  await expect(group).toContainText('Identical');
  await group.getByRole('radio').nth(1).check();
  await group.getByRole('button', { name: /Merge/ }).click();
  await expect(panel.getByText('No duplicates in this language pair.')).toBeVisible();
  expect(await calls(page, 'merge_units')).toEqual([{ keep: 3, others: [1] }]);
  await expect(rows(page)).toHaveCount(2);
  await expect(page.locator('tr[data-unit="3"]')).toContainText('used 5 times');
});

test('every group of duplicates is merged at once, each into its chosen unit', async ({ page }) => {
  await open(page, [pair(1, 'Да.', 'Yes.'), pair(2, 'Нет.', 'No.'), pair(3, 'Да.', 'Yes.'), pair(4, 'Нет.', 'No.')]);
  await page.getByRole('button', { name: 'Duplicates' }).click();
  const panel = page.getByRole('region', { name: 'Duplicates' });
  await panel.getByRole('button', { name: 'Find duplicates' }).click();
  await panel.locator('fieldset[data-group="2"]').getByRole('radio').nth(1).check();
  await panel.getByRole('button', { name: 'Merge all 2 groups, each into the unit chosen in it' }).click();
  await expect(panel.getByText('No duplicates in this language pair.')).toBeVisible();
  expect(await calls(page, 'merge_units')).toEqual([
    { keep: 1, others: [3] },
    { keep: 4, others: [2] },
  ]);
  await expect(rows(page)).toHaveCount(2);
});

test('each unit says how often a translator used it, and when last, in the interface language', async ({ page }) => {
  await open(page, [
    pair(1, 'Да.', 'Yes.', 1),
    { ...pair(2, 'Нет.', 'No.', 2), lastUsedAt: '20250301T081500Z' },
    pair(3, 'Может быть.', 'Maybe.', 5),
  ]);
  const meta = (id: number) => page.locator(`tr[data-unit="${id}"] .meta`);
  await expect(meta(1)).toContainText('used 1 time');
  await expect(meta(1)).not.toContainText('last used');
  await expect(meta(2)).toContainText('used 2 times');
  await expect(meta(2)).toContainText('last used Mar 1, 2025, 08:15');
  await page.getByLabel('Interface language').selectOption('ru');
  await expect(meta(1)).toContainText('использовано 1 раз');
  await expect(meta(2)).toContainText('использовано 2 раза');
  await expect(meta(3)).toContainText('использовано 5 раз');
  await expect(meta(2)).toContainText('последний раз 1 мар. 2025 г., 08:15');
  await page.getByLabel('Язык интерфейса').selectOption('az');
  await expect(meta(3)).toContainText('5 dəfə istifadə edilib');
});

test('a malformed TMX import shows its line and leaves the memory as it was', async ({ page }) => {
  await open(page, [pair(1, 'Да.', 'Yes.')]);
  await page.getByRole('button', { name: 'Import…' }).click();
  const form = page.getByRole('form', { name: 'Import into the memory' });
  await form.getByLabel('Duplicates').selectOption('overwrite');
  await pick(
    form.getByLabel('TMX, TSV or CSV file'),
    'пресс.tmx',
    '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ru"/><body>\n' +
        '<tu><tuv xml:lang="ru"><seg>Нет.</seg></tuv><tuv xml:lang="en"><seg>No.</seg></tuv></tu>\n' +
        '<tu><tuv xml:lang="ru"><seg>Ещё.</seg></tuv><tuv xml:lang="en"><seg>More.</sag></tuv></tu>\n</body></tmx>\n',
  );
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(form.getByRole('alert')).toContainText('The file “пресс.tmx” is damaged at line 4');
  await expect(form.getByRole('status')).toHaveCount(0);
  const [sent] = await calls(page, 'import_memory');
  const [upload] = await calls(page, 'upload_file');
  expect(sent).toEqual({
    upload: upload!.id,
    name: 'пресс.tmx',
    policy: 'overwrite',
    work: expect.any(Number),
    progress: expect.stringMatching(/^__CHANNEL__:\d+$/),
  });
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('Yes.');
  await expect(page.getByText('No.', { exact: true })).toHaveCount(0);

  await pick(
    form.getByLabel('TMX, TSV or CSV file'),
    'good.tmx',
    '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ru"/><body>\n' +
        '<tu><tuv xml:lang="ru"><seg>Нет.</seg></tuv><tuv xml:lang="en"><seg>No.</seg></tuv></tu>\n' +
        '<tu><tuv xml:lang="ru"><seg>Одна.</seg></tuv></tu>\n</body></tmx>\n',
  );
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(form.getByRole('status')).toContainText('Added 1, skipped 0, merged 0, overwritten 0, rejected 1');
  await expect(form.getByRole('status')).toContainText('line 4: a unit needs two languages');
  await expect(rows(page)).toHaveCount(2);
});

const HOSTILE = [
  pair(1, '<img src=x onerror=alert(1)>', '<script>window.__pwned = 1</script>'),
];

async function noMarkupRan(page: Page, dialogs: string[]) {
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('main img')).toHaveCount(0);
  await expect(page.locator('main script')).toHaveCount(0);
}

test('a unit holding markup is shown as literal text in the Memory view', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await open(page, HOSTILE);
  const row = page.locator('tr[data-unit="1"]');
  await expect(row.getByText('<img src=x onerror=alert(1)>', { exact: true })).toBeVisible();
  await expect(row.getByText('<script>window.__pwned = 1</script>', { exact: true })).toBeVisible();
  await noMarkupRan(page, dialogs);
});

test('a match holding markup is shown as literal text in the Translate view', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(installBackend, []);
  await page.addInitScript(installTranslateBackend, {
    src: 'ru',
    targets: ['en'],
    sources: ['<img src=x onerror=alert(1)>'],
    matches: {
      0: [
        {
          score: 100,
          source: '<img src=x onerror=alert(1)>',
          target: '<script>window.__pwned = 1</script>',
          diff: [{ kind: 'same', word: '<img src=x onerror=alert(1)>' }],
          origin: 'import:hostile.tmx',
          date: '2026-11-20',
        },
      ],
    },
  });
  await page.addInitScript(() => localStorage.setItem('dragoman.locale', 'en'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Translate' }).click();
  const match = page.locator('[data-match="0"]');
  await expect(match.getByText('<script>window.__pwned = 1</script>', { exact: true })).toBeVisible();
  await expect(match).toContainText('<img src=x onerror=alert(1)>');
  await noMarkupRan(page, dialogs);
});

test("a unit's history shows the texts a correction replaced, and several translations can be kept", async ({ page }) => {
  const corrected: FakeUnit = {
    ...pair(1, 'Форум открылся в Баку.', 'The forum opened in Baku.'),
    versions: [
      { lang: 'en', text: 'The forum openned in Baku.', written: '2026-12-01', writtenBy: 'aysel', replaced: '2026-12-02' },
    ],
  };
  await open(page, [corrected, pair(2, 'Делегации встретились.', 'The delegations met.')]);
  const row = page.locator('[data-unit="1"]');
  await row.getByRole('button', { name: 'History' }).click();
  const history = row.getByRole('list', { name: 'History' });
  await expect(history.locator('del')).toHaveText('The forum openned in Baku.');
  await expect(history).toContainText('written Dec 1, 2026 by aysel, replaced Dec 2, 2026');
  await row.getByRole('button', { name: 'History' }).click();
  await expect(history).toHaveCount(0);
  const other = page.locator('[data-unit="2"]');
  await other.getByRole('button', { name: 'History' }).click();
  await expect(other.getByRole('list', { name: 'History' })).toHaveText('No earlier versions.');

  const keep = page.getByRole('checkbox', { name: 'Keep several translations of one source' });
  await expect(keep).not.toBeChecked();
  await keep.check();
  await expect.poll(() => calls(page, 'keep_several_translations')).toEqual([{ several: true }]);
});
