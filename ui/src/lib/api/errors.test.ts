/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { preferences } from '$lib/i18n/locale.svelte';
import type { AppError, LimitKind } from './bindings';
import bindings from './bindings.ts?raw';
import { CommandError, describeError } from './index';

// What each string field is filled with: a word of no language, left out of the checks.
const DATA = 'Ж';

// Every `{ kind: "…"; field: type }` case of the generated AppError union, so a kind
// added in Rust is checked here without anyone listing it.
function everyKind(): AppError[] {
  const union = (/export type AppError_Serialize =([\s\S]*?)\n\n/.exec(bindings)?.[1] ?? '')
    .replace(/\/\*\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ');
  const sample: Record<string, unknown> = {
    string: DATA,
    number: 7,
    'string | null': DATA,
    'number | null': 7,
    FileFormat: 'docx',
    IoProblem: 'other',
    ConceptPlace: { part: 'term', term: 7 },
    LimitKind: 'depth',
  };
  return [...union.matchAll(/\{ kind: "(\w+)"((?:; \w+: [^;}]+)*) \}/g)].map(([, kind, fields]) => {
    const error: Record<string, unknown> = { kind };
    for (const [, name, type] of (fields ?? '').matchAll(/; (\w+): ([^;]+)/g)) {
      expect(type! in sample, `a sample for ${type}`).toBe(true);
      error[name!] = sample[type!];
    }
    return error as AppError;
  });
}

// Names that stay as they are in every language: the app, units, file formats and extensions,
// Unicode's U+ notation, the language codes a table header uses, and what a team's messages
// quote to type: PostgreSQL's password variable and file, TLS, Unix sockets, and the commands
// an admin runs (`dragoman team init`, `dragoman team grant`).
const SAME_IN_EVERY_LANGUAGE = new Set([
  ...['Dragoman', 'SQLite', 'MB', 'UTF', 'U', 'XML', 'DOCX', 'TMX', 'TBX', 'XLIFF', 'csv', 'tsv', 'xlsx', 'tbx', 'en', 'ru', 'az'],
  ...['PGPASSWORD', 'pgpass', 'TLS', 'Unix', 'dragoman', 'team', 'init', 'grant'],
]);

