// The Glossary view's state: the glossaries, the page of concepts they hold that matches
// the search (a page at a time, for glossaries of 100,000 concepts), the concept being
// edited, and the operations on them. Choosing a glossary, searching or turning the page
// asks for that page; only the answer to the latest request is shown. Every change
// empties the term cache, so the editors highlight what the glossary now says.
import {
  CommandError,
  configureGlossary,
  createGlossary,
  deleteConcept,
  exportGlossary,
  listGlossaries,
  saveConcept,
  searchConcepts,
  type ConceptEdit,
  type ConceptPage,
  type GlossaryFormat,
  type GlossaryView,
  type TableChoice,
} from '$lib/api';
import type { TermCache } from '$lib/editor/termCache.svelte';
import { t } from '$lib/i18n/locale.svelte';

/** Concepts per page. */
export const PAGE = 50;

export class GlossarySession {
  glossaries = $state.raw<GlossaryView[]>([]);
  /** The glossary whose concepts are listed; `null` for all of them. */
  selected = $state<number | null>(null);
  query = $state('');
  /** Where the page starts among the matching concepts. */
  offset = $state(0);
  page = $state.raw<ConceptPage | null>(null);
  editing = $state<ConceptEdit | null>(null);
  notice = $state<{ text: string; failed: boolean } | null>(null);
  /** The last glossary name given is taken: the view marks its field. */
  nameTaken = $state(false);
  #terms: TermCache;
  /** Bumped per page asked for, so a slow answer to an older request is dropped. */
  #asked = 0;

  constructor(terms: TermCache) {
    this.#terms = terms;
    void this.#reloadGlossaries();
    void this.#loadPage();
  }

  fail(e: unknown) {
    this.notice = { text: e instanceof Error ? e.message : String(e), failed: true };
  }

  async #reloadGlossaries() {
    this.glossaries = await listGlossaries().catch((e: unknown) => (this.fail(e), this.glossaries));
  }

  async #loadPage() {
    const asked = ++this.#asked;
    try {
      const found = await searchConcepts(this.selected, this.query, this.offset, PAGE);
      if (asked === this.#asked) this.page = found;
    } catch (e) {
      this.fail(e);
    }
  }

  /** List the concepts of glossary `id` (`null`: all), from the first page. */
  choose(id: number | null) {
    this.selected = id;
    this.offset = 0;
    void this.#loadPage();
  }

  /** List the concepts with a term matching `query`, from the first page. */
  search(query: string) {
    this.query = query;
    this.offset = 0;
    void this.#loadPage();
  }

  /** Show the page starting at `offset`. */
  turnTo(offset: number) {
    this.offset = Math.max(0, offset);
    void this.#loadPage();
  }

  /** After a change to the concepts: the page and the counts again, and `text` if any. */
  changed(text: string | null) {
    this.#terms.clear();
    void this.#loadPage();
    void this.#reloadGlossaries();
    this.notice = text === null ? null : { text, failed: false };
  }

  async create(name: string): Promise<boolean> {
    try {
      const id = await createGlossary(name, 0);
      this.nameTaken = false;
      await this.#reloadGlossaries();
      this.choose(id);
      return true;
    } catch (e) {
      this.fail(e);
      this.nameTaken = e instanceof CommandError && e.error.kind === 'glossaryExists';
      return false;
    }
  }

  async configure(glossary: GlossaryView, priority: number, enabled: boolean) {
    try {
      await configureGlossary(glossary.id, priority, enabled);
      this.#terms.clear();
      await this.#reloadGlossaries();
    } catch (e) {
      this.fail(e);
    }
  }

  async save(concept: ConceptEdit) {
    try {
      this.editing = await saveConcept(concept);
      this.changed(t('glossary.saved'));
    } catch (e) {
      this.fail(e);
    }
  }

  async remove(row: number) {
    try {
      await deleteConcept(row);
      this.editing = null;
      this.changed(t('glossary.deleted'));
    } catch (e) {
      this.fail(e);
    }
  }

  /** Open an empty concept in the chosen glossary, or the first. */
  newConcept() {
    const glossary = this.selected ?? this.glossaries[0]?.id;
    if (glossary === undefined) {
      this.notice = { text: t('glossary.pickGlossary'), failed: true };
      return;
    }
    this.editing = { row: 0, glossary, id: '', fields: [], terms: [] };
  }

  /** Write the chosen glossary (all of them when "All glossaries" is chosen) to a new
   * file in the exports folder as `format`, `langs` and `table` as `exportGlossary`
   * takes them; the notice says where. */
  async exportAs(format: GlossaryFormat, langs: string[] = [], table: TableChoice = { synonyms: 'joined' }) {
    try {
      const file = await exportGlossary(this.selected, format, langs, table);
      this.notice = { text: t('export.glossaryDone', { concepts: file.concepts, path: file.path }), failed: false };
    } catch (e) {
      this.fail(e);
    }
  }
}
