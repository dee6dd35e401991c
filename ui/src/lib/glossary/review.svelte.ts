// Term suggestions extracted from the memory's units for a set of languages, best first,
// asked for again whenever the languages change (only the latest answer is shown). Each
// term's dictionary form can be corrected before accepting; a rejected suggestion is
// remembered by the backend and never proposed again, and so is one accepted in an
// edited form (the glossary then holds the edit, not what was suggested).
import { acceptTerm, rejectSuggestion, suggestMemoryTerms, type Translation } from '$lib/api';
import { t } from '$lib/i18n/locale.svelte';

export interface ReviewItem {
  /** As suggested. */
  original: Translation[];
  /** As the translator corrected them. */
  terms: Translation[];
  frequency: number;
}

/** A suggestion as one line: its terms joined. */
export const label = (terms: Translation[]) => terms.map((term) => term.text).join(' = ');

export class SuggestionReview {
  #langs = $state('ru,en');
  /** `null` until the suggestions for the languages asked for last arrive. */
  suggestions = $state<ReviewItem[] | null>(null);
  #failed: (e: unknown) => void;

  /** `failed` hears of suggestions that could not be had. */
  constructor(failed: (e: unknown) => void) {
    this.#failed = failed;
    void this.#load();
  }

  /** The languages, comma-separated, whose terms are suggested together. */
  get langs(): string {
    return this.#langs;
  }

  set langs(langs: string) {
    this.#langs = langs;
    void this.#load();
  }

  async #load() {
    const asked = this.#langs;
    this.suggestions = null;
    try {
      const found = await suggestMemoryTerms(asked.split(','));
      if (asked === this.#langs)
        this.suggestions = found.map((s) => ({ original: s.terms, terms: structuredClone(s.terms), frequency: s.frequency }));
    } catch (e) {
      this.#failed(e);
    }
  }

  #drop(item: ReviewItem) {
    this.suggestions = this.suggestions?.filter((x) => x !== item) ?? null;
  }

  /** Add `item`'s terms as corrected to the glossary; resolves to the notice to show. */
  async accept(item: ReviewItem): Promise<string> {
    const terms = $state.snapshot(item.terms);
    const { glossary } = await acceptTerm(terms, null, t('quickAdd.acceptedName'));
    const original = $state.snapshot(item.original);
    if (JSON.stringify(original) !== JSON.stringify(terms)) await rejectSuggestion(original);
    this.#drop(item);
    return t('review.accepted', { glossary, term: label(terms) });
  }

  /** Never suggest `item` again; resolves to the notice to show. */
  async reject(item: ReviewItem): Promise<string> {
    const terms = $state.snapshot(item.terms);
    await rejectSuggestion(terms);
    this.#drop(item);
    return t('review.rejected', { term: label(terms) });
  }
}
