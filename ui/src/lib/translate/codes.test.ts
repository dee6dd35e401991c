import { describe, expect, it } from 'vitest';
import { codeChar, codedParts, fromDisplay, nextMissing, toDisplay } from './codes';

const open = (n: number) => codeChar({ kind: 'open', n });
const close = (n: number) => codeChar({ kind: 'close', n });
const alone = (n: number) => codeChar({ kind: 'standalone', n });

describe('inline codes', () => {
  const source = `Президент ${open(0)}Ильхам Алиев${close(0)} прибыл${alone(1)}.`;

  it('match the core: U+E000 opens, U+E400 closes, U+E800 stands alone', () => {
    expect([open(0), close(0), alone(1)].map((c) => c.codePointAt(0))).toEqual([0xe000, 0xe400, 0xe801]);
  });

  it('show as numbered tokens and come back from them unchanged', () => {
    expect(toDisplay(source)).toBe('Президент <1>Ильхам Алиев</1> прибыл<2/>.');
    expect(fromDisplay(toDisplay(source), source)).toBe(source);
  });

  it('turn only tokens of the source codes back into codes', () => {
    const typed = 'President <1>Ilham Aliyev</1> arrived <3> <a> <2/>.';
    expect(fromDisplay(typed, source)).toBe(`President ${open(0)}Ilham Aliyev${close(0)} arrived <3> <a> ${alone(1)}.`);
    expect(fromDisplay('<1>', 'no codes')).toBe('<1>');
  });

  it('split for display, codes apart from text', () => {
    expect(codedParts(`a${open(0)}b${close(0)}`).map((p) => [p.text, p.code?.kind ?? null])).toEqual([
      ['a', null],
      ['<1>', 'open'],
      ['b', null],
      ['</1>', 'close'],
    ]);
  });

  it('name the next code the target lacks', () => {
    expect(nextMissing(source, 'President')).toBe('<1>');
    expect(nextMissing(source, `${open(0)}President${close(0)}`)).toBe('<2/>');
    expect(nextMissing(source, `${open(0)}P${close(0)}${alone(1)}`)).toBeNull();
  });
});
