import { expect, test, type Page } from '@playwright/test';
import { installBackend, type FakeBead } from './backend';
import { installGlossaryBackend, type FakeConcept, type FakeGlossaries } from './glossaryBackend';
import { installTranslateBackend } from './translateBackend';

const term = (lang: string, text: string) => ({
  lang,
  text,
  status: 'preferred',
  partOfSpeech: null,
  note: null,
  matchMode: 'automatic',
});

const concept = (row: number, glossary: number, terms: [string, string][]): FakeConcept => ({
  row,
  glossary,
  id: `c${row}`,
  terms: terms.map(([lang, text]) => term(lang, text)),
  fields: [],
});

// A glossary of 120 concepts (three pages) beside a small one.
const SEED: FakeGlossaries = {
  glossaries: [
    { id: 1, name: 'Diplomatic', priority: 10, enabled: true },
    { id: 2, name: 'Countries', priority: 5, enabled: true },
  ],
  concepts: [
    concept(1, 1, [
      ['ru', 'межрегиональный форум'],
      ['az', 'regionlararası forum'],
      ['en', 'inter-regional forum'],
    ]),
    concept(2, 2, [
      ['ru', 'Азербайджан'],
      ['az', 'Azərbaycan'],
      ['en', 'Azerbaijan'],
    ]),
    ...Array.from({ length: 119 }, (_, i) =>
      concept(i + 3, 1, [
        ['ru', `соглашение ${i + 1}`],
        ['en', `agreement ${i + 1}`],
      ]),
    ),
  ],
  suggestions: [
    {
      terms: [
        { lang: 'ru', text: 'деловое объединение' },
        { lang: 'en', text: 'business association' },
      ],
      frequency: 4,
    },
    {
      terms: [
        { lang: 'ru', text: 'стороны' },
        { lang: 'en', text: 'the parties' },
      ],
      frequency: 3,
    },
  ],
};

const FORUM: FakeBead[] = [
  {
    sides: [['Делегации встретились на форуме.'], ['Nümayəndə heyətləri forumda görüşdü.'], ['The delegations met at the forum.']],
    confidence: 0.9,
    confirmed: false,
    approved: false,
  },
];

async function open(page: Page) {
  await page.addInitScript(installBackend, FORUM);
  await page.addInitScript(installGlossaryBackend, SEED);
  await page.addInitScript(() => localStorage.setItem('dragoman.locale', 'en'));
  await page.goto('/');
  await expect(page.getByRole('grid')).toBeVisible();
}

async function openGlossary(page: Page) {
  await open(page);
  await page.getByRole('button', { name: 'Glossary', exact: true }).click();
  await expect(page.getByText('1–50 of 121')).toBeVisible();
}

const calls = (page: Page, cmd: string) =>
  page.evaluate(
    (cmd) =>
      (window as unknown as { __calls: { cmd: string; args: Record<string, unknown> }[] }).__calls
        .filter((c) => c.cmd === cmd)
        .map((c) => c.args),
    cmd,
  );

const stored = (page: Page) =>
  page.evaluate(() => (window as unknown as { __glossary: FakeGlossaries }).__glossary.concepts);

const concepts = (page: Page) => page.getByRole('region', { name: 'Concepts' });

/** Select `text` in the first element matching `selector` that contains it. */
async function select(page: Page, selector: string, text: string) {
  await page.evaluate(
    ([selector, text]) => {
      const holder = [...document.querySelectorAll(selector)].find((e) => e.textContent?.includes(text))!;
      const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
      throw new Error(`${text} is not in one text node of ${selector}`);
    },
    [selector, text] as const,
  );
  // `selectionchange` is dispatched as a task after the change.
  await page.waitForTimeout(50);
}

