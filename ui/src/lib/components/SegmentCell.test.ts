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
    const hit: TermMatch = { start: 4, end: 9, concept: 'dip-001', term: 'forum', translations: [], forbidden: [] };
    const withTerm = html({ lang: 'en', segments: [text], terms: [[hit]] });
    expect(withTerm).toMatch(/The <mark[^>]*>forum<\/mark> opened\./);
    const empty = html({ lang: 'az', segments: [], terms: [] });
    expect(empty).toContain('class="empty');
  });

  it('outlines the focused segment only', () => {
    const body = html({ lang: 'ru', segments: ['Один.', 'Два.'], terms: [], focused: 1 });
    expect(body).toMatch(/<p data-segment="0" class="[^"]*">Один\.<\/p>/);
    expect(body).not.toMatch(/data-segment="0" class="[^"]*focused/);
    expect(body).toMatch(/data-segment="1" class="[^"]*\bfocused\b/);
  });
});
