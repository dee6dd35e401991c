import { describe, expect, it } from 'vitest';
import { TermPicks } from './picks';

describe('TermPicks', () => {
  it('pairs the newest selection with the one before it in another language', () => {
    const picks = new TermPicks();
    expect(picks.pair()).toBeNull();
    picks.note({ lang: 'ru', text: ' форум ' });
    expect(picks.pair()).toBeNull();
    picks.note({ lang: 'en', text: 'forum' });
    expect(picks.pair()).toEqual([
      { lang: 'ru', text: 'форум' },
      { lang: 'en', text: 'forum' },
    ]);
  });

  it('keeps one selection per language and ignores empty ones', () => {
    const picks = new TermPicks();
    picks.note({ lang: 'ru', text: 'форум' });
    picks.note({ lang: 'ru', text: 'межрегиональный форум' });
    picks.note({ lang: 'en', text: '   ' });
    picks.note(null);
    expect(picks.pair()).toBeNull();
    picks.note({ lang: 'az', text: 'regionlararası forum' });
    expect(picks.pair()?.map((p) => p.text)).toEqual(['межрегиональный форум', 'regionlararası forum']);
    picks.clear();
    expect(picks.pair()).toBeNull();
  });
});
