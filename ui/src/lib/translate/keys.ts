// The Translate view's keys in one table: the key handler reads it, and the hint line
// under the grid says the same (message `translate.keys`).

export type TranslateKey =
  | { action: 'confirm' }
  | { action: 'next' }
  | { action: 'previous' }
  | { action: 'otherTarget' }
  | { action: 'addTerm' }
  | { action: 'match'; index: number }
  | { action: 'term'; index: number };

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
  if (event.shiftKey) return undefined;
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
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
  if (!digit) return undefined;
  const index = Number(digit) - 1;
  if (ctrl && !event.altKey) return { action: 'match', index };
  if (event.altKey && !ctrl) return { action: 'term', index };
  return undefined;
}
