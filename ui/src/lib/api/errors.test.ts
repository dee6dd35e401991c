import { describe, expect, it } from 'vitest';
import { preferences } from '$lib/i18n/locale.svelte';
import { CommandError, describeError } from './index';

describe('describeError', () => {
  it('says what went wrong for each kind of error', () => {
    expect(describeError({ kind: 'textCount', count: 4 })).toBe('Alignment takes two or three texts, not 4.');
    expect(describeError({ kind: 'invalidLanguage', tag: 'x' })).toBe('“x” is not a language tag.');
    expect(describeError({ kind: 'unreadableDocument', message: 'ru.docx: no word/document.xml inside' })).toBe(
      'The document cannot be read: ru.docx: no word/document.xml inside',
    );
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
