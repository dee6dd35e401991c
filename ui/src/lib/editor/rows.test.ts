import { describe, expect, it } from 'vitest';
import { RowHeights, scrollToShow } from './rows';

/** The obvious answer: every row whose span meets the window, by walking all of them. */
function reference(heights: number[], top: number, height: number) {
  const rows: number[] = [];
  let at = 0;
  heights.forEach((h, i) => {
    if (at + h > top && at < top + height) rows.push(i);
    at += h;
  });
  return rows;
}

function seeded(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe('RowHeights', () => {
  it('finds the same rows as walking all of them, on random heights and windows', () => {
    const random = seeded(42);
    for (let trial = 0; trial < 300; trial++) {
      const count = 1 + Math.floor(random() * 60);
      const rows = new RowHeights(count, 40);
      const heights = Array.from({ length: count }, () => 40);
      for (let i = 0; i < count; i++) {
        if (random() < 0.6) {
          heights[i] = 10 + Math.floor(random() * 120);
          rows.measure(i, heights[i]!);
        }
      }
      const total = heights.reduce((a, b) => a + b, 0);
      const top = Math.floor(random() * total);
      const height = 1 + Math.floor(random() * 300);
      const { first, end } = rows.visible(top, height);
      const expected = reference(heights, top, height);
      expect([first, end]).toEqual([expected[0] ?? first, (expected.at(-1) ?? first - 1) + 1]);
      expect(rows.offset(count)).toBe(total);
    }
  });

  it('adds overscan within bounds, and handles 10,000 rows', () => {
    const rows = new RowHeights(10_000, 50);
    expect(rows.visible(0, 500, 5)).toEqual({ first: 0, end: 15 });
    expect(rows.visible(499_800, 500, 5)).toEqual({ first: 9_991, end: 10_000 });
    expect(rows.measure(3, 50)).toBe(false);
    expect(rows.measure(3, 80)).toBe(true);
    expect(rows.offset(4)).toBe(230);
  });
});

describe('scrollToShow', () => {
  // Rows 0-9 of 50 px, row 3 measured at 120 px: row 4 spans 270-320, row 9 520-570.
  const rows = new RowHeights(10, 50);
  rows.measure(3, 120);

  it('leaves a viewport alone when the row is wholly in it', () => {
    expect(scrollToShow(rows, 4, 200, 200)).toBe(200);
  });

  it('brings a row above the viewport to its top edge', () => {
    expect(scrollToShow(rows, 3, 200, 200)).toBe(150);
  });

  it('brings a row below the viewport, or cut by its bottom edge, to that edge', () => {
    expect(scrollToShow(rows, 4, 0, 300)).toBe(20);
    expect(scrollToShow(rows, 9, 0, 300)).toBe(270);
  });
});
