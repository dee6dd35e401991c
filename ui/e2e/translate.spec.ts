import { expect, test, type Locator, type Page } from '@playwright/test';
import { installBackend } from './backend';
import { installTranslateBackend, type FakeJob } from './translateBackend';

const match = (
  unit: number,
  score: number,
  source: string,
  target: string,
  diff: unknown[] = [],
  kind: 'unit' | 'sentence' | 'joined' = 'unit',
) => ({
  unit,
  kind,
  score,
  source,
  target,
  diff,
  origin: 'translation',
  date: '2026-11-20',
});

const JOB: FakeJob = {
  src: 'ru',
  targets: ['en'],
  sources: ['Стороны подписали восемь соглашений.', 'Форум открылся в Баку.', '<img src=x onerror="window.__pwned=1">'],
  matches: {
    0: [
      match(11, 92, 'Стороны подписали семь соглашений.', 'The parties signed seven agreements.', [
        { kind: 'same', word: 'Стороны' },
        { kind: 'same', word: 'подписали' },
        { kind: 'changed', from: 'семь', to: 'восемь' },
        { kind: 'same', word: 'соглашений' },
      ]),
      match(12, 71, 'Стороны подписали меморандум.', 'The parties signed a memorandum.'),
    ],
    1: [match(13, 101, 'Форум открылся в Баку.', '<b>The forum</b> opened in Baku.')],
  },
};

