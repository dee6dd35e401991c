// The texts of a new alignment as the form holds them, and what is sent to align them:
// pure logic, so the rules (which slots count, whose rules apply) are tested apart from
// the form.
import type { TextToAlign } from '$lib/api';

/** The languages Dragoman has rules and stemmers for. */
export const LANGS = ['ru', 'az', 'en'] as const;

/** The file types a slot accepts, for the file picker. */
export const DOCUMENT_TYPES = '.txt,.docx,.html,.htm,.xhtml';

/** One version of the text: a dropped or picked file, or pasted text. */
export interface Slot {
  /** The file's name, or '' for pasted text. */
  file: string;
  /** The chosen or detected language, or '' while unknown. */
  lang: string;
  /** Whether `lang` came from detection rather than the user. */
  detected: boolean;
  text: string;
}

/** Imported SRX rules, by language; a language without an entry uses the built-in rules. */
export type Rules = Record<string, { file: string; srx: string }>;

export const emptySlot = (): Slot => ({ file: '', lang: '', detected: false, text: '' });

/** Whether a file's name says it is a document the backend reads. */
export function isDocument(name: string): boolean {
  const ext = name.toLowerCase().match(/\.[^.]+$/)?.[0] ?? '';
  return DOCUMENT_TYPES.split(',').includes(ext);
}

/** A project name from a file name: the name without its extension. */
export function projectName(file: string): string {
  return file.replace(/\.[^.]+$/, '');
}

/** The slots holding text. */
export function filled(slots: Slot[]): Slot[] {
  return slots.filter((s) => s.text.trim() !== '');
}

/** What keeps the form from aligning, as a message key, or null when it can. */
export function blocker(slots: Slot[]): 'new.needTwo' | 'new.needLanguage' | null {
  const texts = filled(slots);
  if (texts.length < 2) return 'new.needTwo';
  if (texts.some((s) => s.lang === '')) return 'new.needLanguage';
  return null;
}

/** The texts to align, each with the rules imported for its language. */
export function textsToAlign(slots: Slot[], rules: Rules, pasted: string): TextToAlign[] {
  return filled(slots).map((s, i) => ({
    name: s.file || `${pasted} ${i + 1}`,
    lang: s.lang,
    text: s.text,
    srx: rules[s.lang]?.srx ?? null,
  }));
}

/** The languages in use, in slot order, each once: one rules choice per language. */
export function languagesInUse(slots: Slot[]): string[] {
  return [...new Set(filled(slots).map((s) => s.lang).filter((l) => l !== ''))];
}
