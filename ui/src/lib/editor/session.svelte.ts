// One alignment project open in the editor: its beads as the backend last reported them,
// the keyboard focus, and the operations the shortcuts and buttons ask for. Operations
// run one after another (a held key cannot interleave two edits), and each applies the
// backend's patches, so the grid always shows what the database holds.
import {
  acceptTerm,
  approveAlignment,
  editAlignment,
  exportAlignment,
  openAlignment,
  suggestTerms,
  undoAlignment,
  Work,
  type AlignmentView,
  type BeadView,
  type Change,
  type EditRequest,
  type ExportFormat,
  type Progress,
  type SegmentAt,
  type TermSuggestion,
} from '$lib/api';
import { isDoubtful } from '$lib/alignment/confidence';
import { t } from '$lib/i18n/locale.svelte';
import { clamp, moveBead, moveSegment, moveSide, nextDoubtful, type Focus } from './focus';
import { applyPatches } from './patch';
import type { Action } from './shortcuts';

export class AlignmentSession {
  readonly id: number;
  readonly name: string;
  readonly langs: string[];
  readonly documents: string[];
  beads = $state.raw<BeadView[]>([]);
  focus = $state<Focus>({ bead: 0, side: 0, segment: 0 });
  canUndo = $state(false);
  canRedo = $state(false);
  /** The segment being edited as text, if any. */
  editing = $state(false);
  helpOpen = $state(false);
  /** Term candidates from this alignment, once asked for; `null` while the panel is shut. */
  suggestions = $state.raw<TermSuggestion[] | null>(null);
  busy = $state(false);
  /** How far the long work running now has got, for the progress bar. */
  progress = $state<Progress | null>(null);
  /** The last operation's outcome for the status line: a report or an error. */
  notice = $state<{ text: string; failed: boolean } | null>(null);
  #queue: Promise<void> = Promise.resolve();
  /** The approval running now or last, for its cancel button. */
  #work: Work | null = null;

  constructor(view: AlignmentView) {
    this.id = view.id;
    this.name = view.name;
    this.langs = view.langs;
    this.documents = view.documents;
    this.beads = view.beads;
    this.canUndo = view.canUndo;
    this.canRedo = view.canRedo;
  }

  static async open(id: number): Promise<AlignmentSession> {
    return new AlignmentSession(await openAlignment(id));
  }

  get counts() {
    return {
      beads: this.beads.length,
      doubtful: this.beads.filter((b) => !b.confirmed && isDoubtful(b.confidence)).length,
      confirmed: this.beads.filter((b) => b.confirmed).length,
      approved: this.beads.filter((b) => b.approved).length,
    };
  }

  /** The focused segment, as the backend addresses it. */
  get at(): SegmentAt {
    return { bead: this.focus.bead, side: this.focus.side, segment: this.focus.segment };
  }

  /** The focused segment's text, if the focused cell has one. */
  get focusedText(): string | undefined {
    return this.beads[this.focus.bead]?.sides[this.focus.side]?.[this.focus.segment];
  }