describe('describeError', () => {
  it('says what went wrong for each kind of error', () => {
    expect(describeError({ kind: 'textCount', count: 4 })).toBe('Alignment takes two or three texts, not 4.');
    expect(describeError({ kind: 'invalidLanguage', tag: 'x' })).toBe('“x” is not a language tag.');
    expect(describeError({ kind: 'wrongFormat', file: 'ru.docx', expected: 'docx' })).toBe(
      'The file “ru.docx” is not a DOCX file.',
    );
  });

  // Russian must have no Latin word at all; Azerbaijani is written in Latin, so there no
  // word of the English sentence for the same error may appear.
  it('words every kind in Russian and Azerbaijani with no English word but quoted data', () => {
    const kinds = everyKind();
    expect(kinds.length).toBeGreaterThan(40);
    const words = (text: string) =>
      (text.match(/\p{L}+/gu) ?? []).filter((w) => w !== DATA && !SAME_IN_EVERY_LANGUAGE.has(w));
    try {
      for (const error of kinds) {
        preferences.setLocale('en');
        const english = new Set(words(describeError(error)).map((w) => w.toLowerCase()));
        preferences.setLocale('ru');
        const ru = describeError(error);
        expect(ru, error.kind).not.toMatch(/\{\w+\}/);
        expect(words(ru).filter((w) => /^[A-Za-z]+$/.test(w)), `ru ${error.kind}: ${ru}`).toEqual([]);
        preferences.setLocale('az');
        const az = describeError(error);
        expect(az, error.kind).not.toMatch(/\{\w+\}/);
        expect(words(az).filter((w) => english.has(w.toLowerCase())), `az ${error.kind}: ${az}`).toEqual([]);
      }
    } finally {
      preferences.setLocale('en');
    }
  });

  it('keeps a parser\'s detail quoted inside the sentence, and says where', () => {
    preferences.setLocale('ru');
    try {
      expect(describeError({ kind: 'malformed', file: 'a.tbx', line: 12, detail: 'unexpected </body>' })).toBe(
        'Файл «a.tbx» повреждён в строке 12, ничего не импортировано: «unexpected </body>»',
      );
      expect(describeError({ kind: 'emptyTerm', position: 2 })).toBe('У термина № 2 в этом понятии нет текста.');
      expect(describeError({ kind: 'unstorableInConcept', place: { part: 'note', term: 3 }, position: 5, code: '0007' })).toBe(
        'Примечание к термину № 3: невидимый управляющий символ (U+0007) в позиции 5. В глоссарии его хранить нельзя: удалите его и сохраните снова.',
      );
      expect(describeError({ kind: 'unstorableInSegment', lang: 'az', field: 'text', position: 12, code: '001B' })).toBe(
        'Текст (az): невидимый управляющий символ (U+001B) в позиции 12. В памяти его хранить нельзя: удалите его и повторите.',
      );
      preferences.setLocale('az');
      expect(describeError({ kind: 'writeFailed', path: null, problem: 'storageFull' })).toBe(
        'İxrac faylını yazmaq olmadı: disk doludur.',
      );
    } finally {
      preferences.setLocale('en');
    }
  });

  it('names every limit a file can go beyond, byte limits in megabytes', () => {
    const kinds = [...(/export type LimitKind =([\s\S]*?);/.exec(bindings)?.[1] ?? '').matchAll(/"(\w+)"/g)].map(
      ([, kind]) => kind as LimitKind,
    );
    expect(kinds).toHaveLength(8);
    try {
      for (const locale of ['en', 'ru', 'az'] as const) {
        preferences.setLocale(locale);
        const texts = kinds.map((limit) =>
          describeError({ kind: 'limitExceeded', file: 'a.xlsx', line: 3, limit, max: 5 << 20 }),
        );
        for (const text of texts) expect(text, locale).not.toMatch(/\{\w+\}|error\./);
        expect(new Set(texts).size, locale).toBe(kinds.length);
      }
      preferences.setLocale('en');
      expect(
        describeError({ kind: 'limitExceeded', file: 'big.docx', line: null, limit: 'unpackedBytes', max: 256 << 20 }),
      ).toBe(
        '“big.docx” was not read: it unpacks to more than 256 MB. Raise the limit under Limits (at the top of the window) to read it.',
      );
      preferences.setLocale('ru');
      expect(describeError({ kind: 'limitExceeded', file: 'a.tmx', line: 3, limit: 'depth', max: 256 })).toBe(
        'Файл «a.tmx» не прочитан: в строке 3 элементы вложены глубже 256 уровней. Чтобы прочитать его, поднимите предел в окне «Пределы» (вверху).',
      );
    } finally {
      preferences.setLocale('en');
    }
  });

  it('words the errors the UI acts on in the interface language, with no English inside', () => {
    preferences.setLocale('ru');
    try {
      expect(describeError({ kind: 'glossaryExists', name: 'Форум' })).toBe(
        'Глоссарий «Форум» уже есть: выберите другое название.',
      );
      expect(describeError({ kind: 'duplicateTerm', lang: 'en', text: 'forum' })).toBe(
        'Термин «forum» (en) указан в этом понятии дважды.',
      );
      expect(describeError({ kind: 'invalidDate', date: '2025-13-45' })).toBe(
        '«2025-13-45» — не дата: напишите её как ГГГГ-ММ-ДД.',
      );
      expect(describeError({ kind: 'noTargetLanguage' })).not.toMatch(/[a-z]/i);
      preferences.setLocale('az');
      expect(describeError({ kind: 'glossaryExists', name: 'Forum' })).toBe('“Forum” adlı lüğət artıq var: başqa ad seçin.');
    } finally {
      preferences.setLocale('en');
    }
  });

  it('keeps the typed error on the thrown CommandError', () => {
    const e = new CommandError({ kind: 'noDataDirectory' });
    expect(e.error.kind).toBe('noDataDirectory');
    expect(e.message).toMatch(/no data folder/);
  });
});
