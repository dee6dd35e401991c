import { describe, expect, it } from 'vitest';
import { CommandError, describeError } from './index';

describe('describeError', () => {
  it('says what went wrong for each kind of error', () => {
    expect(describeError({ kind: 'textCount', count: 4 })).toBe('Alignment takes two or three texts, not 4.');
    expect(describeError({ kind: 'invalidLanguage', tag: 'x' })).toBe('“x” is not a language tag.');
    expect(describeError({ kind: 'unreadableDocument', message: 'ru.docx: no word/document.xml inside' })).toBe(
      'The document cannot be read: ru.docx: no word/document.xml inside',
    );
  });

  it('keeps the typed error on the thrown CommandError', () => {
    const e = new CommandError({ kind: 'noDataDirectory' });
    expect(e.error.kind).toBe('noDataDirectory');
    expect(e.message).toMatch(/no data folder/);
  });
});
