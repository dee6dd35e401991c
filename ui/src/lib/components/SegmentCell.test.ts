// Rendered to HTML on the server side of Svelte: the markup a web view would receive.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { TermMatch } from '$lib/api';
import SegmentCell from './SegmentCell.svelte';

/** The component's HTML without Svelte's hydration markers. */
function html(props: { lang: string; segments: string[]; terms: TermMatch[][]; focused?: number }): string {
  return render(SegmentCell, { props }).body.replace(/<!--.*?-->/g, '');
}

describe('SegmentCell', () => {
  it('renders markup in segment text as text, never as elements', () => {
    const text = 'Note <img src=x onerror=alert(1)> and <script>alert(2)</script>';
    const body = html({ lang: 'en', segments: [text], terms: [[]] });
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script');
    expect(body).not.toContain('<script');
    expect(body).toContain('&lt;img src=x onerror=alert(1)>');
  });

  it('renders markup in terms and their translations as text', () => {
    const text = '<b>forum</b> opened';
    const hit: TermMatch = {
      start: 0,
      end: 12,
      inserted: [],
      concept: 'x',
      term: 'forum',
      translations: [{ lang: 'ru', text: '"><img src=x onerror=alert(1)>' }],
      forbidden: [{ lang: 'ru', text: '<script>alert(2)</script>' }],
    };
    const body = html({ lang: 'en', segments: [text], terms: [[hit]] });
    expect(body).not.toContain('<b>');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script');
    expect(body).toMatch(/<mark [^>]*title="forum\nru: &quot;>&lt;img/);
  });

  it('highlights each term and marks a side with no segment', () => {
    const text = 'The forum opened.';
    const hit: TermMatch = { start: 4, end: 9, inserted: [], concept: 'dip-001', term: 'forum', translations: [], forbidden: [] };
    const withTerm = html({ lang: 'en', segments: [text], terms: [[hit]] });
    expect(withTerm).toMatch(/The <mark[^>]*>forum<\/mark> opened\./);
    const empty = html({ lang: 'az', segments: [], terms: [] });
    expect(empty).toContain('class="empty');
  });

  it('marks a split term and sets apart the words inside it, as text', () => {
    const text = 'The inter-regional <i>Russian</i> forum opened.';
    const start = text.indexOf('inter');
    const end = text.indexOf(' opened');
    const words = '<i>Russian</i>';
    const from = text.indexOf(words);
    const hit: TermMatch = {
      start,
      end,
      inserted: [{ start: from, end: from + words.length, text: words }],
      concept: 'dip-001',
      term: 'inter-regional forum',
      translations: [],
      forbidden: [],
    };
    const body = html({ lang: 'en', segments: [text], terms: [[hit]] });
    expect(body).not.toContain('<i>');
    expect(body).toMatch(
      /<mark class="split[^"]*" title="inter-regional forum\nSplit term: “&lt;i>Russian&lt;\/i>” stands between its words">inter-regional <span class="inserted[^"]*">&lt;i>Russian&lt;\/i><\/span> forum<\/mark> opened\./,
    );
    // A term whose words are together keeps the plain highlight.
    const together = html({ lang: 'en', segments: ['The forum.'], terms: [[{ ...hit, start: 4, end: 9, inserted: [] }]] });
    expect(together).toMatch(/<mark title="inter-regional forum"[^>]*>forum<\/mark>/);
    expect(together).not.toContain('split');
  });

  it('outlines the focused segment only', () => {
    const body = html({ lang: 'ru', segments: ['Один.', 'Два.'], terms: [], focused: 1 });
    expect(body).toMatch(/<p data-segment="0" class="[^"]*">Один\.<\/p>/);
    expect(body).not.toMatch(/data-segment="0" class="[^"]*focused/);
    expect(body).toMatch(/data-segment="1" class="[^"]*\bfocused\b/);
  });
});
