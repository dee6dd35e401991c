// "Quick add term" (Ctrl+Q in both editors): the two selections, grown to whole words,
// are offered in their dictionary form in a small review (terms editable, glossary
// chosen); Enter saves the concept, Esc cancels, and the focus goes back where it was.
// The term cache is emptied on save so the grids highlight the new term straight away.
import { acceptTerm, listGlossaries, termForm, type TermForm } from '$lib/api';
import type { TermCache } from '$lib/editor/termCache.svelte';
import { t } from '$lib/i18n/locale.svelte';
import { currentPick, type Pick, TermPicks } from './picks';

/** A term of the review: the words as selected and the form to save, which the
 * translator may edit. */
export interface DraftTerm {
  lang: string;
  selected: string;
  text: string;
}

/** What the review shows: the terms, the glossaries to choose from, the one chosen
 * (`null`: the glossary of accepted terms). */
export interface QuickAddReview {
  terms: DraftTerm[];
  glossaries: string[];
  glossary: string | null;
}

/** The review's terms for the two picks and the forms found for them; `null` when a
 * selection held no word. */
export function draftTerms(picks: Pick[], forms: (TermForm | null)[]): DraftTerm[] | null {
  const drafts: DraftTerm[] = [];
  for (const [i, pick] of picks.entries()) {
    const form = forms[i];
    if (!form) return null;
    drafts.push({ lang: pick.lang, selected: form.selected, text: form.proposed });
  }
  return drafts;
}

/** The glossaries a quick add may go to besides the accepted terms' one: the user's
 * others, without repeating the accepted terms' glossary under its name. */
export function glossaryChoices(names: string[], acceptedName: string): string[] {
  return names.filter((n) => n !== acceptedName);
}

export class QuickAdd {
  readonly picks = new TermPicks();
  notice = $state<{ text: string; failed: boolean } | null>(null);
  review = $state<QuickAddReview | null>(null);
  #terms: TermCache;
  #returnTo: HTMLElement | null = null;

  constructor(terms: TermCache) {
    this.#terms = terms;
  }

  /** Remember each selection as it is made; returns the function that stops listening. */
  listen(doc: Document): () => void {
    const noted = () => {
      // Selecting inside the review edits it; it picks no new term.
      if (!this.review) this.picks.note(currentPick(doc));
    };
    doc.addEventListener('selectionchange', noted);
    // Text boxes report their selections by `select` events in some engines.
    doc.addEventListener('select', noted, true);
    return () => {
      doc.removeEventListener('selectionchange', noted);
      doc.removeEventListener('select', noted, true);
    };
  }

  /** Open the review of the two newest selections. */
  async add(doc: Document): Promise<void> {
    if (this.review) return;
    this.picks.note(currentPick(doc));
    const pair = this.picks.pair();
    if (!pair) {
      this.notice = { text: t('quickAdd.needTwo'), failed: true };
      return;
    }
    const active = doc.activeElement;
    this.#returnTo = active instanceof HTMLElement ? active : null;
    try {
      const forms = await Promise.all(pair.map((p) => termForm(p.lang, p.context, p.start, p.end)));
      const terms = draftTerms(pair, forms);
      if (!terms) {
        this.notice = { text: t('quickAdd.needTwo'), failed: true };
        return;
      }
      const names = (await listGlossaries()).map((g) => g.name);
      this.notice = null;
      this.review = { terms, glossaries: glossaryChoices(names, t('quickAdd.acceptedName')), glossary: null };
    } catch (e) {
      this.notice = { text: e instanceof Error ? e.message : String(e), failed: true };
    }
  }

  /** Save the reviewed terms as they stand in the review. */
  async save(): Promise<void> {
    const review = this.review;
    if (!review) return;
    const terms = review.terms.map((d) => ({ lang: d.lang, text: d.text }));
    try {
      const added = await acceptTerm(terms, review.glossary, t('quickAdd.acceptedName'));
      this.picks.clear();
      this.#terms.clear();
      this.notice = {
        text: t('quickAdd.added', { glossary: added.glossary, source: terms[0]!.text, target: terms[1]!.text }),
        failed: false,
      };
      this.close();
    } catch (e) {
      this.notice = { text: e instanceof Error ? e.message : String(e), failed: true };
    }
  }

  /** Close the review, saving nothing; the focus goes back where it was. */
  close() {
    this.review = null;
    this.#returnTo?.focus();
    this.#returnTo = null;
  }
}
