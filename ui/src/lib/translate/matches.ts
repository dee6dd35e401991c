// How a memory match is labelled, and how a term is put into the translation.
import type { DiffWord, SegmentView, TargetStatus } from '$lib/api';
import type { MessageKey } from '$lib/i18n/messages';

export type MatchKind = 'context' | 'exact' | 'fuzzy';

/** 101: the same segment between the same neighbours; 100: the same segment; below: fuzzy. */
export function matchKind(score: number): MatchKind {
  return score >= 101 ? 'context' : score === 100 ? 'exact' : 'fuzzy';
}

/** A piece of a match's word diff as shown: kept, added by the new source, or dropped. */
export interface DiffPiece {
  text: string;
  change: 'same' | 'inserted' | 'deleted';
}

/** The diff as pieces separated by spaces, a changed word shown as dropped then added. */
export function diffPieces(diff: readonly DiffWord[]): DiffPiece[] {
  return diff.flatMap((w): DiffPiece[] =>
    w.kind === 'changed'
      ? [
          { text: w.from, change: 'deleted' },
          { text: w.to, change: 'inserted' },
        ]
      : [{ text: w.word, change: w.kind }],
  );
}

/**
 * The stored source of a match exactly as written (its punctuation and spacing kept),
 * with the diff's dropped words marked and the new source's words put in where they go.
 * Falls back to the spaced word diff when a word of the diff is not found in order.
 */
export function storedPieces(stored: string, diff: readonly DiffWord[]): DiffPiece[] {
  const pieces: DiffPiece[] = [];
  let at = 0;
  const inserted = (word: string) => pieces.push({ text: pieces.length === 0 ? word : ` ${word}`, change: 'inserted' });
  for (const w of diff) {
    if (w.kind === 'inserted') {
      inserted(w.word);
      continue;
    }
    const word = w.kind === 'changed' ? w.from : w.word;
    const found = stored.indexOf(word, at);
    if (found < 0) return diffPieces(diff).flatMap((p, i) => (i === 0 ? [p] : [{ text: ' ', change: 'same' }, p]));
    if (found > at) pieces.push({ text: stored.slice(at, found), change: 'same' });
    pieces.push({ text: word, change: w.kind === 'same' ? 'same' : 'deleted' });
    if (w.kind === 'changed') inserted(w.to);
    at = found + word.length;
  }
  if (at < stored.length) pieces.push({ text: stored.slice(at), change: 'same' });
  return pieces;
}

/** `text` with `insert` replacing `[start, end)`, spaced from its neighbours; and the caret after it. */
export function insertAt(
  text: string,
  insert: string,
  start: number,
  end = start,
): { text: string; caret: number } {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const lead = before === '' || /\s$/.test(before) ? '' : ' ';
  const trail = after === '' || /^[\s.,;:!?)]/.test(after) ? '' : ' ';
  const middle = lead + insert + trail;
  return { text: before + middle + after, caret: before.length + lead.length + insert.length };
}

/** The status badge of a target: its mark, and its explanation with the message's values. */
export function statusMark(
  status: TargetStatus,
): { mark: string; title: MessageKey; params?: { score: number; kind: MatchKind } } | undefined {
  switch (status.kind) {
    case 'confirmed':
      return { mark: '✓', title: 'translate.confirmed' };
    case 'edited':
      return { mark: '✎', title: 'translate.edited' };
    case 'pretranslated':
      return {
        mark: `${status.score}%`,
        title: 'translate.fromMatch',
        params: { score: status.score, kind: matchKind(status.score) },
      };
    case 'empty':
      return undefined;
  }
}

/** Where a reopened job resumes: the first segment with a target not yet confirmed. */
export function resumeAt(segments: readonly SegmentView[]): number {
  const open = segments.findIndex((s) => s.targets.some((t) => t.status.kind !== 'confirmed'));
  return open < 0 ? 0 : open;
}