  #run(work: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(async () => {
      this.busy = true;
      try {
        await work();
      } catch (e) {
        this.notice = { text: e instanceof Error ? e.message : String(e), failed: true };
      } finally {
        this.busy = false;
      }
    });
    return this.#queue;
  }

  #apply(change: Change, focus?: Partial<Focus>) {
    this.beads = applyPatches(this.beads, change.patches);
    this.canUndo = change.canUndo;
    this.canRedo = change.canRedo;
    const first = change.patches[0];
    const next = { ...this.focus, ...(focus ?? (first ? { bead: first.at } : {})) };
    this.focus = clamp(next, this.beads, this.langs.length);
  }

  /** Send an edit; on success the grid shows it and the focus lands on `focus` if given. */
  edit(request: EditRequest, focus?: Partial<Focus>): Promise<void> {
    return this.#run(async () => {
      this.#apply(await editAlignment(this.id, request), focus);
      this.notice = null;
    });
  }

  /** Realign around the confirmed beads; the notice says so when nothing moved, so a
   * translator does not wonder whether the key was heard. */
  async realign(bead: number): Promise<void> {
    const before = JSON.stringify(this.beads.map((b) => b.sides));
    await this.edit({ op: 'realignRest' }, { bead });
    if (!this.notice && JSON.stringify(this.beads.map((b) => b.sides)) === before) {
      this.notice = { text: t('realign.unchanged'), failed: false };
    }
  }

  undo(redo = false): Promise<void> {
    return this.#run(async () => this.#apply(await undoAlignment(this.id, redo)));
  }

  /** Stop the long work running now; it leaves the database as it was. */
  cancel(): Promise<void> {
    return this.#work?.cancel() ?? Promise.resolve();
  }

  approve(minConfidence: number | null = null): Promise<void> {
    return this.#run(async () => {
      this.progress = { done: 0, total: this.beads.length };
      this.#work = new Work((p) => (this.progress = p));
      const a = await approveAlignment(this.id, minConfidence, this.#work).finally(
        () => (this.progress = null),
      );
      this.beads = a.alignment.beads;
      this.notice = {
        text: t('approve.report', { added: a.added, skipped: a.duplicates + a.alreadyApproved }),
        failed: false,
      };
    });
  }

  /** Write the alignment to a new file in the exports folder; the notice says where. */
  exportAs(format: ExportFormat): Promise<void> {
    return this.#run(async () => {
      const file = await exportAlignment(this.id, format);
      this.notice = { text: t('export.done', { beads: file.beads, path: file.path }), failed: false };
    });
  }

  /** Open the suggestions panel with fresh candidates, or shut it. */
  toggleSuggestions(): Promise<void> {
    if (this.suggestions !== null) {
      this.suggestions = null;
      return Promise.resolve();
    }
    return this.#run(async () => {
      this.suggestions = await suggestTerms(this.id);
    });
  }

  /** Correct a suggestion's form in `lang` before it is accepted, as typed. */
  editSuggestion(suggestion: TermSuggestion, lang: string, text: string) {
    const term = suggestion.terms.find((x) => x.lang === lang);
    if (term) term.text = text;
  }

  /** Make a suggestion a concept, its forms as the translator left them; `added` runs
   * once it is in the glossary. */
  accept(suggestion: TermSuggestion, added: () => void): Promise<void> {
    return this.#run(async () => {
      const terms = $state.snapshot(suggestion.terms);
      const { glossary } = await acceptTerm(terms, null, t('quickAdd.acceptedName'));
      this.suggestions = (this.suggestions ?? []).filter((s) => s !== suggestion);
      const term = terms.map((t) => t.text).join(' · ');
      this.notice = { text: t('suggest.added', { glossary, term }), failed: false };
      added();
    });
  }

  /** Save the edited text of the focused segment, or split it at UTF-8 byte `splitAt`. */
  finishEditing(text: string | null, splitAt?: number): Promise<void> {
    this.editing = false;
    const at = this.at;
    if (splitAt !== undefined) return this.edit({ op: 'split', at, offset: splitAt });
    if (text === null || text === this.focusedText) return Promise.resolve();
    return this.edit({ op: 'editText', at, text });
  }

  /** Do what a shortcut or a button stands for. */
  perform(action: Action): Promise<void> | void {
    const sides = this.langs.length;
    const f = this.focus;
    const bead = this.beads[f.bead];
    switch (action) {
      case 'up':
        this.focus = moveBead(f, -1, this.beads, sides);
        return;
      case 'down':
        this.focus = moveBead(f, 1, this.beads, sides);
        return;
      case 'left':
        this.focus = moveSide(f, -1, this.beads, sides);
        return;
      case 'right':
        this.focus = moveSide(f, 1, this.beads, sides);
        return;
      case 'segmentUp':
        this.focus = moveSegment(f, -1, this.beads, sides);
        return;
      case 'segmentDown':
        this.focus = moveSegment(f, 1, this.beads, sides);
        return;
      case 'nextDoubtful': {
        const b = nextDoubtful(f.bead, this.beads, isDoubtful);
        if (b !== undefined) this.focus = clamp({ ...f, bead: b, segment: 0 }, this.beads, sides);
        return;
      }
      case 'help':
        this.helpOpen = !this.helpOpen;
        return;
      case 'edit':
        if (this.focusedText !== undefined) this.editing = true;
        return;
      case 'mergeNext':
        return this.edit({ op: 'mergeNext', at: this.at });
      case 'mergePrevious':
        return this.edit({ op: 'mergePrevious', at: this.at });
      case 'shiftUp':
        return this.edit({ op: 'shiftUp', at: this.at }, { bead: Math.max(0, f.bead - 1) });
      case 'shiftDown':
        return this.edit({ op: 'shiftDown', at: this.at }, { bead: f.bead + 1, segment: 0 });
      case 'deleteBead':
        return this.edit({ op: 'deleteBead', bead: f.bead }, { bead: f.bead });
      case 'insertBead':
        return this.edit({ op: 'insertBead', at: f.bead }, { bead: f.bead });
      case 'confirm':
        if (!bead) return;
        return this.edit({ op: 'setConfirmed', bead: f.bead, confirmed: !bead.confirmed }, {
          bead: f.bead,
        });
      case 'undo':
        return this.undo(false);
      case 'redo':
        return this.undo(true);
      case 'realign':
        return this.realign(f.bead);
      case 'approve':
        return this.approve();
    }
  }
}
