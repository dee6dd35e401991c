import { describe, expect, it } from 'vitest';
import { TermPicks, type Pick } from './picks';

/** A pick of the whole of `text`. */
const pick = (lang: string, text: string): Pick => ({ lang, text, context: text, start: 0, end: text.length });

describe('TermPicks', () => {
  it('pairs the newest selection with the one before it in another language', () => {
    const picks = new TermPicks();
    expect(picks.pair()).toBeNull();
    picks.note(pick('ru', ' форум '));
    expect(picks.pair()).toBeNull();
    picks.note(pick('en', 'forum'));
    expect(picks.pair()?.map((p) => [p.lang, p.text])).toEqual([
      ['ru', 'форум'],
      ['en', 'forum'],
    ]);
    // The text it was selected in stays as it was, for the words to be found in it.
    expect(picks.pair()?.[0]).toMatchObject({ context: ' форум ', start: 0, end: 7 });
  });

  it('keeps one selection per language and ignores empty ones', () => {
    const picks = new TermPicks();
    picks.note(pick('ru', 'форум'));
    picks.note(pick('ru', 'межрегиональный форум'));
    picks.note(pick('en', '   '));
    picks.note(null);
    expect(picks.pair()).toBeNull();
    picks.note(pick('az', 'regionlararası forum'));
    expect(picks.pair()?.map((p) => p.text)).toEqual(['межрегиональный форум', 'regionlararası forum']);
    picks.clear();
    expect(picks.pair()).toBeNull();
  });
});
