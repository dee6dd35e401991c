// The two selections of "quick add term": the translator selects the term in one column
// (the source), then its translation in another (the target), then presses Ctrl+Q. The
// browser keeps only one selection, so each selection is remembered with its language
// as it is made, and the shortcut pairs the newest with the one before it in another
// language.

/** A selected text and the language of the column it was selected in, with the whole
 * text it was selected in and where (UTF-16 offsets), so that it can be grown to whole
 * words. */
export interface Pick {
  lang: string;
  text: string;
  context: string;
  start: number;
  end: number;
}

export class TermPicks {
  /** Newest last, at most one per language. */
  #recent: Pick[] = [];

  /** Remember a selection; empty ones are not picks. */
  note(pick: Pick | null) {
    const text = pick?.text.trim();
    if (!pick || !text) return;
    this.#recent = this.#recent.filter((p) => p.lang !== pick.lang);
    this.#recent.push({ ...pick, text });
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

/** Where `node`'s `offset` falls in the text of `holder`, in UTF-16 units. */
function offsetIn(holder: Node, node: Node, offset: number, doc: Document): number {
  const range = doc.createRange();
  range.selectNodeContents(holder);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** What is selected now: in a text box of a segment, or in a segment's text. */
export function currentPick(doc: Document): Pick | null {
  const active = doc.activeElement;
  if (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement) {
    const lang = langOf(active, doc);
    const { selectionStart: start, selectionEnd: end } = active;
    if (lang && start !== null && end !== null && end > start)
      return { lang, text: active.value.slice(start, end), context: active.value, start, end };
  }
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || !selection.anchorNode || !selection.focusNode) return null;
  const lang = langOf(selection.anchorNode, doc);
  if (!lang || langOf(selection.focusNode, doc) !== lang) return null;
  const text = selection.toString();
  const holder = (selection.anchorNode instanceof Element
    ? selection.anchorNode
    : selection.anchorNode.parentElement
  )?.closest('[lang]');
  // A selection across two segments of one language has no one text to snap in.
  if (!holder || !holder.contains(selection.focusNode)) return { lang, text, context: text, start: 0, end: text.length };
  return {
    lang,
    text,
    context: holder.textContent ?? '',
    start: offsetIn(holder, selection.anchorNode, selection.anchorOffset, doc),
    end: offsetIn(holder, selection.focusNode, selection.focusOffset, doc),
  };
}
