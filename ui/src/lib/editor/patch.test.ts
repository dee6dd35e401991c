import { describe, expect, it } from 'vitest';
import { applyPatches, byteOffset } from './patch';
import { missingConcepts, missingTerms } from './terms';
import type { TermMatch } from '$lib/api';

describe('applyPatches', () => {
  it('applies patches in order, each on what the previous left', () => {
    const beads = ['a', 'b', 'c', 'd'];
    const out = applyPatches(beads, [
      { at: 1, remove: 2, beads: ['bc'] },
      { at: 2, remove: 0, beads: ['x', 'y'] },
    ]);
    expect(out).toEqual(['a', 'bc', 'x', 'y', 'd']);
    expect(beads).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('byteOffset', () => {
  it('counts UTF-8 bytes of Cyrillic, Azerbaijani and astral characters', () => {
    expect(byteOffset('Форум открыт', 5)).toBe(10);
    expect(byteOffset('Əli gəldi', 4)).toBe(5);
    expect(byteOffset('a😀b', 3)).toBe(5);
  });
});

const hit = (concept: string): TermMatch => ({ start: 0, end: 1, concept, term: concept, inserted: [], translations: [], forbidden: [] });

describe('missingConcepts', () => {
  it('flags a source concept that another non-empty column lacks', () => {
    const sides = [['форум'], ['forum'], ['forum']];
    expect(missingConcepts(sides, [[[hit('f')]], [[hit('f')]], [[hit('f')]]])).toEqual([]);
    expect(missingConcepts(sides, [[[hit('f'), hit('g')]], [[hit('f')]], [[]]])).toEqual(['f', 'g']);
    expect(missingConcepts(sides, [[[]], [[hit('f')]], [[]]])).toEqual([]);
  });

  it('does not flag against an empty column', () => {
    expect(missingConcepts([['форум'], []], [[[hit('f')]], []])).toEqual([]);
  });
});

describe('missingTerms', () => {
  it('names each source term missing elsewhere and the languages it is missing in', () => {
    const sides = [['форум ООН'], ['forum'], ['forum']];
    const hits = [[[hit('f'), hit('un')]], [[hit('f')]], [[]]];
    expect(missingTerms(sides, hits, ['ru', 'en', 'az'])).toEqual([
      { term: 'f', langs: ['az'] },
      { term: 'un', langs: ['en', 'az'] },
    ]);
    expect(missingTerms([['форум'], []], [[[hit('f')]], []], ['ru', 'en'])).toEqual([]);
  });
});
