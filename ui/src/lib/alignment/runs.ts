// Splitting a segment's text into plain runs and glossary-term runs.
import type { TermMatch } from '$lib/api';

/** A piece of a segment's text: a glossary term when `term` is set. */
export interface Run {
  text: string;
  term?: TermMatch;
}

/**
 * For each UTF-8 byte offset that starts a character (and the end), its UTF-16 index:
 * the backend counts bytes, JavaScript strings count UTF-16 code units.
 */
function utf16Indices(text: string): Map<number, number> {
  const indices = new Map<number, number>();
  let byte = 0;
  let unit = 0;
  for (const char of text) {
    indices.set(byte, unit);
    const point = char.codePointAt(0) ?? 0;
    byte += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    unit += char.length;
  }
  indices.set(byte, unit);
  return indices;
}

/**
 * Cut `text` into runs at the terms' byte spans. Where terms overlap, the one that
 * starts first (then the longer) wins; a span that does not fall on character
 * boundaries is ignored rather than cutting a character in two.
 */
export function termRuns(text: string, terms: readonly TermMatch[]): Run[] {
  const indices = utf16Indices(text);
  const ordered = [...terms].sort((a, b) => a.start - b.start || b.end - a.end);
  const runs: Run[] = [];
  let at = 0;
  for (const term of ordered) {
    const start = indices.get(term.start);
    const end = indices.get(term.end);
    if (start === undefined || end === undefined || start < at || end <= start) continue;
    if (start > at) runs.push({ text: text.slice(at, start) });
    runs.push({ text: text.slice(start, end), term });
    at = end;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}

/** What hovering or focusing a term shows: its dictionary form and its translations,
 * forbidden ones marked with ✗ after the usable ones of their language. */
export function termTitle(term: TermMatch): string {
  const lines = [term.term];
  const byLang = new Map<string, string[]>();
  const add = (lang: string, text: string) => byLang.set(lang, [...(byLang.get(lang) ?? []), text]);
  for (const t of term.translations) add(t.lang, t.text);
  for (const t of term.forbidden) add(t.lang, `✗ ${t.text}`);
  for (const [lang, texts] of byLang) lines.push(`${lang}: ${texts.join('; ')}`);
  return lines.join('\n');
}
