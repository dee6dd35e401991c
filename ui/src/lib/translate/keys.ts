// The Translate view's keys: `translateKey` reads a key press, `TRANSLATE_KEYS` lists them
// for the F1 help (a test checks the two agree), and the hint line under the grid says the
// most used ones (message `translate.keys`).
import type { MessageKey } from '$lib/i18n/messages';

export type TranslateKey =
  | { action: 'confirm' }
  | { action: 'next' }
  | { action: 'previous' }
  | { action: 'otherTarget' }
  | { action: 'addTerm' }
  | { action: 'match'; index: number }
  | { action: 'term'; index: number }
  | { action: 'fragment'; index: number }
  | { action: 'concordance' }
  | { action: 'code' }
  | { action: 'help' };

interface KeyEventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** What a key press in the Translate view asks for, if anything. */
export function translateKey(event: KeyEventLike): TranslateKey | undefined {
  // Cmd on macOS stands for Ctrl, as in the alignment editor.
  const ctrl = event.ctrlKey || event.metaKey;
  // Ctrl+Shift+digit inserts a fragment (memoQ's LSC hits are listed the same way).
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
  if (event.shiftKey) {
    return digit && ctrl && !event.altKey ? { action: 'fragment', index: Number(digit) - 1 } : undefined;
  }
  if (event.key === 'F1' && !ctrl && !event.altKey) return { action: 'help' };
  // F9 puts in the next inline code the target lacks, as in memoQ.
  if (event.key === 'F9' && !ctrl && !event.altKey) return { action: 'code' };
  // By key position, so Ctrl+K works while typing Russian (where the key types "л").
  if (ctrl && !event.altKey && event.code === 'KeyK') return { action: 'concordance' };
  if (ctrl && !event.altKey && event.key === 'Enter') return { action: 'confirm' };
  // Ctrl+Q as in the alignment editor (memoQ's quick add term), by key position.
  if (ctrl && !event.altKey && (event.code === 'KeyQ' || event.key.toLowerCase() === 'q'))
    return { action: 'addTerm' };
  if (event.altKey && !ctrl && event.key === 'ArrowDown') return { action: 'next' };
  if (event.altKey && !ctrl && event.key === 'ArrowUp') return { action: 'previous' };
  // With two target languages, Alt+← / Alt+→ go to the other one's column.
  if (event.altKey && !ctrl && (event.key === 'ArrowLeft' || event.key === 'ArrowRight'))
    return { action: 'otherTarget' };
  // Digits by key position, so they work whatever the layout types there.
  if (!digit) return undefined;
  const index = Number(digit) - 1;
  if (ctrl && !event.altKey) return { action: 'match', index };
  if (event.altKey && !ctrl) return { action: 'term', index };
  return undefined;
}

/** A key as the help lists it: its label, and a press that gives the action. */
export interface KeyHelp {
  keys: string;
  label: MessageKey;
  press: KeyEventLike;
}

const press = (key: string, code: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

export const TRANSLATE_KEYS: readonly KeyHelp[] = [
  { keys: 'Ctrl+Enter', label: 'key.confirm', press: press('Enter', 'Enter', { ctrlKey: true }) },
  { keys: 'Alt+↓', label: 'key.next', press: press('ArrowDown', 'ArrowDown', { altKey: true }) },
  { keys: 'Alt+↑', label: 'key.previous', press: press('ArrowUp', 'ArrowUp', { altKey: true }) },
  { keys: 'Alt+← / Alt+→', label: 'key.otherTarget', press: press('ArrowLeft', 'ArrowLeft', { altKey: true }) },
  { keys: 'Ctrl+1…9', label: 'key.match', press: press('1', 'Digit1', { ctrlKey: true }) },
  { keys: 'Alt+1…9', label: 'key.term', press: press('1', 'Digit1', { altKey: true }) },
  {
    keys: 'Ctrl+Shift+1…9',
    label: 'key.fragment',
    press: press('!', 'Digit1', { ctrlKey: true, shiftKey: true }),
  },
  { keys: 'Ctrl+Q', label: 'key.addTerm', press: press('q', 'KeyQ', { ctrlKey: true }) },
  { keys: 'Ctrl+K', label: 'key.concordance', press: press('k', 'KeyK', { ctrlKey: true }) },
  { keys: 'F9', label: 'key.code', press: press('F9', 'F9') },
  { keys: 'F1', label: 'key.help', press: press('F1', 'F1') },
];
