// Where the keyboard is in the grid, and how each movement key changes it. Pure
// functions over the beads' shape, so they are tested without a page.

/** The focused bead, column and segment within that cell. */
export interface Focus {
  bead: number;
  side: number;
  segment: number;
}

/** What the focus functions need of a bead. */
export interface BeadShape {
  sides: readonly (readonly unknown[])[];
  confidence: number | null;
  confirmed: boolean;
}

const clampTo = (value: number, count: number) => Math.max(0, Math.min(value, count - 1));

/** `focus` moved inside the grid: an existing bead and column, a segment of that cell. */
export function clamp(focus: Focus, beads: readonly BeadShape[], sides: number): Focus {
  const bead = clampTo(focus.bead, beads.length);
  const side = clampTo(focus.side, sides);
  const segments = beads[bead]?.sides[side]?.length ?? 0;
  return { bead, side, segment: clampTo(focus.segment, Math.max(segments, 1)) };
}

/** The focus after moving `rows` beads (keeping the column), clamped. */
export function moveBead(focus: Focus, rows: number, beads: readonly BeadShape[], sides: number): Focus {
  return clamp({ ...focus, bead: focus.bead + rows, segment: 0 }, beads, sides);
}

/** The focus after moving `columns` columns in the same bead, clamped. */
export function moveSide(focus: Focus, columns: number, beads: readonly BeadShape[], sides: number): Focus {
  return clamp({ ...focus, side: focus.side + columns, segment: 0 }, beads, sides);
}

/**
 * The next segment in the column, going on into the next bead's cell (or back into
 * the previous bead's last segment) when the cell has no more.
 */
export function moveSegment(focus: Focus, step: 1 | -1, beads: readonly BeadShape[], sides: number): Focus {
  const here = beads[focus.bead]?.sides[focus.side]?.length ?? 0;
  const segment = focus.segment + step;
  if (segment >= 0 && segment < here) return { ...focus, segment };
  for (let b = focus.bead + step; b >= 0 && b < beads.length; b += step) {
    const count = beads[b]?.sides[focus.side]?.length ?? 0;
    if (count > 0) return { ...focus, bead: b, segment: step > 0 ? 0 : count - 1 };
  }
  return clamp(focus, beads, sides);
}

/** The first doubtful, unconfirmed bead after `from`, wrapping around; `undefined` if none. */
export function nextDoubtful(
  from: number,
  beads: readonly BeadShape[],
  isDoubtful: (confidence: number | null) => boolean,
): number | undefined {
  for (let i = 1; i <= beads.length; i++) {
    const b = (from + i) % beads.length;
    const bead = beads[b];
    if (bead && !bead.confirmed && isDoubtful(bead.confidence)) return b;
  }
  return undefined;
}
