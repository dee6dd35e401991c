// Splitting a segment's text into plain runs and glossary-term runs.
import type { TermMatch } from '$lib/api';

/** A piece of a segment's text: a glossary term when `term` is set. */
export interface Run {
  text: string;
  term?: TermMatch;
  /** A split term's text, cut where words of the text stand inside it. */
  pieces?: Piece[];
  /** Whether the run lies in a span to show (a fragment the memory holds). */
  marked?: boolean;
}

/** A byte span of a segment's text. */
export interface Span {
  start: number;
  end: number;
}

/** Part of a split term's text: the term's own words, or words inserted between them. */
export interface Piece {
  text: string;
  inserted: boolean;
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
 * A split term's text from `start` to `end` (string indices) cut at its inserted words,
 * or nothing when the term is not split or an inserted span does not fall inside it in
 * order, on character boundaries: then the term is shown whole.
 */
function splitPieces(text: string, indices: Map<number, number>, term: TermMatch, start: number, end: number) {
  if (term.inserted.length === 0) return undefined;
  const pieces: Piece[] = [];
  let at = start;
  for (const words of term.inserted) {
    const from = indices.get(words.start);
    const to = indices.get(words.end);
    if (from === undefined || to === undefined || from <= at || to >= end || to <= from) return undefined;
    pieces.push({ text: text.slice(at, from), inserted: false }, { text: text.slice(from, to), inserted: true });
    at = to;
  }
  pieces.push({ text: text.slice(at, end), inserted: false });
  return pieces;
}

/**
 * Cut `text` into runs at the terms' byte spans. Where terms overlap, the one that
 * starts first (then the longer) wins; a span that does not fall on character
 * boundaries is ignored rather than cutting a character in two. A split term's run is
 * also cut into pieces at the words standing inside it.
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
    const pieces = splitPieces(text, indices, term, start, end);
    runs.push(pieces ? { text: text.slice(start, end), term, pieces } : { text: text.slice(start, end), term });
    at = end;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}

/**
 * `runs` (the cut of `text` that {@link termRuns} made) cut again at the edges of
 * `spans` (byte offsets), the pieces inside a span `marked`. A split term is not cut:
 * it is marked when a span holds it whole.
 */
export function markSpans(text: string, runs: readonly Run[], spans: readonly Span[]): Run[] {
  const indices = utf16Indices(text);
  const ranges = spans
    .map((s) => [indices.get(s.start), indices.get(s.end)] as const)
    .filter((r): r is readonly [number, number] => r[0] !== undefined && r[1] !== undefined && r[0] < r[1]);
  if (ranges.length === 0) return [...runs];
  const inside = (from: number, to: number) => ranges.some(([s, e]) => s <= from && to <= e);
  const out: Run[] = [];
  let at = 0;
  for (const run of runs) {
    const end = at + run.text.length;
    if (run.pieces) {
      out.push(inside(at, end) ? { ...run, marked: true } : run);
    } else {
      const cuts = [at, end, ...ranges.flat().filter((c) => c > at && c < end)].sort((a, b) => a - b);
      for (let i = 0; i + 1 < cuts.length; i++) {
        const [from, to] = [cuts[i]!, cuts[i + 1]!];
        if (from === to) continue;
        const piece: Run = { ...run, text: text.slice(from, to) };
        out.push(inside(from, to) ? { ...piece, marked: true } : piece);
      }
    }
    at = end;
  }
  return out;
}

/** The words standing inside a split term, as one text: those at each place between
 * its words, the places parted by an ellipsis. */
export function insertedWords(term: TermMatch): string {
  return term.inserted.map((words) => words.text).join(' … ');
}

/** What hovering or focusing a term shows: its dictionary form, `note` (what stands
 * inside a split term) and its translations, forbidden ones marked with ✗ after the
 * usable ones of their language. */
export function termTitle(term: TermMatch, note?: string): string {
  const lines = [term.term];
  if (note) lines.push(note);
  const byLang = new Map<string, string[]>();
  const add = (lang: string, text: string) => byLang.set(lang, [...(byLang.get(lang) ?? []), text]);
  for (const t of term.translations) add(t.lang, t.text);
  for (const t of term.forbidden) add(t.lang, `✗ ${t.text}`);
  for (const [lang, texts] of byLang) lines.push(`${lang}: ${texts.join('; ')}`);
  return lines.join('\n');
}
