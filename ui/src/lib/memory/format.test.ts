import { describe, expect, it } from 'vitest';
import { fileSize, tmxDate } from './format';

describe('tmxDate', () => {
  it('shows a TMX date as day and minute', () => {
    expect(tmxDate('20180927T143005Z')).toBe('2018-09-27 14:30');
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
