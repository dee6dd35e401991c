import { describe, expect, it } from 'vitest';
import type { SegmentView, TargetStatus } from '$lib/api';
import { diffPieces, insertAt, matchKind, resumeAt, statusMark, storedPieces } from './matches';

describe('matches', () => {
  it('names the match type by score', () => {
    expect([101, 100, 99, 70].map(matchKind)).toEqual(['context', 'exact', 'fuzzy', 'fuzzy']);
  });

  it('shows a changed word as the stored one dropped and the new one added', () => {
    expect(
      diffPieces([
        { kind: 'same', word: 'Стороны' },
        { kind: 'changed', from: 'семь', to: 'восемь' },
        { kind: 'deleted', word: 'новых' },
        { kind: 'inserted', word: 'важных' },
      ]),
    ).toEqual([
      { text: 'Стороны', change: 'same' },
      { text: 'семь', change: 'deleted' },
      { text: 'восемь', change: 'inserted' },
      { text: 'новых', change: 'deleted' },
      { text: 'важных', change: 'inserted' },
    ]);
  });

  it('shows the stored source as written, its punctuation kept, with the diff marked in it', () => {
    const diff = [
      { kind: 'same', word: 'в' },
      { kind: 'same', word: 'этом' },
      { kind: 'changed', from: 'году', to: 'месяце' },
      { kind: 'same', word: 'но' },
      { kind: 'deleted', word: 'его' },
      { kind: 'inserted', word: 'их' },
    ] as const;
    const pieces = storedPieces('в этом году, но его.', diff);
    expect(pieces.map((p) => p.text).join('')).toBe('в этом году месяце, но его их.');
    expect(pieces.filter((p) => p.change !== 'same').map((p) => [p.text, p.change])).toEqual([
      ['году', 'deleted'],
      [' месяце', 'inserted'],
      ['его', 'deleted'],
      [' их', 'inserted'],
    ]);
    // A word the stored text does not hold in order: the plain word diff, spaced.
    expect(storedPieces('другой текст', diff).map((p) => p.text).join('')).toBe('в этом году месяце но его их');
  });

  it('inserts a term at the caret with a space where words would touch', () => {
    expect(insertAt('', 'forum', 0)).toEqual({ text: 'forum', caret: 5 });
    expect(insertAt('The opened.', 'forum', 3)).toEqual({ text: 'The forum opened.', caret: 9 });
    expect(insertAt('The ', 'forum', 4)).toEqual({ text: 'The forum', caret: 9 });
    expect(insertAt('The X.', 'forum', 4, 5)).toEqual({ text: 'The forum.', caret: 9 });
  });

  it('marks pre-translations with their score and leaves empty targets unmarked', () => {
    expect(statusMark({ kind: 'pretranslated', score: 87 })).toEqual({
      mark: '87%',
      title: 'translate.fromMatch',
      params: { score: 87, kind: 'fuzzy' },
    });
    expect(statusMark({ kind: 'confirmed' })?.title).toBe('translate.confirmed');
    expect(statusMark({ kind: 'empty' })).toBeUndefined();
  });
});

describe('resumeAt', () => {
  const segment = (...kinds: TargetStatus['kind'][]): SegmentView => ({
    paragraph: 0,
    source: 'x',
    targets: kinds.map((kind) => ({ text: '', status: kind === 'pretranslated' ? { kind, score: 90 } : { kind } })),
  });

  it('resumes at the first segment with a target left to confirm', () => {
    expect(resumeAt([segment('confirmed', 'confirmed'), segment('confirmed', 'empty'), segment('empty', 'empty')])).toBe(1);
    expect(resumeAt([segment('confirmed'), segment('pretranslated')])).toBe(1);
  });

  it('starts at the top when everything is confirmed', () => {
    expect(resumeAt([segment('confirmed'), segment('confirmed')])).toBe(0);
  });
});
