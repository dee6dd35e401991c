// Every keyboard shortcut of the alignment editor, in one table: the key handler looks
// actions up here and the help panel lists this table, so the two cannot disagree.
import type { MessageKey } from '$lib/i18n/messages';

export type Action =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'segmentUp'
  | 'segmentDown'
  | 'nextDoubtful'
  | 'mergeNext'
  | 'mergePrevious'
  | 'shiftUp'
  | 'shiftDown'
  | 'edit'
  | 'deleteBead'
  | 'insertBead'
  | 'confirm'
  | 'undo'
  | 'redo'
  | 'realign'
  | 'approve'
  | 'addTerm'
  | 'help';

/** A key with its modifiers, as `KeyboardEvent.key` names it. */
export interface Chord {
  key: string;
  ctrl?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export interface Shortcut {
  action: Action;
  chords: Chord[];
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'up', chords: [{ key: 'ArrowUp' }, { key: 'k' }] },
  { action: 'down', chords: [{ key: 'ArrowDown' }, { key: 'j' }] },
  { action: 'left', chords: [{ key: 'ArrowLeft' }, { key: 'h' }] },
  { action: 'right', chords: [{ key: 'ArrowRight' }, { key: 'l' }] },
  { action: 'segmentUp', chords: [{ key: 'ArrowUp', shift: true }] },
  { action: 'segmentDown', chords: [{ key: 'ArrowDown', shift: true }] },
  { action: 'nextDoubtful', chords: [{ key: 'n' }] },
  { action: 'mergeNext', chords: [{ key: 'm' }] },
  { action: 'mergePrevious', chords: [{ key: 'M' }] },
  { action: 'shiftUp', chords: [{ key: 'ArrowUp', alt: true }] },
  { action: 'shiftDown', chords: [{ key: 'ArrowDown', alt: true }] },
  { action: 'edit', chords: [{ key: 'Enter' }, { key: 'F2' }] },
  { action: 'deleteBead', chords: [{ key: 'Delete' }] },
  { action: 'insertBead', chords: [{ key: 'Insert' }, { key: 'i' }] },
  { action: 'confirm', chords: [{ key: ' ' }, { key: 'c' }] },
  { action: 'undo', chords: [{ key: 'z', ctrl: true }] },
  { action: 'redo', chords: [{ key: 'y', ctrl: true }, { key: 'Z', ctrl: true }] },
  { action: 'realign', chords: [{ key: 'r', ctrl: true }] },
  { action: 'approve', chords: [{ key: 'Enter', ctrl: true }] },
  // memoQ's "quick add term": the source selection, then the target one, then Ctrl+Q.
  { action: 'addTerm', chords: [{ key: 'q', ctrl: true }] },
  { action: 'help', chords: [{ key: 'F1' }, { key: '?' }] },
];

/** Keys inside the segment text editor: not actions on the grid, but listed in help. */
export const EDITING_SHORTCUTS: readonly { label: MessageKey; chords: Chord[] }[] = [
  { label: 'action.split', chords: [{ key: 'Enter', alt: true }] },
  { label: 'action.save', chords: [{ key: 'Enter' }] },
  { label: 'action.cancel', chords: [{ key: 'Escape' }] },
];

interface KeyEventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

function keyMatches(chord: Chord, event: KeyEventLike): boolean {
  if (/^[a-zA-Z]$/.test(chord.key)) {
    // Letters by their key position too, so the shortcuts work with a Russian or
    // Azerbaijani layout active; the letter's case says whether Shift is held.
    const letter = chord.key.toUpperCase();
    const pressed = event.code === `Key${letter}` || event.key.toUpperCase() === letter;
    return pressed && event.shiftKey === (chord.key !== chord.key.toLowerCase());
  }
  // A symbol such as "?" already includes whatever Shift the layout needs for it.
  if (chord.key.length === 1 && chord.key !== ' ') return event.key === chord.key;
  return event.key === chord.key && event.shiftKey === (chord.shift ?? false);
}

/** The action a key press stands for, if any. */
export function actionFor(event: KeyEventLike): Action | undefined {
  // Cmd on macOS stands for Ctrl, as every editor there does.
  const ctrl = event.ctrlKey || event.metaKey;
  return SHORTCUTS.find((s) =>
    s.chords.some(
      (c) => keyMatches(c, event) && ctrl === (c.ctrl ?? false) && event.altKey === (c.alt ?? false),
    ),
  )?.action;
}

/** A chord as the help panel writes it: "Ctrl+Shift+Z", "Alt+↑", "Space". */
export function chordLabel(chord: Chord): string {
  const names: Record<string, string> = {
    ArrowUp: '↑',
    ArrowDown: '↓',
    ArrowLeft: '←',
    ArrowRight: '→',
    ' ': 'Space',
    Delete: 'Del',
    Insert: 'Ins',
  };
  const upperLetter = /^[A-Z]$/.test(chord.key);
  const shift = chord.shift || upperLetter;
  const key = names[chord.key] ?? chord.key.toUpperCase();
  return [chord.ctrl && 'Ctrl', chord.alt && 'Alt', shift && 'Shift', key].filter(Boolean).join('+');
}