async function open(page: Page, job: FakeJob = JOB) {
  await page.addInitScript(installBackend, []);
  await page.addInitScript(installTranslateBackend, job);
  await page.addInitScript(() => localStorage.setItem('dragoman.locale', 'en'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Translate' }).click();
  await expect(page.getByRole('grid', { name: 'Translation' })).toBeVisible();
}

const calls = (page: Page, cmd: string) =>
  page.evaluate(
    (cmd) =>
      (window as unknown as { __calls: { cmd: string; args: Record<string, unknown> }[] }).__calls
        .filter((c) => c.cmd === cmd)
        .map((c) => c.args),
    cmd,
  );

/** The text of the file sent as upload `id`, as the command given that id read it. */
const uploaded = async (page: Page, id: unknown) => {
  const upload = (await calls(page, 'upload_file')).find((u) => u.id === id);
  return new TextDecoder().decode(new Uint8Array(upload?.bytes as number[]));
};

const box = (page: Page) => page.getByRole('textbox', { name: 'Translation into en' });

test('matches are ranked with their diff, and Ctrl+2 inserts the second', async ({ page }) => {
  await open(page);
  const first = page.locator('[data-match="0"]');
  await expect(first).toContainText('92%');
  await expect(first).toContainText('fuzzy');
  await expect(first).toContainText('translation, Nov 20, 2026');
  // How long the lookup took is shown, so a slow memory is seen.
  await expect(page.locator('.matches h2 .took')).toHaveText(/^in \d+ ms$/);
  await expect(first.locator('del')).toHaveText('семь');
  await expect(first.locator('ins')).toHaveText('восемь');
  // The stored source as written: its final full stop is there.
  await expect(first.locator('.source')).toHaveText('Стороны подписали семь восемь соглашений.');
  await box(page).focus();
  await page.keyboard.press('Control+2');
  await expect(box(page)).toHaveValue('The parties signed a memorandum.');
  // The memory counts the use of the unit the match came from, once.
  await page.keyboard.press('Control+2');
  await expect.poll(() => calls(page, 'record_match_use')).toEqual([{ unit: 12 }]);
  // Leaving for the alignment editor keeps what was typed, unconfirmed.
  await page.getByRole('button', { name: 'Align' }).click();
  await expect.poll(() => calls(page, 'edit_translation')).toEqual([
    { id: 7, segment: 0, lang: 'en', text: 'The parties signed a memorandum.' },
  ]);
});

test('a match card says when it is a sentence of a unit or units joined', async ({ page }) => {
  await open(page, {
    src: 'ru',
    targets: ['en'],
    sources: ['Переговоры продлились три часа.'],
    matches: {
      0: [
        match(21, 100, 'Переговоры продлились три часа.', 'The talks lasted three hours.', [], 'sentence'),
        match(22, 99, 'Переговоры продлились три часа.', 'The talks lasted three hours.', [], 'joined'),
        match(23, 80, 'Переговоры продлились два часа.', 'The talks lasted two hours.'),
      ],
    },
  });
  await expect(page.locator('[data-match="0"] .made-of')).toHaveText('sentence of a unit');
  await expect(page.locator('[data-match="1"] .made-of')).toHaveText('units joined');
  await expect(page.locator('[data-match="2"] .made-of')).toHaveCount(0);
  // Inserting it puts in the sentence's translation, and counts a use of its unit.
  await box(page).focus();
  await page.keyboard.press('Control+1');
  await expect(box(page)).toHaveValue('The talks lasted three hours.');
  await expect.poll(() => calls(page, 'record_match_use')).toEqual([{ unit: 21 }]);
});

test('Ctrl+Enter confirms into the backend and moves on to the next segment', async ({ page }) => {
  await open(page);
  await box(page).fill('The parties signed eight agreements.');
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('[data-segment-row="0"] .target')).toHaveClass(/confirmed/);
  expect(await calls(page, 'confirm_translation')).toEqual([
    { id: 7, segment: 0, lang: 'en', text: 'The parties signed eight agreements.' },
  ]);
  // The next segment is current: its 101% match is offered, and its markup stays text.
  await expect(page.locator('[data-match="0"]')).toContainText('101%');
  await expect(page.locator('[data-match="0"]')).toContainText('context');
  await page.keyboard.press('Control+1');
  await expect(box(page)).toHaveValue('<b>The forum</b> opened in Baku.');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(box(page)).toHaveValue('The parties signed eight agreements.');
  const edits = await calls(page, 'edit_translation');
  expect(edits).toEqual([{ id: 7, segment: 1, lang: 'en', text: '<b>The forum</b> opened in Baku.' }]);
  await expect(page.locator('[data-segment-row="1"] p[lang="en"]')).toHaveText('<b>The forum</b> opened in Baku.');
  await expect(page.locator('[role=grid] b')).toHaveCount(0);
});

test('fragments the memory holds are listed under the matches, set apart in the source, and Ctrl+Shift+1 inserts one', async ({
  page,
}) => {
  const source = 'Президенты обменялись мнениями по вопросам экономики.';
  const run = 'обменялись мнениями по вопросам';
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  const start = bytes(source.slice(0, source.indexOf(run)));
  const fragment = { source: run, target: 'exchanged views on', start, end: start + bytes(run), units: 3, unit: 5 };
  await open(page, { src: 'ru', targets: ['en'], sources: [source, 'Форум открылся в Баку.'], matches: {}, fragments: { 0: [fragment] } });
  const panel = page.locator('aside.matches');
  // Asked again once the word alignment is learned, which the view asks for on opening.
  await expect(panel.locator('[data-fragment]')).toHaveCount(1);
  expect(await calls(page, 'learn_word_alignment')).toHaveLength(1);
  await expect(panel.locator('[data-fragment="0"]')).toContainText('Ctrl+Shift+1');
  await expect(panel.locator('[data-fragment="0"] .target')).toHaveText('exchanged views on');
  await expect(panel.locator('[data-fragment="0"]')).toContainText('in 3 units');
  await expect(page.locator('[data-segment-row="0"] .fragment')).toHaveText(run);
  await box(page).fill('The presidents');
  await page.keyboard.press('Control+Shift+Digit1');
  await expect(box(page)).toHaveValue('The presidents exchanged views on');
  // The next segment has none: nothing listed, nothing set apart.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.locator('[data-segment-row="1"] textarea')).toBeFocused();
  await expect(panel.locator('[data-fragment]')).toHaveCount(0);
  await expect(page.locator('.fragment')).toHaveCount(0);
});

test('pre-translate fills segments at or above the threshold, marked by score', async ({ page }) => {
  await open(page);
  await page.getByLabel('Lowest match score').fill('90');
  await page.getByRole('button', { name: 'Pre-translate' }).click();
  await expect(page.getByRole('status')).toContainText('2 fuzzy');
  expect(await calls(page, 'pretranslate')).toEqual([expect.objectContaining({ id: 7, min: 90 })]);
  await expect(page.locator('[data-segment-row="1"] .badge')).toHaveText('101%');
  await expect(page.locator('[data-segment-row="1"] .badge')).toHaveAttribute('title', 'Filled from a 101% match (context)');
  await expect(page.locator('[data-segment-row="1"] .target')).toHaveClass(/pretranslated/);
  // The score sits beside the text box, never over its corner.
  const cell = page.locator('[data-segment-row="1"] .target').first();
  await cell.click();
  await expect(cell.locator('textarea')).toBeVisible();
  const apart = await cell.evaluate((c) => {
    const a = c.querySelector('.badge')!.getBoundingClientRect();
    const b = c.querySelector('textarea')!.getBoundingClientRect();
    return a.bottom <= b.top || a.right <= b.left || a.left >= b.right || a.top >= b.bottom;
  });
  expect(apart).toBe(true);
});

test('markup in segment text is shown as text and never runs', async ({ page }) => {
  await open(page);
  await expect(page.locator('[data-segment-row="2"]')).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(page.locator('[role=grid] img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('glossary terms are highlighted in the source and Alt+1 inserts the term at the caret', async ({ page }) => {
  await open(page, { src: 'ru', targets: ['en', 'az'], sources: ['Открылся межрегиональный форум.'], matches: {} });
  await expect(page.locator('[data-segment-row="0"] mark')).toHaveText('форум');
  await expect(page.locator('[data-term="0"]')).toContainText('forum');
  // The forbidden English term is shown struck through, never inserted.
  await expect(page.locator('[data-term="0"] s.forbidden')).toHaveText('conclave');
  await expect(page.locator('[data-term="0"] s.forbidden')).toHaveAttribute('title', 'Forbidden term: do not use');
  await box(page).fill('The opened.');
  await box(page).evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4, 4));
  await page.keyboard.press('Alt+1');
  await expect(box(page)).toHaveValue('The forum opened.');
  await page.keyboard.press('Control+Enter');
  expect(await calls(page, 'confirm_translation')).toEqual([{ id: 7, segment: 0, lang: 'en', text: 'The forum opened.' }]);
  // The other target language is a key away, its term offered in Azerbaijani (none here).
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page.getByRole('textbox', { name: 'Translation into az' })).toBeFocused();
  await expect(page.locator('[data-term="0"]')).toBeDisabled();
});

