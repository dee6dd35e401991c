// Which rows of a long grid to render: rows have different heights (segments wrap), so
// each row's height is remembered once measured and estimated until then, and the rows
// that meet the viewport are found by binary search over their running offsets.

export class RowHeights {
  #heights: number[];
  #offsets: number[] = [];
  #stale = true;

  constructor(
    count: number,
    readonly estimate: number,
  ) {
    this.#heights = Array.from({ length: count }, () => estimate);
  }

  get count(): number {
    return this.#heights.length;
  }

  /** Record a rendered row's height; returns whether it changed. */
  measure(row: number, height: number): boolean {
    if (row < 0 || row >= this.#heights.length || this.#heights[row] === height) return false;
    this.#heights[row] = height;
    this.#stale = true;
    return true;
  }

  /** Where row `row` starts; `offset(count)` is the total height. */
  offset(row: number): number {
    if (this.#stale) {
      this.#offsets = [0];
      for (const h of this.#heights) this.#offsets.push((this.#offsets.at(-1) ?? 0) + h);
      this.#stale = false;
    }
    return this.#offsets[Math.max(0, Math.min(row, this.#heights.length))] ?? 0;
  }

  /** The rows `[first, end)` that meet `[top, top + height)`, with `overscan` more each side. */
  visible(top: number, height: number, overscan = 0): { first: number; end: number } {
    const count = this.#heights.length;
    // The last row starting at or above `top`.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offset(mid + 1) <= top) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < count && this.offset(end) < top + height) end++;
    return { first: Math.max(0, lo - overscan), end: Math.min(count, end + overscan) };
  }
}

/**
 * Where to scroll a viewport at `scrollTop`, `height` pixels high, so that row `row` is
 * wholly in it: unchanged if it already is, else just far enough that the row's top (when
 * above) or bottom (when below) meets the viewport's edge.
 */
export function scrollToShow(rows: RowHeights, row: number, scrollTop: number, height: number): number {
  const top = rows.offset(row);
  const bottom = rows.offset(row + 1);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + height) return bottom - height;
  return scrollTop;
}
