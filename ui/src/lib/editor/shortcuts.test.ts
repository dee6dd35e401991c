import { describe, expect, it } from 'vitest';
import { MESSAGES } from '$lib/i18n/messages';
import { actionFor, chordLabel, SHORTCUTS } from './shortcuts';

function press(key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; code?: string } = {}) {
  return {
    key,
    code: mods.code ?? '',
    ctrlKey: mods.ctrl ?? false,
    metaKey: false,
    shiftKey: mods.shift ?? false,
    altKey: mods.alt ?? false,
  };
}

describe('shortcuts', () => {
  it('maps keys to actions with their modifiers', () => {
    expect(actionFor(press('ArrowDown'))).toBe('down');
    expect(actionFor(press('ArrowDown', { alt: true }))).toBe('shiftDown');
    expect(actionFor(press('ArrowDown', { shift: true }))).toBe('segmentDown');
    expect(actionFor(press('m', { code: 'KeyM' }))).toBe('mergeNext');
    expect(actionFor(press('M', { shift: true, code: 'KeyM' }))).toBe('mergePrevious');
    expect(actionFor(press('z', { ctrl: true, code: 'KeyZ' }))).toBe('undo');
    expect(actionFor(press('Z', { ctrl: true, shift: true, code: 'KeyZ' }))).toBe('redo');
    expect(actionFor(press('Enter', { ctrl: true }))).toBe('approve');
    expect(actionFor(press('Enter'))).toBe('edit');
    expect(actionFor(press('?', { shift: true }))).toBe('help');
    expect(actionFor(press('x', { code: 'KeyX' }))).toBeUndefined();
    expect(actionFor(press('m', { ctrl: true, code: 'KeyM' }))).toBeUndefined();
  });

  it('adds the selected terms on Ctrl+Q only', () => {
    expect(actionFor(press('q', { ctrl: true }))).toBe('addTerm');
    expect(actionFor(press('й', { ctrl: true, code: 'KeyQ' }))).toBe('addTerm');
    expect(actionFor(press('q'))).toBeUndefined();
  });

  it('finds letters by position under a Cyrillic layout', () => {
    expect(actionFor(press('ь', { code: 'KeyM' }))).toBe('mergeNext');
    expect(actionFor(press('я', { ctrl: true, code: 'KeyZ' }))).toBe('undo');
  });

  it('gives each action one entry, a translated label and no chord twice', () => {
    const seen = new Set<string>();
    for (const s of SHORTCUTS) {
      expect(MESSAGES.ru[`action.${s.action}`]).toBeTruthy();
      for (const c of s.chords) {
        const label = chordLabel(c);
        expect(seen.has(label), label).toBe(false);
        seen.add(label);
      }
    }
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
  });

  it('labels chords the way menus do', () => {
    expect(chordLabel({ key: 'Z', ctrl: true })).toBe('Ctrl+Shift+Z');
    expect(chordLabel({ key: 'ArrowUp', alt: true })).toBe('Alt+↑');
    expect(chordLabel({ key: ' ' })).toBe('Space');
    expect(chordLabel({ key: 'm' })).toBe('M');
  });
});
