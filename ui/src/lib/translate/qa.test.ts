import { describe, expect, it } from 'vitest';
import type { QaItemView } from '$lib/api';
import { groupQa, qaDetail } from './qa';

const item = (segment: number, issue: QaItemView['issue']): QaItemView => ({ segment, lang: 'en', issue });

describe('groupQa', () => {
  it('groups by kind in a fixed order and leaves out kinds without items', () => {
    const groups = groupQa([
      item(3, { kind: 'numbers', missing: ['7'], extra: ['8'] }),
      item(0, { kind: 'empty' }),
      item(5, { kind: 'empty' }),
    ]);
    expect(groups.map((g) => [g.kind, g.items.map((i) => i.segment)])).toEqual([
      ['empty', [0, 5]],
      ['numbers', [3]],
    ]);
  });
});

describe('qaDetail', () => {
  it('shows segments 1-based and the expected terms', () => {
    expect(qaDetail({ kind: 'inconsistentTarget', others: [0, 4] })).toEqual(['qa.others', { others: '1, 5' }]);
    expect(qaDetail({ kind: 'missingTerm', sourceTerm: 'форума', expected: ['forum'] })).toEqual([
      'qa.expected',
      { term: 'форума', expected: 'forum' },
    ]);
    expect(qaDetail({ kind: 'untranslated' })).toBeNull();
  });
});
