// Glossary terms of the segments on screen, remembered by text, so scrolling back costs
// nothing and an edited segment is looked up again under its new text. Reading a text's
// terms asks for them: what the grids render in one pass is asked for together, in one
// call per language, once that pass is over.
import { SvelteMap } from 'svelte/reactivity';
import { findTerms, type TermMatch } from '$lib/api';

export class TermCache {
  #hits = new SvelteMap<string, TermMatch[]>();
  #asked = new Set<string>();
  /** The texts read but not known or asked for yet, by language. */
  #wanted = new Map<string, Set<string>>();

  #key(lang: string, text: string): string {
    return `${lang}\u0000${text}`;
  }

  /** Forget everything: the glossary changed. Whatever is on screen reads its terms
   * again, and so asks for them again. */
  clear() {
    this.#hits.clear();
    this.#asked.clear();
  }

  /** The terms found in `text`, or none until they arrive. */
  get(lang: string, text: string): TermMatch[] {
    const key = this.#key(lang, text);
    const hits = this.#hits.get(key);
    if (hits === undefined && !this.#asked.has(key)) this.#want(lang, text);
    return hits ?? [];
  }

  #want(lang: string, text: string) {
    if (this.#wanted.size === 0) queueMicrotask(() => this.#ask());
    const texts = this.#wanted.get(lang) ?? new Set();
    texts.add(text);
    this.#wanted.set(lang, texts);
  }

  #ask() {
    const wanted = [...this.#wanted];
    this.#wanted.clear();
    for (const [lang, set] of wanted) {
      const texts = [...set];
      for (const text of texts) this.#asked.add(this.#key(lang, text));
      findTerms(lang, texts).then(
        (found) => texts.forEach((text, i) => this.#hits.set(this.#key(lang, text), found[i] ?? [])),
        // Not fatal to editing: forgotten, so the texts are asked for again when a row
        // showing them is rendered again.
        () => texts.forEach((text) => this.#asked.delete(this.#key(lang, text))),
      );
    }
  }
}
