// Glossary terms of the segments on screen, remembered by text, so scrolling back costs
// nothing and an edited segment is looked up again under its new text. Reading a text's
// terms asks for them: what the grids render in one pass is asked for together, in one
// call per language, once that pass is over.
import { SvelteMap } from 'svelte/reactivity';
import { findTerms, type TermMatch } from '$lib/api';

export class TermCache {
  #hits = new SvelteMap<string, TermMatch[]>();
  // The bookkeeping of requests is written while a grid renders, where changing reactive
  // state is refused, and nothing is rendered from it: plain collections.
  /** The texts asked for or about to be, whose answers have not failed. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #asked = new Set<string>();
  /** The texts to ask for once this render pass is over, by language. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #wanted = new Map<string, string[]>();

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
    this.#asked.add(this.#key(lang, text));
    const texts = this.#wanted.get(lang);
    if (texts) texts.push(text);
    else this.#wanted.set(lang, [text]);
  }

  #ask() {
    const wanted = [...this.#wanted];
    this.#wanted.clear();
    for (const [lang, texts] of wanted) {
      findTerms(lang, texts).then(
        (found) => texts.forEach((text, i) => this.#hits.set(this.#key(lang, text), found[i] ?? [])),
        // Not fatal to editing: forgotten, so the texts are asked for again when a row
        // showing them is rendered again.
        () => texts.forEach((text) => this.#asked.delete(this.#key(lang, text))),
      );
    }
  }
}
