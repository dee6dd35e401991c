// The term lists beside the grids, rendered to HTML on the server side of Svelte: the
// Translate view's MatchPanel and the alignment editor's TermPanel say a term is split
// and which words stand inside it.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { TermMatch } from '$lib/api';
import MatchPanel from './MatchPanel.svelte';
import TermPanel from './TermPanel.svelte';

const split: TermMatch = {
  start: 0,
  end: 10,
  inserted: [{ start: 3, end: 6, text: 'российско-<b>азербайджанском</b>' }],
  concept: 'dip-001',
  term: 'межрегиональный форум',
  translations: [{ lang: 'en', text: 'inter-regional forum' }],
  forbidden: [],
};
const together: TermMatch = { ...split, concept: 'dip-097', term: 'форум', inserted: [] };

function matchPanel(terms: TermMatch[]): string {
  const props = {
    matches: [],
    fragments: [],
    terms,
    lang: 'en',
    took: null,
    insertMatch: () => {},
    insertFragment: () => {},
    insertTerm: () => {},
  };
  return render(MatchPanel, { props }).body.replace(/<!--.*?-->/g, '');
}

function termPanel(terms: TermMatch[]): string {
  return render(TermPanel, { props: { terms, missing: [] } }).body.replace(/<!--.*?-->/g, '');
}

describe('term lists', () => {
  for (const [name, panel] of [
    ['MatchPanel', matchPanel],
    ['TermPanel', termPanel],
  ] as const) {
    it(`${name} labels a split term with the words inside it, as text`, () => {
      const body = panel([split, together]);
      expect(body).not.toContain('<b>');
      expect(body).toMatch(
        /<strong[^>]*>межрегиональный форум<\/strong> <small class="split[^"]*" title="Split term: “российско-&lt;b>азербайджанском&lt;\/b>” stands between its words">split: российско-&lt;b>азербайджанском&lt;\/b><\/small>/,
      );
      // Only the split one.
      expect(body.match(/class="split/g)).toHaveLength(1);
    });
  }
});