test('browse a large glossary a page at a time and search terms in any language', async ({ page }) => {
  await openGlossary(page);
  const list = concepts(page);
  await expect(list.getByRole('button', { name: /межрегиональный форум/ })).toBeVisible();
  await list.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText('51–100 of 121')).toBeVisible();
  await expect(list.getByRole('button', { name: /agreement 49\b/ })).toBeVisible();
  expect((await calls(page, 'search_concepts')).at(-1)).toEqual({ glossary: null, text: '', offset: 50, limit: 50 });

  await list.getByRole('searchbox').fill('AZƏRBAYCAN');
  await expect(page.getByText('1–1 of 1')).toBeVisible();
  await expect(list.getByRole('button', { name: /Azerbaijan/ })).toBeVisible();
  await list.getByRole('searchbox').fill('REGIONAL');
  await expect(page.getByText('1–1 of 1')).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: 'Countries' }).click();
  await expect(page.getByText('No concept matches.')).toBeVisible();
  expect((await calls(page, 'search_concepts')).at(-1)).toMatchObject({ glossary: 2, text: 'REGIONAL' });
});

test('glossaries are created, switched off and reordered', async ({ page }) => {
  await openGlossary(page);
  const nav = page.getByRole('navigation');
  await nav.getByRole('textbox', { name: 'New glossary name' }).fill('Mine');
  await nav.getByRole('button', { name: 'Create' }).click();
  await expect(nav.getByRole('button', { name: 'Mine' })).toHaveAttribute('aria-pressed', 'true');
  await nav.getByRole('checkbox', { name: 'Use “Countries” in term recognition' }).uncheck();
  await nav.getByRole('spinbutton', { name: 'Priority of “Diplomatic”' }).fill('30');
  await nav.getByRole('spinbutton', { name: 'Priority of “Diplomatic”' }).press('Tab');
  expect(await calls(page, 'configure_glossary')).toEqual([
    { id: 2, priority: 5, enabled: false },
    { id: 1, priority: 30, enabled: true },
  ]);
  await nav.getByRole('textbox', { name: 'New glossary name' }).fill('Mine');
  await nav.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('status')).toHaveText('There is already a glossary named “Mine”: choose another name.');
});

