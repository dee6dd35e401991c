// The side panel's width in pixels, chosen by dragging its edge or with the arrow keys
// on it, and kept across starts in the web view's local storage like the language.
import { innerWidth } from 'svelte/reactivity/window';

/** Narrower, the matches and the QA list cut every line. */
export const MIN_WIDTH = 240;
/** Wider, a laptop's grid falls under half the window. */
export const MAX_WIDTH = 720;
/** One arrow key press; with Shift, four. */
export const KEY_STEP = 16;

/** `width` rounded into the allowed range. */
export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));
}

/** The width after `key` on the divider, or null for a key that does not resize. The
 * panel is right of its divider: moving the divider left (←) widens it. */
export function widthAfterKey(width: number, key: string, shift: boolean): number | null {
  const step = shift ? 4 * KEY_STEP : KEY_STEP;
  if (key === 'ArrowLeft') return clampWidth(width + step);
  if (key === 'ArrowRight') return clampWidth(width - step);
  if (key === 'Home') return MIN_WIDTH;
  if (key === 'End') return MAX_WIDTH;
  return null;
}

export class PaneWidth {
  /** The translator's choice; until there is one, the width follows the window's. */
  private chosen = $state<number | null>(null);

  /** `initial`: the width until the translator chooses one, from the window's width. */
  constructor(
    private readonly key: string,
    private readonly initial: (windowWidth: number) => number,
  ) {
    const stored = Number(globalThis.localStorage?.getItem(key));
    if (Number.isFinite(stored) && stored > 0) this.chosen = clampWidth(stored);
  }

  get width(): number {
    return this.chosen ?? clampWidth(this.initial(innerWidth.current ?? 1280));
  }

  set(width: number) {
    this.chosen = clampWidth(width);
    globalThis.localStorage?.setItem(this.key, String(this.chosen));
  }
}

/** The Translate view's side panel (matches, terms, QA, concordance): a quarter of the
 * window at first, so a laptop's grid has room for a source and two targets. */
export const sidePanel = new PaneWidth('dragoman.sidePanelWidth', (w) => Math.min(w * 0.26, 416));
/** The panels over the grid's right edge (shortcuts, suggestions, imports, limits). */
export const overPanel = new PaneWidth('dragoman.overPanelWidth', () => 448);