test('a term split by an inserted word is highlighted whole, the inserted word set apart', async ({ page }) => {
  const source = 'Открылся межрегиональный российско-азербайджанский форум.';
  await open(page, { src: 'ru', targets: ['en'], sources: [source], matches: {} });
  const term = page.locator('[data-segment-row="0"] mark.split');
  await expect(term).toHaveText('межрегиональный российско-азербайджанский форум');
  await expect(term.locator('.inserted')).toHaveText('российско-азербайджанский');
  await expect(term).toHaveAttribute(
    'title',
    'межрегиональный форум\nSplit term: “российско-азербайджанский” stands between its words\nen: inter-regional forum',
  );
  await expect(page.locator('[data-term="0"] .split')).toHaveText('split: российско-азербайджанский');
  // Alt+1 inserts the term's translation as for any term.
  await page.keyboard.press('Alt+1');
  await expect(box(page)).toHaveValue('inter-regional forum');
});

test('a pasted text becomes a job in the chosen languages', async ({ page }) => {
  await page.addInitScript(installBackend, []);
  await page.addInitScript(installTranslateBackend, { src: 'ru', targets: [], sources: [], matches: {} });
  await page.addInitScript(() => localStorage.setItem('dragoman.locale', 'en'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Translate' }).click();
  await page.getByLabel('Name').fill('Talks');
  await page.getByLabel('Source language').selectOption('az');
  await page.getByRole('checkbox', { name: 'ru' }).check();
  await page.getByLabel('Paste the source text here, or drop a .txt, .docx, .html or XLIFF file').fill('Forum açıldı. <i>Tərəflər</i> görüşdü.');
  await page.getByRole('button', { name: 'Segment and open' }).click();
  await expect(page.getByRole('grid', { name: 'Translation' })).toBeVisible();
  expect(await calls(page, 'new_translation')).toEqual([
    { name: 'Talks', src: 'az', targets: ['ru', 'en'], text: 'Forum açıldı. <i>Tərəflər</i> görüşdü.', srx: null },
  ]);
  await expect(page.locator('[data-segment-row="1"]')).toContainText('<i>Tərəflər</i> görüşdü.');
  await expect(page.getByRole('textbox', { name: 'Translation into ru' })).toBeFocused();
});

async function openForm(page: Page) {
  await page.addInitScript(installBackend, []);
  await page.addInitScript(installTranslateBackend, { src: 'ru', targets: [], sources: [], matches: {} });
  await page.addInitScript(() => localStorage.setItem('dragoman.locale', 'en'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Translate' }).click();
}

/** Drop a file named `name` holding `text` on `target`. */
/** Drop a file on `target`, or pick it when `target` is a file input. */
async function dropFile(target: Locator, name: string, text: string) {
  await target.evaluate(
    (element, [name, text]) => {
      const files = new DataTransfer();
      files.items.add(new File([text!], name!));
      if (element instanceof HTMLInputElement) {
        element.files = files.files;
        element.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        element.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
      }
    },
    [name, text],
  );
}

const PASTE = 'Paste the source text here, or drop a .txt, .docx, .html or XLIFF file';

test('a dropped DOCX is read by the backend, its language detected, and kept by the job', async ({ page }) => {
  await openForm(page);
  await dropFile(page.getByLabel(PASTE), 'bəyanat.docx', 'Forum açıldı. Tərəflər görüşdü.');
  await expect(page.getByLabel(PASTE)).toHaveValue('Forum açıldı. Tərəflər görüşdü.');
  await expect(page.getByLabel('Source language')).toHaveValue('az');
  await expect(page.getByText('detected')).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('bəyanat');
  expect((await calls(page, 'read_document')).map((a) => a.name)).toEqual(['bəyanat.docx']);
  await page.getByLabel('Source language').selectOption('ru');
  await expect(page.getByText('detected')).toHaveCount(0);
  await page.getByRole('button', { name: 'Segment and open' }).click();
  await expect(page.getByRole('grid', { name: 'Translation' })).toBeVisible();
  const sent = await calls(page, 'new_translation_from_document');
  expect(sent.map((a) => [a.name, a.file, a.src, a.targets])).toEqual([['bəyanat', 'bəyanat.docx', 'ru', ['en']]]);
  expect(await uploaded(page, sent[0]!.upload)).toBe('Forum açıldı. Tərəflər görüşdü.');
  expect(await calls(page, 'new_translation')).toEqual([]);
});

test('imported SRX rules go with the text, and the built-in ones can be taken back', async ({ page }) => {
  await openForm(page);
  await page.getByLabel(PASTE).fill('Первое. Второе; третье.');
  await dropFile(page.getByLabel('Import SRX…'), 'semicolon.srx', '<srx>rules</srx>');
  await expect(page.locator('.rules')).toContainText('semicolon.srx');
  await page.getByRole('button', { name: 'Segment and open' }).click();
  await expect(page.getByRole('grid', { name: 'Translation' })).toBeVisible();
  expect((await calls(page, 'new_translation')).map((a) => a.srx)).toEqual(['<srx>rules</srx>']);
});

test('a dropped file whose text is edited becomes a pasted text', async ({ page }) => {
  await openForm(page);
  await dropFile(page.getByLabel(PASTE), 'bəyanat.docx', 'Forum açıldı.');
  await expect(page.getByLabel(PASTE)).toHaveValue('Forum açıldı.');
  await page.getByLabel(PASTE).fill('Forum açıldı. Tərəflər görüşdü.');
  await page.getByRole('button', { name: 'Segment and open' }).click();
  await expect(page.getByRole('grid', { name: 'Translation' })).toBeVisible();
  expect((await calls(page, 'new_translation')).map((a) => a.text)).toEqual(['Forum açıldı. Tərəflər görüşdü.']);
  expect(await calls(page, 'new_translation_from_document')).toEqual([]);
});

test('a dropped XLIFF keeps its segments, translations and languages', async ({ page }) => {
  await openForm(page);
  const xliff = `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="az" trgLang="ru">
  <file id="f"><unit id="u"><segment><source>Forum açıldı.</source><target>Форум &lt;b&gt;открылся&lt;/b&gt;.</target></segment>
  <segment><source>Tərəflər görüşdü.</source></segment></unit></file>
</xliff>`;
  await dropFile(page.getByLabel(PASTE), 'statement.xlf', xliff);
  await expect(page.getByText('statement.xlf: its segments, translations and languages are kept')).toBeVisible();
  await expect(page.getByLabel('Source language')).toBeDisabled();
  await page.getByRole('button', { name: 'Segment and open' }).click();
  await expect(page.getByRole('grid', { name: 'Translation' })).toBeVisible();
  const sent = await calls(page, 'new_translation_from_xliff');
  expect(sent.map((a) => [a.name, a.tgt])).toEqual([['statement', 'en']]);
  expect(await uploaded(page, sent[0]!.upload)).toBe(xliff);
  expect(await calls(page, 'read_document')).toEqual([]);
  await expect(page.getByRole('textbox', { name: 'Translation into ru' })).toHaveValue('Форум <b>открылся</b>.');
  await expect(page.locator('[data-segment-row="0"] .target')).toHaveClass(/edited/);
  await expect(page.locator('[role=grid] b')).toHaveCount(0);
  // The CAT tool writes its own original back: there is none to export here.
  await expect(page.locator('option[value="original"]')).toBeDisabled();
});

test('a file of another kind is refused by name', async ({ page }) => {
  await openForm(page);
  await dropFile(page.getByLabel(PASTE), 'scan.pdf', '%PDF');
  await expect(page.getByRole('alert')).toHaveText('scan.pdf is not a .txt, .docx, .html or XLIFF file.');
});

test('export writes the current target language, the draft saved first, and reports the file', async ({ page }) => {
  await open(page);
  await box(page).fill('The parties signed eight agreements.');
  await page.getByLabel('Export en').selectOption('xliff21');
  await expect(page.getByRole('status')).toHaveText(
    '1 of 3 segments translated; exported to /home/me/Documents/Dragoman/statement.en.xlf',
  );
  const sent = await page.evaluate(() =>
    (window as unknown as { __calls: { cmd: string }[] }).__calls
      .map((c) => c.cmd)
      .filter((c) => c === 'edit_translation' || c === 'export_translation'),
  );
  expect(sent).toEqual(['edit_translation', 'export_translation']);
  expect(await calls(page, 'export_translation')).toEqual([{ id: 7, lang: 'en', format: 'xliff21' }]);
  await page.getByLabel('Export en').selectOption('text');
  await expect(page.getByRole('status')).toContainText('statement.en.txt');
  await page.getByLabel('Export en').selectOption('The document in its format (DOCX)');
  await expect(page.getByRole('status')).toContainText('statement.en.docx');
  expect((await calls(page, 'export_translation')).map((a) => a.format)).toEqual(['xliff21', 'text', 'original']);
  await expect(page.getByLabel('Export en')).toHaveValue('');
});

test('what is typed is saved once typing pauses, before moving on', async ({ page }) => {
  await open(page);
  await box(page).fill('The parties signed');
  await expect.poll(() => calls(page, 'edit_translation'), { timeout: 5000 }).toEqual([
    { id: 7, segment: 0, lang: 'en', text: 'The parties signed' },
  ]);
  await expect(box(page)).toBeFocused();
});

test('Ctrl+K searches the memory for the selected source words, in inflected forms', async ({ page }) => {
  const hit = {
    unit: 3,
    lang: 'ru',
    pieces: [
      { text: 'Стороны ', hit: false },
      { text: 'подписали', hit: true },
      { text: ' <script>window.__pwned=1</script>', hit: false },
    ],
    translations: [
      ['az', 'Tərəflər imzaladılar.'],
      ['en', 'The parties signed.'],
    ],
    changed: '2026-11-02',
  };
  await open(page, { ...JOB, concordance: { подписали: [hit] } });
  // Select a word of the source with the mouse: the grid has the focus, not the text box.
  await page.locator('[data-segment-row="0"] [role=gridcell]').first().evaluate((cell) => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node: Node | null;
    while ((node = walker.nextNode()) && !node.textContent?.includes('подписали'));
    const range = document.createRange();
    const at = node!.textContent!.indexOf('подписали');
    range.setStart(node!, at);
    range.setEnd(node!, at + 'подписали'.length);
    (cell.closest('[role=grid]') as HTMLElement).focus();
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  await page.keyboard.press('Control+k');
  expect(await calls(page, 'search_concordance')).toEqual([{ phrase: 'подписали', inflected: true, limit: 50 }]);
  const found = page.locator('[data-concordance="0"]');
  await expect(found.locator('mark')).toHaveText('подписали');
  await expect(found.locator('.translation').first()).toHaveText('en The parties signed.');
  await expect(found).toContainText('<script>window.__pwned=1</script>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // Ctrl+K puts the concordance above the matches, until the segment changes.
  const top = (selector: string) => page.locator(selector).evaluate((e) => e.getBoundingClientRect().top);
  expect(await top('.concordance')).toBeLessThan(await top('.matches'));

  const search = page.getByRole('searchbox', { name: 'Search the memory (Ctrl+K)' });
  await expect(search).toHaveValue('подписали');
  await search.fill('форум');
  await search.press('Enter');
  await expect(page.getByText('“форум” is not in the memory.')).toBeVisible();
  await page.getByLabel('Inflected forms').uncheck();
  await expect.poll(() => calls(page, 'search_concordance')).toContainEqual({ phrase: 'форум', inflected: false, limit: 50 });
});

test('F1 works right after switching to the Translate view, and Escape closes it', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Align' }).click();
  await page.getByRole('button', { name: 'Translate' }).click();
  await page.keyboard.press('F1');
  const help = page.getByRole('complementary', { name: 'Translate view' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});

test('F1 lists the Translate view keys and closes again', async ({ page }) => {
  await open(page);
  await box(page).focus();
  await page.keyboard.press('F1');
  const help = page.getByRole('complementary', { name: 'Translate view' });
  await expect(help).toContainText('Ctrl+K');
  await expect(help).toContainText('Search the memory for the selected words');
  await expect(help).toContainText('Insert glossary term 1…9');
  await page.keyboard.press('F1');
  await expect(help).toHaveCount(0);
});

test('inline codes show as tokens, F9 puts in the next one, and they reach the backend as codes', async ({ page }) => {
  const [open1, close1, alone2] = ['\ue000', '\ue400', '\ue801'];
  await open(page, {
    ...JOB,
    sources: [`Президент ${open1}Ильхам Алиев${close1} прибыл${alone2}.`, 'Форум открылся в Баку.'],
    matches: {},
  });
  const source = page.locator('[data-segment-row="0"] [role=gridcell]').first();
  await expect(source.locator('.code')).toHaveText(['<1>', '</1>', '<2/>']);
  await box(page).focus();
  await page.keyboard.type('President ');
  await page.keyboard.press('F9');
  await page.keyboard.type('Ilham Aliyev');
  await page.keyboard.press('F9');
  await page.keyboard.type(' arrived');
  await page.keyboard.press('F9');
  await page.keyboard.type('.');
  await expect(box(page)).toHaveValue('President <1>Ilham Aliyev</1> arrived<2/>.');
  // With every code in, F9 adds nothing.
  await page.keyboard.press('F9');
  await expect(box(page)).toHaveValue('President <1>Ilham Aliyev</1> arrived<2/>.');
  await page.keyboard.press('Control+Enter');
  expect(await calls(page, 'confirm_translation')).toEqual([
    { id: 7, segment: 0, lang: 'en', text: `President ${open1}Ilham Aliyev${close1} arrived${alone2}.` },
  ]);
  await expect(page.locator('[data-segment-row="0"] p[lang="en"] .code')).toHaveText(['<1>', '</1>', '<2/>']);
});

test('the target box grows with a long translation', async ({ page }) => {
  await open(page);
  const height = () => box(page).evaluate((e) => e.getBoundingClientRect().height);
  const two = await height();
  await box(page).fill(Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1} of a long pre-filled match.`).join(' '));
  await expect.poll(height).toBeGreaterThan(two * 2);
});
