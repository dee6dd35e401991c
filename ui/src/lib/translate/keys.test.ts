import { describe, expect, it } from 'vitest';
import { TRANSLATE_KEYS, translateKey } from './keys';

const press = (key: string, code: string, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean; meta?: boolean } = {}) => ({
  key,
  code,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('translateKey', () => {
  it('reads Ctrl+digit as a match and Alt+digit as a term, by key position', () => {
    expect(translateKey(press('1', 'Digit1', { ctrl: true }))).toEqual({ action: 'match', index: 0 });
    expect(translateKey(press('9', 'Digit9', { meta: true }))).toEqual({ action: 'match', index: 8 });
    // An AZERTY-like layout types "&" on the key of 1.
    expect(translateKey(press('&', 'Digit1', { alt: true }))).toEqual({ action: 'term', index: 0 });
    expect(translateKey(press('0', 'Digit0', { ctrl: true }))).toBeUndefined();
  });

  it('confirms on Ctrl+Enter only and moves with Alt+arrows', () => {
    expect(translateKey(press('Enter', 'Enter', { ctrl: true }))).toEqual({ action: 'confirm' });
    expect(translateKey(press('Enter', 'Enter'))).toBeUndefined();
    expect(translateKey(press('ArrowDown', 'ArrowDown', { alt: true }))).toEqual({ action: 'next' });
    expect(translateKey(press('ArrowUp', 'ArrowUp', { alt: true }))).toEqual({ action: 'previous' });
    expect(translateKey(press('ArrowUp', 'ArrowUp'))).toBeUndefined();
    expect(translateKey(press('ArrowRight', 'ArrowRight', { alt: true }))).toEqual({ action: 'otherTarget' });
    expect(translateKey(press('ArrowLeft', 'ArrowLeft'))).toBeUndefined();
    expect(translateKey(press('1', 'Digit1'))).toBeUndefined();
    expect(translateKey(press('Enter', 'Enter', { ctrl: true, shift: true }))).toBeUndefined();
  });

  it('inserts a fragment on Ctrl+Shift+digit, whatever the digit key types with Shift', () => {
    expect(translateKey(press('!', 'Digit1', { ctrl: true, shift: true }))).toEqual({ action: 'fragment', index: 0 });
    expect(translateKey(press('"', 'Digit2', { ctrl: true, shift: true }))).toEqual({ action: 'fragment', index: 1 });
    expect(translateKey(press('(', 'Digit9', { meta: true, shift: true }))).toEqual({ action: 'fragment', index: 8 });
    expect(translateKey(press('!', 'Digit1', { shift: true }))).toBeUndefined();
    expect(translateKey(press('!', 'Digit1', { ctrl: true, alt: true, shift: true }))).toBeUndefined();
  });

  it('adds the selected terms on Ctrl+Q, under a Cyrillic layout too', () => {
    expect(translateKey(press('q', 'KeyQ', { ctrl: true }))).toEqual({ action: 'addTerm' });
    expect(translateKey(press('й', 'KeyQ', { ctrl: true }))).toEqual({ action: 'addTerm' });
    expect(translateKey(press('q', 'KeyQ'))).toBeUndefined();
    expect(translateKey(press('q', 'KeyQ', { alt: true }))).toBeUndefined();
  });
});

describe('TRANSLATE_KEYS', () => {
  it('lists a key for every action, each giving the action its label names', () => {
    const actions = TRANSLATE_KEYS.map((k) => {
      const action = translateKey(k.press)?.action;
      expect(action, k.keys).toBeDefined();
      expect(k.label, k.keys).toBe(`key.${action}`);
      return action;
    });
    expect(new Set(actions).size).toBe(TRANSLATE_KEYS.length);
  });

  it('reads Ctrl+K by key position and F1 without modifiers', () => {
    expect(translateKey(press('л', 'KeyK', { ctrl: true }))).toEqual({ action: 'concordance' });
    expect(translateKey(press('k', 'KeyK'))).toBeUndefined();
    expect(translateKey(press('F1', 'F1', { ctrl: true }))).toBeUndefined();
  });
});
