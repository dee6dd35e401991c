// The layout at a laptop's 1024×700: the header on one line whatever its status says,
// the grid keeping most of the height, no one-word columns, panels that keep their size
// or are resized by the translator, and fields as wide as their text.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { installBackend, type FakeBead } from './backend';
import { installGlossaryBackend } from './glossaryBackend';
import { installTranslateBackend, type FakeJob } from './translateBackend';

test.use({ viewport: { width: 1024, height: 700 } });

const HEIGHT = 700;

// Long beads: three sentences a side, so few rows fill the grid.
const BEADS: FakeBead[] = Array.from({ length: 40 }, (_, i) => ({
  sides: [
    [`В Баку прошёл межрегиональный форум номер ${i + 1}, в котором приняли участие делегации двух стран.`],
    [`Bakıda ${i + 1} nömrəli regionlararası forum keçirildi, iki ölkənin nümayəndə heyətləri iştirak etdi.`],
    [`Inter-regional forum number ${i + 1} was held in Baku with delegations of both countries.`],
  ],
  confidence: i % 3 === 0 ? 0.4 : 0.95,
  confirmed: false,
  approved: false,
}));

const SENTENCE =
  'Стороны обсудили вопросы межрегионального сотрудничества в области торговли, образования и культуры.';

const JOB: FakeJob = {
  src: 'ru',
  targets: ['az', 'en'],
  sources: Array.from({ length: 30 }, (_, i) => `${SENTENCE} ${i + 1}.`),
  matches: {},
};

const concept = (row: number, terms: string[][]) => ({
  row,
  glossary: 1,
  id: `c${row}`,
  terms: terms.map(([lang, text]) => ({
    lang: lang!,
    text: text!,
    status: 'preferred',
    partOfSpeech: null,
    note: null,
    matchMode: 'automatic',
  })),
  fields: [],
});

// A long term first (the concept editor's test), then the terms the beads hold.
const GLOSSARY = {
  glossaries: [{ id: 1, name: 'Diplomatic', priority: 10, enabled: true }],
  concepts: [
    concept(1, [
      ['ru', 'Межправительственная комиссия по экономическому сотрудничеству'],
      ['az', 'İqtisadi əməkdaşlıq üzrə hökumətlərarası komissiya'],
      ['en', 'Intergovernmental Commission on Economic Cooperation'],
    ]),
    concept(2, [
      ['ru', 'межрегиональный форум'],
      ['az', 'regionlararası forum'],
      ['en', 'inter-regional forum'],
    ]),
    concept(3, [
      ['ru', 'Баку'],
      ['az', 'Bakı'],
      ['en', 'Baku'],
    ]),
    concept(4, [
      ['ru', 'делегации'],
      ['az', 'nümayəndə heyətləri'],
      ['en', 'delegations'],
    ]),
  ],
  suggestions: [],
};

async function open(page: Page, locale = 'en') {
  await page.addInitScript(installBackend, BEADS);
  await page.addInitScript(installTranslateBackend, JOB);
  await page.addInitScript(installGlossaryBackend, GLOSSARY);
  await page.addInitScript((locale) => localStorage.setItem('dragoman.locale', locale), locale);
  await page.goto('/');
  await expect(page.locator('[data-bead="1"]')).toBeVisible();
}

/** Whether every control of the header sits on its first line. */
const headerOnOneLine = (page: Page) =>
  page.evaluate(() => {
    const boxes = [...document.querySelectorAll('main > header :is(h1, button, select)')].map((e) =>
      e.getBoundingClientRect(),
    );
    const top = Math.min(...boxes.map((b) => b.top));
    return boxes.length > 5 && boxes.every((b) => b.top < top + b.height / 2 && b.right <= window.innerWidth);
  });

const height = async (locator: Locator) => (await locator.boundingBox())!.height;
const width = async (locator: Locator) => (await locator.boundingBox())!.width;

for (const locale of ['en', 'ru', 'az']) {
  test(`the header stays one line in ${locale}; the counts and notices are whole on one line below`, async ({
    page,
  }) => {
    await open(page, locale);
    expect(await headerOnOneLine(page)).toBe(true);
    const header = page.locator('main > header');
    expect(await height(header)).toBeLessThan(60);
    // The project's counts, which grow, are in the status bar, whole.
    const summary = page.locator('footer .summary');
    expect(await summary.innerText()).toContain('40');
    expect(await summary.evaluate((s) => s.scrollWidth <= s.clientWidth)).toBe(true);
    // A long notice stays on the status bar's line: the grid keeps its height.
    const grid = page.getByRole('grid');
    const gridHeight = await height(grid);
    await page.locator('[role=toolbar] button').nth(2).click();
    const notice = page.locator('footer [role=status]');
    await expect(notice).toBeVisible();
    await expect(notice).toHaveAttribute('title', await notice.innerText());
    expect(await height(page.locator('footer'))).toBeLessThan(30);
    expect(await height(grid)).toBe(gridHeight);
    expect(await headerOnOneLine(page)).toBe(true);
    // The Translate view's bar is one line too, with a long report in it.
    await page.locator('header .views button').nth(1).click();
    await expect(page.locator('[data-segment-row="1"]')).toBeVisible();
    expect(await headerOnOneLine(page)).toBe(true);
    const before = await height(grid);
    await page.locator('.bar button').nth(1).click();
    // The report is on the line of the keys' hint, cut to fit, whole in its tooltip.
    const report = page.getByRole('status');
    await expect(report).toBeVisible();
    expect(await height(report)).toBeLessThan(30);
    await expect(report).toHaveAttribute('title', (await report.textContent()) ?? '');
    expect(await height(page.locator('.bar'))).toBeLessThan(50);
    expect(await height(grid)).toBe(before);
  });
}

