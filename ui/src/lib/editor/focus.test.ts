import { describe, expect, it } from 'vitest';
import { clamp, moveBead, moveSegment, moveSide, nextDoubtful, type BeadShape } from './focus';

const bead = (counts: number[], confidence = 0.9, confirmed = false): BeadShape => ({
  sides: counts.map((n) => Array.from({ length: n }, (_, i) => `s${i}`)),
  confidence,
  confirmed,
});

const beads = [bead([1, 2, 1]), bead([0, 1, 1], 0.2), bead([2, 1, 0]), bead([1, 1, 1], 0.1, true)];

describe('focus', () => {
  it('stays inside the grid', () => {
    expect(clamp({ bead: 9, side: 5, segment: 7 }, beads, 3)).toEqual({ bead: 3, side: 2, segment: 0 });
    expect(moveBead({ bead: 0, side: 1, segment: 1 }, -1, beads, 3)).toEqual({ bead: 0, side: 1, segment: 0 });
    expect(moveSide({ bead: 2, side: 0, segment: 1 }, 1, beads, 3)).toEqual({ bead: 2, side: 1, segment: 0 });
  });

  it('walks segments down a column across beads, skipping empty cells', () => {
    let f = { bead: 0, side: 0, segment: 0 };
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      seen.push(`${f.bead}.${f.segment}`);
      f = moveSegment(f, 1, beads, 3);
    }
    expect(seen).toEqual(['0.0', '2.0', '2.1', '3.0', '3.0', '3.0']);
    expect(moveSegment({ bead: 2, side: 0, segment: 0 }, -1, beads, 3)).toEqual({ bead: 0, side: 0, segment: 0 });
  });

  it('finds the next doubtful unconfirmed bead, wrapping around', () => {
    const doubtful = (c: number | null) => c === null || c < 0.5;
    expect(nextDoubtful(0, beads, doubtful)).toBe(1);
    expect(nextDoubtful(1, beads, doubtful)).toBe(1);
    expect(nextDoubtful(0, [bead([1, 1])], doubtful)).toBeUndefined();
  });
});
