import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TermMatch } from '$lib/api';
import { TermCache } from './termCache.svelte';

const findTerms = vi.hoisted(() => vi.fn<(lang: string, texts: string[]) => Promise<TermMatch[][]>>());
vi.mock('$lib/api', () => ({ findTerms }));

const hit = (term: string): TermMatch => ({ start: 0, end: term.length, concept: term, term, inserted: [], translations: [], forbidden: [] });

/** Let the cache send what it was asked for, and the answers arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('TermCache', () => {
  beforeEach(() => {
    findTerms.mockReset();
    findTerms.mockImplementation(async (_lang, texts) => texts.map((text) => [hit(text)]));
  });

  it('asks once per language for the texts read in one pass, and remembers the answers', async () => {
    const cache = new TermCache();
    expect(cache.get('ru', 'форум')).toEqual([]);
    cache.get('ru', 'саммит');
    cache.get('ru', 'форум');
    cache.get('en', 'forum');
    await settle();
    expect(findTerms.mock.calls).toEqual([
      ['ru', ['форум', 'саммит']],
      ['en', ['forum']],
    ]);
    expect(cache.get('ru', 'саммит')).toEqual([hit('саммит')]);
    await settle();
    expect(findTerms).toHaveBeenCalledTimes(2);
  });

  it('asks again after a failure, and after being cleared', async () => {
    const cache = new TermCache();
    findTerms.mockRejectedValueOnce(new Error('busy'));
    cache.get('en', 'forum');
    await settle();
    expect(cache.get('en', 'forum')).toEqual([]);
    await settle();
    expect(cache.get('en', 'forum')).toEqual([hit('forum')]);
    cache.clear();
    expect(cache.get('en', 'forum')).toEqual([]);
    await settle();
    expect(findTerms).toHaveBeenCalledTimes(3);
  });
});
