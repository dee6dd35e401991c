import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGES, pickLocale, translate, type Locale, type MessageKey } from './messages';

// Plain `{name}` and plural `{name, plural, …}` alike.
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)[},]/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('gives every locale the same placeholders as English, and no empty text', () => {
    for (const locale of LOCALES) {
      for (const key of Object.keys(MESSAGES.en) as MessageKey[]) {
        expect(MESSAGES[locale][key].trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholders(MESSAGES[locale][key]), `${locale} ${key}`).toEqual(
          placeholders(MESSAGES.en[key]),
        );
      }
    }
  });

  it('translates rather than echoing English', () => {
    expect(translate('ru', 'action.undo')).toBe('Отменить');
    expect(translate('az', 'help.title')).toBe('Klaviatura qısayolları');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'error.textCount', { count: 4 })).toBe(
      'Alignment takes two or three texts, not 4.',
    );
    expect(translate('en', 'error.invalidLanguage')).toBe('“{tag}” is not a language tag.');
  });

  it('agrees a counted word with its number as each language does', () => {
    const used = (locale: Locale, count: number) => translate(locale, 'memory.used', { count });
    expect([1, 2, 5].map((n) => used('en', n))).toEqual(['used 1 time', 'used 2 times', 'used 5 times']);
    expect([1, 2, 5, 11, 21, 22, 0].map((n) => used('ru', n))).toEqual([
      'использовано 1 раз',
      'использовано 2 раза',
      'использовано 5 раз',
      'использовано 11 раз',
      'использовано 21 раз',
      'использовано 22 раза',
      'использовано 0 раз',
    ]);
    expect(used('az', 3)).toBe('3 dəfə istifadə edilib');
  });

  it('counts units and beads in the singular for one', () => {
    expect(translate('en', 'memory.deleted', { count: 1 })).toBe('1 unit deleted');
    expect(translate('en', 'memory.confirmDelete', { count: 3 })).toBe('Delete 3 units from the memory?');
    expect(translate('en', 'approve.report', { added: 1, skipped: 0 })).toBe(
      'Approved: 1 unit added, 0 already in the memory',
    );
    expect(translate('ru', 'translate.pretranslate')).toBe('Предварительный перевод');
    expect(translate('az', 'action.deleteBead')).not.toContain('cüt');
  });

  it('leaves a plural without its number visible', () => {
    expect(translate('en', 'memory.used')).toBe(MESSAGES.en['memory.used']);
  });

  it('picks the first preferred language it speaks', () => {
    expect(pickLocale(['de-DE', 'az-Latn-AZ', 'ru'])).toBe('az');
    expect(pickLocale(['ru-RU'])).toBe('ru');
    expect(pickLocale(['fr'])).toBe('en');
  });
});
