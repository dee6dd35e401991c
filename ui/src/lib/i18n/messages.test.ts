import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGES, pickLocale, translate, type MessageKey } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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

  it('picks the first preferred language it speaks', () => {
    expect(pickLocale(['de-DE', 'az-Latn-AZ', 'ru'])).toBe('az');
    expect(pickLocale(['ru-RU'])).toBe('ru');
    expect(pickLocale(['fr'])).toBe('en');
  });
});