test('a taken glossary name is told in Russian words, and the name is ready to retype', async ({ page }) => {
  await page.addInitScript(installBackend, FORUM);
  await page.addInitScript(installGlossaryBackend, SEED);
  await page.addInitScript(() => localStorage.setItem('dragoman.locale', 'ru'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Глоссарий', exact: true }).click();
  const nav = page.getByRole('navigation');
  const name = nav.getByRole('textbox', { name: 'Название нового глоссария' });
  await name.fill('Diplomatic');
  await nav.getByRole('button', { name: 'Создать' }).click();
  await expect(page.getByRole('status')).toHaveText('Глоссарий «Diplomatic» уже есть: выберите другое название.');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await name.pressSequentially('2');
  await expect(name).toHaveValue('2');
  await expect(name).toHaveAttribute('aria-invalid', 'false');
});

test("edit a term's status and part of speech, add a term, delete a concept", async ({ page }) => {
  await openGlossary(page);
  await concepts(page).getByRole('button', { name: /межрегиональный форум/ }).click();
  const editor = page.getByRole('form', { name: 'Concept' });
  const en = editor.locator('[data-term="2"]');
  await expect(en.getByRole('textbox', { name: 'Term' })).toHaveValue('inter-regional forum');
  await en.getByRole('combobox', { name: 'Status' }).selectOption('deprecated');
  await en.getByRole('textbox', { name: 'Part of speech' }).fill('noun');
  await editor.getByRole('button', { name: 'Add a term' }).click();
  const added = editor.locator('[data-term="3"]');
  await added.getByRole('textbox', { name: 'Term' }).fill('interregional forum');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  const saved = (await calls(page, 'save_concept')).at(-1)?.concept as FakeConcept;
  expect(saved.terms[2]).toMatchObject({ text: 'inter-regional forum', status: 'deprecated', partOfSpeech: 'noun' });
  expect(saved.terms[3]).toMatchObject({ lang: 'en', text: 'interregional forum', status: 'preferred' });
  await expect(concepts(page).getByRole('button', { name: /interregional forum/ })).toBeVisible();
  await expect(concepts(page).getByTitle('deprecated')).toHaveText('inter-regional forum');

  await editor.getByRole('button', { name: 'Delete concept' }).click();
  await expect(page.getByRole('status')).toHaveText('Concept deleted.');
  await expect(page.getByText('1–50 of 120')).toBeVisible();
  expect((await stored(page)).some((c) => c.row === 1)).toBe(false);
});

test('Ctrl+Q reviews sloppy selections as whole words in dictionary form; Enter adds them', async ({ page }) => {
  await open(page);
  const grid = page.getByRole('grid');
  await expect(grid.locator('mark')).toHaveCount(0);
  // Inside a word ("орум" of "форуме") and part of a word ("foru" of "forum").
  await select(page, '[data-bead="0"] [lang="ru"]', 'орум');
  await select(page, '[data-bead="0"] [lang="en"]', 'foru');
  await grid.focus();
  await page.keyboard.press('Control+q');
  const review = page.getByRole('dialog', { name: 'Add a term' });
  const ru = review.getByRole('textbox', { name: 'Term (ru)' });
  const en = review.getByRole('textbox', { name: 'Term (en)' });
  await expect(ru).toHaveValue('форум');
  await expect(ru).toBeFocused();
  await expect(review).toContainText('Selected: форуме');
  await expect(en).toHaveValue('forum');
  // What the translator types is saved as typed.
  await en.fill('forum (event)');
  await en.press('Enter');
  await expect(review).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Added to glossary' })).toHaveText(
    'Added to glossary “accepted”: форум = forum (event)',
  );
  expect(await calls(page, 'accept_term')).toEqual([
    {
      terms: [
        { lang: 'ru', text: 'форум' },
        { lang: 'en', text: 'forum (event)' },
      ],
      glossary: null,
      acceptedName: 'accepted',
    },
  ]);
  const added = (await stored(page)).at(-1)!;
  expect(added.id).toMatch(/^c-[0-9a-f]{16}$/);
  await expect(grid).toBeFocused();
  await expect(grid.locator('[lang="ru"] mark')).toHaveText('форум');

  await page.keyboard.press('F1');
  await expect(page.getByRole('complementary')).toContainText('Ctrl+Q');
});

test('Esc cancels the quick add review and gives the focus back; a glossary can be chosen', async ({ page }) => {
  await open(page);
  const grid = page.getByRole('grid');
  await select(page, '[data-bead="0"] [lang="ru"]', 'Делегации');
  await select(page, '[data-bead="0"] [lang="en"]', 'delegations');
  await grid.focus();
  await page.keyboard.press('Control+q');
  const review = page.getByRole('dialog', { name: 'Add a term' });
  await expect(review).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(review).toBeHidden();
  await expect(grid).toBeFocused();
  expect(await calls(page, 'accept_term')).toEqual([]);

  await page.keyboard.press('Control+q');
  await review.getByRole('combobox', { name: 'Glossary' }).selectOption('Diplomatic');
  await review.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added to glossary' })).toHaveText(
    'Added to glossary “Diplomatic”: Делегации = delegations',
  );
  expect((await calls(page, 'accept_term')).at(-1)).toMatchObject({ glossary: 'Diplomatic' });
});

