// "Quick add term" (Ctrl+Q in both editors): the two selections become a concept in the
// glossary accepted terms go to, at once; the term cache is emptied so the grids
// highlight the new term straight away.
import { acceptTerm } from '$lib/api';
import type { TermCache } from '$lib/editor/termCache.svelte';
import { t } from '$lib/i18n/locale.svelte';
import { currentPick, TermPicks } from './picks';

export class QuickAdd {
  readonly picks = new TermPicks();
  notice = $state<{ text: string; failed: boolean } | null>(null);
  #terms: TermCache;

  constructor(terms: TermCache) {
    this.#terms = terms;
  }

  /** Remember each selection as it is made; returns the function that stops listening. */
  listen(doc: Document): () => void {
    const noted = () => this.picks.note(currentPick(doc));
    doc.addEventListener('selectionchange', noted);
    // Text boxes report their selections by `select` events in some engines.
    doc.addEventListener('select', noted, true);
    return () => {
      doc.removeEventListener('selectionchange', noted);
      doc.removeEventListener('select', noted, true);
    };
  }

  async add(doc: Document): Promise<void> {
    this.picks.note(currentPick(doc));
    const pair = this.picks.pair();
    if (!pair) {
      this.notice = { text: t('quickAdd.needTwo'), failed: true };
      return;
    }
    try {
      const glossary = await acceptTerm(pair);
      this.picks.clear();
      this.#terms.clear();
      this.notice = {
        text: t('quickAdd.added', { glossary, source: pair[0].text, target: pair[1].text }),
        failed: false,
      };
    } catch (e) {
      this.notice = { text: e instanceof Error ? e.message : String(e), failed: true };
    }
  }
}
