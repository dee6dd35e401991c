import { describe, expect, it } from 'vitest';
import { fileSize, tmxDate } from './format';

describe('tmxDate', () => {
  it('shows a TMX date to the minute and a day as the interface language writes them', () => {
    expect(tmxDate('20180927T143005Z')).toBe('Sep 27, 2018, 14:30');
    expect(tmxDate('20180927T143005Z', 'ru')).toBe('27 сент. 2018 г., 14:30');
    expect(tmxDate('2026-11-20', 'az')).toBe('20 noy 2026');
  });
  it('leaves what it does not know as given', () => {
    expect(tmxDate('yesterday')).toBe('yesterday');
  });
});

describe('fileSize', () => {
  it('picks the unit by thousands', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(3_400_000)).toBe('3.4 MB');
    expect(fileSize(1_234_000_000)).toBe('1.2 GB');
  });
});