test('the Align grid keeps at least 60% of the height, whatever the terms below it', async ({ page }) => {
  await open(page);
  const grid = page.getByRole('grid');
  const before = await height(grid);
  expect(before).toBeGreaterThanOrEqual(0.6 * HEIGHT);
  // A bead with terms: the term list below the grid scrolls inside its own height.
  await page.locator('[data-bead="2"] [role=gridcell]').first().click();
  await expect(page.locator('.terms p').first()).toBeVisible();
  expect(await height(grid)).toBe(before);
  // Several beads show whole, not two.
  const shown = await page.evaluate(() => {
    const grid = document.querySelector('[role=grid]')!.getBoundingClientRect();
    return [...document.querySelectorAll('[data-bead]')].filter((r) => r.getBoundingClientRect().bottom <= grid.bottom)
      .length;
  });
  expect(shown).toBeGreaterThanOrEqual(4);
});

test('Translate at 1024 px: the grid keeps 60% of the height and the source column holds several words', async ({
  page,
}) => {
  await open(page);
  await page.getByRole('button', { name: 'Translate' }).click();
  const grid = page.getByRole('grid', { name: 'Translation' });
  await expect(grid).toBeVisible();
  expect(await height(grid)).toBeGreaterThanOrEqual(0.6 * HEIGHT);
  const source = grid.getByRole('columnheader', { name: 'ru', exact: true });
  expect(await width(source)).toBeGreaterThanOrEqual(200);
  for (const lang of ['az', 'en']) expect(await width(grid.getByRole('columnheader', { name: lang, exact: true }))).toBeGreaterThanOrEqual(140);
  // A sentence of 13 words wraps into a few lines, not one word a line.
  // A sentence of 14 words wraps into a few lines of several words, not one word a line.
  const lines = await page.locator('[data-segment-row="1"] [role=gridcell] p').first().evaluate((p) => {
    const range = document.createRange();
    range.selectNodeContents(p);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(lines).toBeGreaterThan(0);
  expect(lines).toBeLessThanOrEqual(5);
  // The QA list (60 empty targets) keeps its height among the matches and terms.
  await expect(page.locator('.qa li').first()).toBeVisible();
  expect(await height(page.locator('.qa'))).toBeGreaterThanOrEqual(150);
});

test('the side panel is resized with the mouse and the keyboard, and keeps its width after a restart', async ({
  page,
}) => {
  await open(page);
  await page.getByRole('button', { name: 'Translate' }).click();
  const side = page.locator('.translate .side');
  await expect(side).toBeVisible();
  const divider = page.getByRole('separator', { name: 'Side panel width' });
  const start = await width(side);
  const box = (await divider.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 80, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  expect(await width(side)).toBeCloseTo(start + 80, 0);
  await divider.focus();
  await page.keyboard.press('ArrowRight');
  expect(await width(side)).toBeCloseTo(start + 64, 0);
  await page.keyboard.press('Shift+ArrowLeft');
  expect(await width(side)).toBeCloseTo(start + 128, 0);
  await expect(divider).toHaveAttribute('aria-valuenow', String(Math.round(start + 128)));

  await page.reload();
  await page.getByRole('button', { name: 'Translate' }).click();
  await expect(side).toBeVisible();
  expect(await width(side)).toBeCloseTo(start + 128, 0);
  // The grid keeps the rest, its source column still wide.
  expect(await width(page.getByRole('columnheader', { name: 'ru', exact: true }))).toBeGreaterThanOrEqual(160);
});

test("the concept editor's term fields are as wide as their text, and its columns fit or scroll", async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Glossary', exact: true }).click();
  await page.locator('.list .concept').first().click();
  const fields = page.getByRole('textbox', { name: 'Term', exact: true });
  await expect(fields).toHaveCount(3);
  for (const field of await fields.all()) {
    const [scroll, client] = await field.evaluate((f) => [f.scrollWidth, f.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
    // Wider than the four letters it had, and not by much more than the text.
    expect(client).toBeGreaterThan(150);
  }
  // Typing grows the field with the text.
  const first = fields.first();
  const before = await width(first);
  await first.press('End');
  await first.pressSequentially(' и торговле');
  expect(await width(first)).toBeGreaterThan(before + 40);
  expect(await first.evaluate((f) => f.scrollWidth <= f.clientWidth)).toBe(true);
  // Every column is inside the editor or reachable by scrolling its table.
  const reachable = await page.evaluate(() => {
    const table = document.querySelector<HTMLElement>('form.concept .table')!;
    const last = table.querySelector('thead th:last-child')!.getBoundingClientRect();
    const fits = last.right <= table.getBoundingClientRect().right + 1;
    return fits || (getComputedStyle(table).overflowX === 'auto' && table.scrollWidth > table.clientWidth);
  });
  expect(reachable).toBe(true);
});

test('a panel over the grid is widened from the keyboard and keeps its width after a restart', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Term suggestions' }).click();
  const panel = page.getByRole('complementary');
  await expect(panel).toBeVisible();
  const start = await width(panel);
  await panel.getByRole('separator', { name: 'Side panel width' }).focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  expect(await width(panel)).toBeCloseTo(start + 32, 0);

  await page.reload();
  await page.getByRole('button', { name: 'Term suggestions' }).click();
  await expect(panel).toBeVisible();
  expect(await width(panel)).toBeCloseTo(start + 32, 0);
});
