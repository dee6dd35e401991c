import { describe, expect, it } from 'vitest';
import { confidenceLabel, isDoubtful } from './confidence';

describe('confidence', () => {
  it('marks beads below one half, and beads without a number, as doubtful', () => {
    expect([0, 0.49, 0.5, 0.93].map(isDoubtful)).toEqual([true, true, false, false]);
    expect([Number.NaN, null].map(isDoubtful)).toEqual([true, true]);
  });

  it('shows whole percentages', () => {
    expect([0, 0.934, 1, Number.NaN, null].map(confidenceLabel)).toEqual(['0%', '93%', '100%', '—', '—']);
  });
});
