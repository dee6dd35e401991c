import { describe, expect, it } from 'vitest';
import { MAX_WIDTH, MIN_WIDTH, clampWidth, widthAfterKey } from './paneWidth.svelte';

describe('the side panel width', () => {
  it('stays within its bounds, whole pixels', () => {
    expect(clampWidth(10)).toBe(MIN_WIDTH);
    expect(clampWidth(5000)).toBe(MAX_WIDTH);
    expect(clampWidth(300.6)).toBe(301);
  });

  it('grows with ← and shrinks with →, four times faster with Shift', () => {
    expect(widthAfterKey(320, 'ArrowLeft', false)).toBe(336);
    expect(widthAfterKey(320, 'ArrowRight', false)).toBe(304);
    expect(widthAfterKey(320, 'ArrowLeft', true)).toBe(384);
    expect(widthAfterKey(MIN_WIDTH, 'ArrowRight', true)).toBe(MIN_WIDTH);
    expect(widthAfterKey(320, 'Home', false)).toBe(MIN_WIDTH);
    expect(widthAfterKey(320, 'End', false)).toBe(MAX_WIDTH);
    expect(widthAfterKey(320, 'Enter', false)).toBeNull();
  });
});