test('Ctrl+Q in the Translate view takes the source selection and the target text box selection', async ({
  page,
}) => {
  await page.addInitScript(installBackend, []);
  await page.addInitScript(installTranslateBackend, {
    src: 'ru',
    targets: ['en'],
    sources: ['Стороны подписали соглашение.'],
    matches: {},
  });
  await page.addInitScript(installGlossaryBackend, SEED);
  await page.addInitScript(() => localStorage.setItem('dragoman.locale', 'en'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Translate' }).click();
  const box = page.getByRole('textbox', { name: 'Translation into en' });
  await box.fill('The parties signed an agreement.');
  await select(page, '[role=gridcell] [lang="ru"]', 'Стороны');
  await box.evaluate((b: HTMLTextAreaElement) => {
    b.focus();
    b.setSelectionRange(5, 11);
  });
  await page.keyboard.press('Control+q');
  const review = page.getByRole('dialog', { name: 'Add a term' });
  await expect(review.getByRole('textbox', { name: 'Term (en)' })).toHaveValue('parties');
  await review.getByRole('textbox', { name: 'Term (ru)' }).fill('стороны');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Added to glossary' })).toHaveText(
    'Added to glossary “accepted”: стороны = parties',
  );
  await expect(box).toBeFocused();
  await expect(page.locator('[role=gridcell] [lang="ru"] mark')).toHaveText('Стороны');
});

test('accept an edited suggestion and reject another, which stays away', async ({ page }) => {
  await openGlossary(page);
  await page.getByRole('button', { name: 'Review suggestions' }).click();
  const panel = page.getByRole('complementary', { name: 'Term suggestions from the memory' });
  const first = panel.getByRole('listitem', { name: 'деловое объединение = business association' });
  await first.getByRole('textbox', { name: 'en' }).fill('business associations');
  await first.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Added to glossary “accepted”: деловое объединение = business associations',
  );
  expect((await calls(page, 'accept_term')).at(-1)).toEqual({
    terms: [
      { lang: 'ru', text: 'деловое объединение' },
      { lang: 'en', text: 'business associations' },
    ],
    glossary: null,
    acceptedName: 'accepted',
  });
  await panel.getByRole('listitem', { name: 'стороны = the parties' }).getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByRole('status')).toContainText('will not be suggested again');
  await expect(panel.getByText('No suggestion left')).toBeVisible();
  expect(await calls(page, 'reject_suggestion')).toEqual([
    {
      terms: [
        { lang: 'ru', text: 'деловое объединение' },
        { lang: 'en', text: 'business association' },
      ],
    },
    {
      terms: [
        { lang: 'ru', text: 'стороны' },
        { lang: 'en', text: 'the parties' },
      ],
    },
  ]);
  // Asked again, neither comes back: the first was accepted in an edited form.
  await panel.getByRole('combobox').selectOption('ru,az');
  await panel.getByRole('combobox').selectOption('ru,en');
  await expect(panel.getByText('No suggestion left')).toBeVisible();
});

