// The two selections of "quick add term": the translator selects the term in one column
// (the source), then its translation in another (the target), then presses Ctrl+Q. The
// browser keeps only one selection, so each selection is remembered with its language
// as it is made, and the shortcut pairs the newest with the one before it in another
// language.

/** A selected text and the language of the column it was selected in. */
export interface Pick {
  lang: string;
  text: string;
}

export class TermPicks {
  /** Newest last, at most one per language. */
  #recent: Pick[] = [];

  /** Remember a selection; empty ones are not picks. */
  note(pick: Pick | null) {
    const text = pick?.text.trim();
    if (!pick || !text) return;
    this.#recent = this.#recent.filter((p) => p.lang !== pick.lang);
    this.#recent.push({ lang: pick.lang, text });
  }

  /** The source and target picks, oldest first, or null when there are not two languages. */
  pair(): [Pick, Pick] | null {
    const target = this.#recent.at(-1);
    const source = this.#recent.at(-2);
    return target && source ? [source, target] : null;
  }

  clear() {
    this.#recent = [];
  }
}

/** The language of the closest element that declares one, leaving out the page's own. */
function langOf(node: Node | null, doc: Document): string | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  const holder = element?.closest('[lang]');
  if (!holder || holder === doc.documentElement) return null;
  return holder.getAttribute('lang') || null;
}

/** What is selected now: in a text box of a segment, or in a segment's text. */
export function currentPick(doc: Document): Pick | null {
  const active = doc.activeElement;
  if (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement) {
    const lang = langOf(active, doc);
    const { selectionStart: start, selectionEnd: end } = active;
    if (lang && start !== null && end !== null && end > start)
      return { lang, text: active.value.slice(start, end) };
  }
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed) return null;
  const lang = langOf(selection.anchorNode, doc);
  return lang && langOf(selection.focusNode, doc) === lang ? { lang, text: selection.toString() } : null;
}
