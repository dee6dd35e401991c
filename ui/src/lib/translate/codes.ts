// Inline codes (formatting and markup of the document a segment came from). The core keeps
// each code in the segment's text as one Private Use Area character (core::inline); the
// translator sees and types them as tokens, numbered from 1 as OmegaT shows its tags:
// `<1>` opens a pair, `</1>` closes it, `<1/>` stands alone.

const OPEN = 0xe000;
const CLOSE = 0xe400;
const STANDALONE = 0xe800;
const END = 0xec00;

export type CodeKind = 'open' | 'close' | 'standalone';

export interface Code {
  kind: CodeKind;
  /** The code's number in its segment, from 0. */
  n: number;
}

/** The code a character stands for, or null. */
export function codeOf(c: string): Code | null {
  const u = c.codePointAt(0) ?? 0;
  if (u >= OPEN && u < CLOSE) return { kind: 'open', n: u - OPEN };
  if (u >= CLOSE && u < STANDALONE) return { kind: 'close', n: u - CLOSE };
  if (u >= STANDALONE && u < END) return { kind: 'standalone', n: u - STANDALONE };
  return null;
}

/** The character standing for `code` in a segment's text. */
export function codeChar(code: Code): string {
  const base = code.kind === 'open' ? OPEN : code.kind === 'close' ? CLOSE : STANDALONE;
  return String.fromCodePoint(base + code.n);
}

/** How the translator sees `code`. */
export function token(code: Code): string {
  const n = code.n + 1;
  return code.kind === 'open' ? `<${n}>` : code.kind === 'close' ? `</${n}>` : `<${n}/>`;
}

const MARK = /[\ue000-\uebff]/gu;

/** `text` with its codes written as tokens, for a text box. */
export function toDisplay(text: string): string {
  return text.replace(MARK, (c) => token(codeOf(c)!));
}

/** A text box's `shown` text back as a segment's text: each token naming a code `source`
 * has becomes that code; any other `<…>` is text the translator typed. */
export function fromDisplay(shown: string, source: string): string {
  const known = new Set(source.match(MARK) ?? []);
  return shown.replace(/<(\/?)(\d{1,4})(\/?)>/g, (whole, close: string, digits: string, alone: string) => {
    const n = Number(digits) - 1;
    if (n < 0 || (close && alone)) return whole;
    const c = codeChar({ kind: close ? 'close' : alone ? 'standalone' : 'open', n });
    return known.has(c) ? c : whole;
  });
}

/** A text split for display: plain runs and codes. */
export type CodedPart = { text: string; code?: undefined } | { text: string; code: Code };

export function codedParts(text: string): CodedPart[] {
  const parts: CodedPart[] = [];
  let plain = '';
  for (const c of text) {
    const code = codeOf(c);
    if (code) {
      if (plain) parts.push({ text: plain });
      plain = '';
      parts.push({ text: token(code), code });
    } else {
      plain += c;
    }
  }
  if (plain) parts.push({ text: plain });
  return parts;
}

/** The first code of `source`, in order, that `target` lacks, as its token; null when
 * the target has them all. */
export function nextMissing(source: string, target: string): string | null {
  for (const c of source.match(MARK) ?? []) {
    if (!target.includes(c)) return token(codeOf(c)!);
  }
  return null;
}