async function importFile(page: Page, name: string, body: string) {
  const panel = page.getByRole('complementary', { name: 'Import a glossary file' });
  // Picked as the file chooser would: the input's files replaced, then `change`.
  await panel.getByLabel('File (.tbx, .csv, .tsv, .xlsx, OmegaT .txt/.utf8)').evaluate(
    (input: HTMLInputElement, [name, body]) => {
      const files = new DataTransfer();
      files.items.add(new File([body], name));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [name, body] as const,
  );
  await panel.getByRole('button', { name: 'Import' }).click();
  return panel;
}

for (const { format, name, good, broken, error } of [
  {
    format: 'tbx',
    name: 'terms.tbx',
    good: '<?xml version="1.0"?>\n<tbx><text><body><conceptEntry id="x1"><langSec xml:lang="ru"><termSec><term>саммит</term></termSec></langSec><langSec xml:lang="en"><termSec><term>summit</term></termSec></langSec></conceptEntry></body></text></tbx>',
    broken: '<?xml version="1.0"?>\n<tbx><text><body>\n<conceptEntry id="x1">\n</body></text></tbx>',
    error: /^The file “broken\.tbx” is damaged at line \d+; nothing was imported: “malformed TBX”$/,
  },
  {
    format: 'csv',
    name: 'terms.csv',
    good: 'id,ru,en\nx1,саммит,summit\n',
    broken: 'id,ru,en\nx1,саммит,summit\nx2,one,two,three\n',
    error: 'The file “broken.csv” is damaged at line 3; nothing was imported: “4 fields where the header has 3”',
  },
  {
    format: 'xlsx',
    name: null,
    good: null,
    broken: 'this is not a workbook',
    error: 'The file “broken.xlsx” is damaged; nothing was imported: “invalid Zip archive”',
  },
]) {
  test(`import ${format.toUpperCase()}: a malformed file names where and changes nothing`, async ({ page }) => {
    await openGlossary(page);
    await page.getByRole('navigation').getByRole('button', { name: 'Countries' }).click();
    await page.getByRole('button', { name: 'Import…' }).click();
    const before = await stored(page);
    const panel = await importFile(page, `broken.${format}`, broken);
    await expect(panel.getByRole('alert')).toHaveText(error);
    expect(await stored(page)).toEqual(before);
    const upload = (await calls(page, 'upload_file')).at(-1)!;
    expect(upload.bytes).toEqual(Array.from(new TextEncoder().encode(broken)));
    expect((await calls(page, 'import_glossary')).at(-1)).toMatchObject({
      glossary: 2,
      upload: upload.id,
      file: { format },
      policy: 'merge',
    });
    if (good === null || name === null) return;
    await importFile(page, name, good);
    await expect(panel.getByRole('status')).toHaveText('1 added, 0 merged, 0 skipped, 0 rejected');
    await expect(page.getByText('1–2 of 2')).toBeVisible();
    await expect(concepts(page).getByRole('button', { name: /саммит/ })).toBeVisible();
  });
}

test('export the chosen glossary', async ({ page }) => {
  await openGlossary(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Diplomatic' }).click();
  await page.getByRole('combobox', { name: 'Export glossary' }).selectOption('tbx');
  await expect(page.getByRole('status')).toHaveText(
    '120 concepts written to /home/user/Documents/Dragoman/Diplomatic.tbx',
  );
});

test('"All glossaries" exports every glossary into one file', async ({ page }) => {
  await openGlossary(page);
  await page.getByRole('combobox', { name: 'Export glossary' }).selectOption('tbx');
  await expect(page.getByRole('status')).toHaveText(
    '121 concepts written to /home/user/Documents/Dragoman/glossaries.tbx',
  );
  expect(await page.evaluate(() => (window as unknown as { __exported: { glossary: unknown } }).__exported.glossary)).toBeNull();
});

test('export as TBX v2, OmegaT or a table laid out for memoQ', async ({ page }) => {
  await openGlossary(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Diplomatic' }).click();
  const exported = () => page.evaluate(() => (window as unknown as { __exported: unknown }).__exported);
  const format = page.getByRole('combobox', { name: 'Export glossary' });
  await format.selectOption('tbx2');
  await expect(page.getByRole('status')).toHaveText(
    '120 concepts written to /home/user/Documents/Dragoman/Diplomatic.tbx',
  );
  await page.getByText('Export options').click();
  await page.getByRole('combobox', { name: 'Source language' }).selectOption('az');
  await format.selectOption('omegat');
  expect(await exported()).toMatchObject({ format: 'omegat', langs: ['az', 'en'] });
  await page.getByLabel('Table columns in order (empty: all)').fill('en, ru,id');
  await page.getByRole('combobox', { name: 'Synonyms in a table' }).selectOption('columns');
  await format.selectOption('csv');
  expect(await exported()).toMatchObject({
    format: 'csv',
    langs: [],
    table: { columns: ['en', 'ru', 'id'], synonyms: 'columns' },
  });
});

test('segment text in the concept list is shown as text', async ({ page }) => {
  await page.addInitScript(installBackend, FORUM);
  await page.addInitScript(installGlossaryBackend, {
    ...SEED,
    concepts: [concept(1, 1, [['en', '<img src=x onerror="window.__pwned=1">']])],
  });
  await page.addInitScript(() => localStorage.setItem('dragoman.locale', 'en'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Glossary', exact: true }).click();
  await expect(concepts(page)).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(concepts(page).locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
