import { describe, expect, it } from 'vitest';
import type { TermForm } from '$lib/api';
import type { Pick } from './picks';
import { draftTerms, glossaryChoices } from './quickAdd.svelte';

const pick = (lang: string, context: string, text: string): Pick => {
  const start = context.indexOf(text);
  return { lang, text, context, start, end: start + text.length };
};

describe('quick add review', () => {
  it('offers each selection in its proposed form and keeps the words as selected', () => {
    const picks = [pick('ru', 'у Корейского полуострова', 'орейского полуостр'), pick('en', 'the Korean Peninsula', 'Korean Peninsula')];
    const forms: TermForm[] = [
      { start: 2, end: 24, selected: 'Корейского полуострова', proposed: 'Корейский полуостров' },
      { start: 4, end: 20, selected: 'Korean Peninsula', proposed: 'Korean Peninsula' },
    ];
    expect(draftTerms(picks, forms)).toEqual([
      { lang: 'ru', selected: 'Корейского полуострова', text: 'Корейский полуостров' },
      { lang: 'en', selected: 'Korean Peninsula', text: 'Korean Peninsula' },
    ]);
  });

  it('has nothing to offer when a selection holds no word', () => {
    const picks = [pick('ru', 'форум, «', ', «'), pick('en', 'forum', 'forum')];
    expect(draftTerms(picks, [null, { start: 0, end: 5, selected: 'forum', proposed: 'forum' }])).toBeNull();
  });

  it('lists the other glossaries without repeating the accepted terms’ one', () => {
    expect(glossaryChoices(['Принятые термины', 'diplomatic', 'accepted'], 'Принятые термины')).toEqual([
      'diplomatic',
      'accepted',
    ]);
  });
});
