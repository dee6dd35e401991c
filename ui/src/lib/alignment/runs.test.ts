import { describe, expect, it } from 'vitest';
import type { TermMatch } from '$lib/api';
import { insertedWords, markSpans, termRuns, termTitle } from './runs';

function term(start: number, end: number, name = 'term'): TermMatch {
  return { start, end, inserted: [], concept: name, term: name, translations: [], forbidden: [] };
}

/** The byte span of `part` in `text`, as the backend reports it. */
function bytes(text: string, part: string): [number, number] {
  const at = text.indexOf(part);
  const encoder = new TextEncoder();
  const start = encoder.encode(text.slice(0, at)).length;
  return [start, start + encoder.encode(part).length];
}

describe('termRuns', () => {
  it('leaves a text without terms as one plain run', () => {
    expect(termRuns('Baku hosts the forum.', [])).toEqual([{ text: 'Baku hosts the forum.' }]);
  });

  it('gives nothing for an empty text', () => {
    expect(termRuns('', [])).toEqual([]);
  });

  it('converts byte spans to string indices in Cyrillic and Azerbaijani text', () => {
    const ru = 'Открылся межрегионального форума в Баку.';
    const hit = term(...bytes(ru, 'межрегионального форума'));
    expect(termRuns(ru, [hit])).toEqual([
      { text: 'Открылся ' },
      { text: 'межрегионального форума', term: hit },
      { text: ' в Баку.' },
    ]);
    const az = 'Bakıda regionlararası forumda';
    const forum = term(...bytes(az, 'regionlararası forumda'));
    expect(termRuns(az, [forum]).map((r) => r.text)).toEqual(['Bakıda ', 'regionlararası forumda']);
  });

  it('counts characters outside the Basic Multilingual Plane as four bytes', () => {
    const text = '𝔸 forum';
    const hit = term(...bytes(text, 'forum'));
    expect(termRuns(text, [hit])).toEqual([{ text: '𝔸 ' }, { text: 'forum', term: hit }]);
  });

  it('keeps the first, then longest, of overlapping terms whatever their order', () => {
    const text = 'inter-regional forum';
    const whole = term(0, 20, 'whole');
    const inner = term(15, 20, 'inner');
    const runs = termRuns(text, [inner, whole]);
    expect(runs).toEqual([{ text, term: whole }]);
  });

  it('cuts a split term at the words standing inside it', () => {
    const text = 'В межрегиональном российско-азербайджанском форуме.';
    const [start, end] = bytes(text, 'межрегиональном российско-азербайджанском форуме');
    const [from, to] = bytes(text, 'российско-азербайджанском');
    const hit: TermMatch = { ...term(start, end), inserted: [{ start: from, end: to, text: 'российско-азербайджанском' }] };
    expect(termRuns(text, [hit])).toEqual([
      { text: 'В ' },
      {
        text: 'межрегиональном российско-азербайджанском форуме',
        term: hit,
        pieces: [
          { text: 'межрегиональном ', inserted: false },
          { text: 'российско-азербайджанском', inserted: true },
          { text: ' форуме', inserted: false },
        ],
      },
      { text: '.' },
    ]);
  });

  it('shows a split term whole when its inserted words do not fall inside it', () => {
    const text = 'joint Russian statement';
    const outside: TermMatch = { ...term(6, 23), inserted: [{ start: 0, end: 5, text: 'joint' }] };
    expect(termRuns(text, [outside])).toEqual([{ text: 'joint ' }, { text: 'Russian statement', term: outside }]);
  });

  it('ignores spans that cut a character or run past the text', () => {
    const text = 'Баку';
    expect(termRuns(text, [term(1, 4), term(0, 99)])).toEqual([{ text }]);
  });
});

describe('termTitle', () => {
  it('lists translations by language under the dictionary form', () => {
    const hit: TermMatch = {
      ...term(0, 1, 'переговоры'),
      translations: [
        { lang: 'az', text: 'danışıqlar' },
        { lang: 'en', text: 'negotiations' },
        { lang: 'en', text: 'talks' },
      ],
    };
    expect(termTitle(hit)).toBe('переговоры\naz: danışıqlar\nen: negotiations; talks');
  });

  it('marks forbidden translations after the usable ones of their language', () => {
    const hit: TermMatch = {
      ...term(0, 1, 'саммит'),
      translations: [{ lang: 'en', text: 'summit' }],
      forbidden: [
        { lang: 'en', text: 'top meeting' },
        { lang: 'az', text: 'zirvə görüşü' },
      ],
    };
    expect(termTitle(hit)).toBe('саммит\nen: summit; ✗ top meeting\naz: ✗ zirvə görüşü');
  });

  it('puts a note on a split term under its dictionary form', () => {
    const hit: TermMatch = {
      ...term(0, 1, 'межрегиональный форум'),
      inserted: [
        { start: 0, end: 1, text: 'российско-азербайджанском' },
        { start: 2, end: 3, text: 'Каспийском' },
      ],
      translations: [{ lang: 'en', text: 'inter-regional forum' }],
    };
    expect(insertedWords(hit)).toBe('российско-азербайджанском … Каспийском');
    expect(termTitle(hit, 'split')).toBe('межрегиональный форум\nsplit\nen: inter-regional forum');
  });
});

describe('markSpans', () => {
  const text = 'Стороны обменялись мнениями по межрегионального форума вопросам.';
  const span = (part: string) => {
    const [start, end] = bytes(text, part);
    return { start, end };
  };

  it('marks a span across plain text and a term, cutting both at its edges', () => {
    const hit = term(...bytes(text, 'межрегионального форума'));
    const runs = markSpans(text, termRuns(text, [hit]), [span('мнениями по межрегионального')]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(runs.filter((r) => r.marked).map((r) => r.text)).toEqual(['мнениями по ', 'межрегионального']);
    expect(runs.find((r) => r.text === ' форума')?.term).toBe(hit);
    expect(runs.find((r) => r.text === 'межрегионального')?.term).toBe(hit);
  });

  it('leaves the runs as they were without spans, or with spans off character boundaries', () => {
    const runs = termRuns(text, []);
    expect(markSpans(text, runs, [])).toEqual(runs);
    expect(markSpans(text, runs, [{ start: 1, end: 5 }])).toEqual(runs);
  });
});
