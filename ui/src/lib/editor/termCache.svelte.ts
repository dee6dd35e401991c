// Glossary terms of the segments on screen, asked for in one call per language for
// what is not known yet and remembered by text, so scrolling back costs nothing and an
// edited segment is looked up again under its new text.
import { SvelteMap } from 'svelte/reactivity';
import { findTerms, type TermMatch } from '$lib/api';

export class TermCache {
  #hits = new SvelteMap<string, TermMatch[]>();
  #asked = new Set<string>();
  /** Bumped when the cache is emptied, so whoever asks for terms asks again. */
  version = $state(0);

  #key(lang: string, text: string): string {
    return `${lang}\u0000${text}`;
  }

  /** Forget everything: the glossary changed. */
  clear() {
    this.#hits.clear();
    this.#asked.clear();
    this.version++;
  }

  /** The terms found in `text`, or none until they arrive. */
  get(lang: string, text: string): TermMatch[] {
    return this.#hits.get(this.#key(lang, text)) ?? [];
  }

  /** Ask for the terms of whichever of `texts` (in `lang`) are not known or asked yet. */
  async want(lang: string, texts: readonly string[]): Promise<void> {
    const missing = [...new Set(texts)].filter((t) => !this.#asked.has(this.#key(lang, t)));
    if (missing.length === 0) return;
    for (const text of missing) this.#asked.add(this.#key(lang, text));
    try {
      const found = await findTerms(lang, missing);
      missing.forEach((text, i) => this.#hits.set(this.#key(lang, text), found[i] ?? []));
    } catch (e) {
      // Not fatal to editing: forget the request so the next scroll asks again.
      for (const text of missing) this.#asked.delete(this.#key(lang, text));
      throw e;
    }
  }
}
