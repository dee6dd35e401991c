import { describe, expect, it } from 'vitest';
import { blocker, emptySlot, isDocument, languagesInUse, projectName, textsToAlign, type Slot } from './sources';

const slot = (lang: string, text: string, file = ''): Slot => ({ ...emptySlot(), lang, text, file });

describe('new alignment sources', () => {
  it('accepts text, Word and HTML files by extension', () => {
    expect(['a.TXT', 'b.docx', 'c.html', 'd.htm'].every(isDocument)).toBe(true);
    expect(isDocument('e.pdf')).toBe(false);
    expect(isDocument('noextension')).toBe(false);
    expect(projectName('forum.ru.docx')).toBe('forum.ru');
  });

  it('needs two texts, each with a language', () => {
    expect(blocker([slot('ru', 'Текст.'), slot('', ' '), emptySlot()])).toBe('new.needTwo');
    expect(blocker([slot('ru', 'Текст.'), slot('', 'Text.'), emptySlot()])).toBe('new.needLanguage');
    expect(blocker([slot('ru', 'Текст.'), emptySlot(), slot('en', 'Text.')])).toBeNull();
  });

  it('sends the filled slots with their language rules and names', () => {
    const slots = [slot('ru', 'Текст.', 'ru.docx'), emptySlot(), slot('en', 'Text.')];
    const rules = { ru: { file: 'mine.srx', srx: '<srx/>' } };
    expect(textsToAlign(slots, rules, 'Pasted text')).toEqual([
      { name: 'ru.docx', lang: 'ru', text: 'Текст.', srx: '<srx/>' },
      { name: 'Pasted text 2', lang: 'en', text: 'Text.', srx: null },
    ]);
  });

  it('offers one rules choice per language in use', () => {
    expect(languagesInUse([slot('en', 'A.'), slot('', 'B.'), slot('en', 'C.')])).toEqual(['en']);
  });
});
