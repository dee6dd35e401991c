// One translation job open in the Translate view: its segments as the backend saved
// them, the current segment and target language, the draft being typed there, and the
// memory's matches and fragments for it. Confirming moves on at once and writes in the background;
// a failure is reported and the segment keeps its text as an unconfirmed edit.
import {
  checkTranslation,
  confirmTranslation,
  editTranslation,
  exportTranslation,
  learnWordAlignment,
  lookupFragments,
  lookupMatches,
  openTranslation,
  pretranslate,
  Work,
  recordMatchUse,
  type FragmentView,
  type JobFormat,
  type JobView,
  type MatchView,
  type Progress,
  type QaItemView,
  type TargetView,
} from '$lib/api';
import { t } from '$lib/i18n/locale.svelte';
import { resumeAt } from './matches';

const AUTOSAVE_MS = 1000;

export class TranslateSession {
  job = $state.raw<JobView>();
  /** The current segment. */
  current = $state(0);
  /** The current target language's column. */
  side = $state(0);
  #draft = $state('');
  matches = $state.raw<MatchView[]>([]);
  /** Runs of the current segment the memory holds, with their translations: asked
   * after the matches, so these never wait for them. */
  fragments = $state.raw<FragmentView[]>([]);
  /** How long the current segment's matches took to arrive, in ms: shown, so a slow
   * memory is visible to the translator. */
  lookupMs = $state<number | null>(null);
  /** The lowest score shown and pre-translated. */
  threshold = $state(75);
  progress = $state<Progress | null>(null);
  notice = $state<{ text: string; failed: boolean } | null>(null);
  /** The job's QA items, checked again after each saved edit or confirmation. */
  qa = $state.raw<QaItemView[]>([]);
  /** Whether QA also reports the same translation for different sources. */
  sameTarget = $state(false);
  /** Bumped per lookup, so a slow answer for a segment already left is dropped. */
  /** The pre-translation running now or last, for its cancel button. */
  #work: Work | null = null;
  #asked = 0;
  /** Bumped per QA check, so only the latest answer is shown. */
  #checked = 0;
  #autosave: ReturnType<typeof setTimeout> | undefined;

  constructor(job: JobView) {
    this.job = job;
    this.current = resumeAt(job.segments);
    this.draft = this.target(this.current, 0)?.text ?? '';
    void this.#lookup();
    void this.check();
    void this.#learn();
  }

  /** Bring the memory's word alignment up to date for this job (units confirmed since
   * are aligned, the tables learned again once the memory grew), then ask for the
   * current segment's fragments, which need it. */
  async #learn() {
    try {
      await learnWordAlignment(this.id);
      void this.#lookupFragments(this.#asked);
    } catch (e) {
      this.#fail(e);
    }
  }

  async #lookupFragments(asked: number) {
    try {
      const found = await lookupFragments(this.id, this.current, this.lang);
      if (asked === this.#asked) this.fragments = found;
    } catch (e) {
      this.#fail(e);
    }
  }

  static async open(id: number): Promise<TranslateSession> {
    return new TranslateSession(await openTranslation(id));
  }

  /** The current target's text as typed, saved when the translator moves on, and once
   * typing pauses, so a crash loses at most a second of it. */
  get draft(): string {
    return this.#draft;
  }

  set draft(text: string) {
    this.#draft = text;
    clearTimeout(this.#autosave);
    this.#autosave = setTimeout(() => void this.save(), AUTOSAVE_MS);
  }

  get id(): number {
    return this.job!.id;
  }

  get lang(): string {
    return this.job!.targets[this.side] ?? '';
  }

  target(segment: number, side: number): TargetView | undefined {
    return this.job!.segments[segment]?.targets[side];
  }

  #setTarget(segment: number, side: number, target: TargetView) {
    const job = this.job!;
    const segments = job.segments.slice();
    const row = segments[segment];
    if (!row) return;
    segments[segment] = { ...row, targets: row.targets.map((old, s) => (s === side ? target : old)) };
    this.job = { ...job, segments };
  }

  #fail(e: unknown) {
    this.notice = { text: e instanceof Error ? e.message : String(e), failed: true };
  }

  /** Move to `segment` (and `side`), saving the draft left behind if it changed. */
  select(segment: number, side = this.side) {
    if (segment < 0 || segment >= this.job!.segments.length) return;
    this.save();
    this.current = segment;
    this.side = side;
    this.draft = this.target(segment, side)?.text ?? '';
    void this.#lookup();
  }

  /** Save the current draft as an unconfirmed edit, if it changed; resolves once saved. */
  save(): Promise<void> {
    clearTimeout(this.#autosave);
    const [segment, side, text, lang] = [this.current, this.side, this.draft, this.lang];
    const saved = this.target(segment, side);
    if (!saved || saved.text === text) return Promise.resolve();
    this.#setTarget(segment, side, { text, status: { kind: text.trim() ? 'edited' : 'empty' } });
    return editTranslation(this.id, segment, lang, text)
      .then((target) => {
        this.#setTarget(segment, side, target);
        void this.check();
      })
      .catch((e: unknown) => this.#fail(e));
  }

  async #lookup() {
    const asked = ++this.#asked;
    this.matches = [];
    this.fragments = [];
    this.lookupMs = null;
    const started = performance.now();
    try {
      const found = await lookupMatches(this.id, this.current, this.lang, this.threshold);
      if (asked !== this.#asked) return;
      this.matches = found;
      this.lookupMs = Math.round(performance.now() - started);
      void this.#lookupFragments(asked);
    } catch (e) {
      this.#fail(e);
    }
  }

  /** Put match `index` (0-based) in the draft, counting a use of its unit in the
   * memory; returns whether there was one. Inserting a match the draft already reads
   * is no new use. */
  insertMatch(index: number): boolean {
    const found = this.matches[index];
    if (found && found.target !== this.draft) {
      this.draft = found.target;
      recordMatchUse(found.unit).catch((e: unknown) => this.#fail(e));
    }
    return found !== undefined;
  }

  /** Confirm the draft into the memory and go to the next segment without waiting. */
  confirm() {
    const [segment, side, text, lang] = [this.current, this.side, this.draft, this.lang];
    if (text.trim() === '') return;
    this.#setTarget(segment, side, { text, status: { kind: 'confirmed' } });
    confirmTranslation(this.id, segment, lang, text).then(
      () => void this.check(),
      (e: unknown) => {
        this.#setTarget(segment, side, { text, status: { kind: 'edited' } });
        this.#fail(e);
      },
    );
    if (segment + 1 < this.job!.segments.length) this.select(segment + 1);
  }

  async pretranslate() {
    this.save();
    this.progress = { done: 0, total: this.job!.segments.length };
    this.#work = new Work((p) => (this.progress = p));
    try {
      const done = await pretranslate(this.id, this.threshold, this.#work);
      this.job = done.job;
      this.draft = this.target(this.current, this.side)?.text ?? '';
      void this.check();
      this.notice = { text: t('translate.pretranslated', {
          context: done.context,
          exact: done.exact,
          fuzzy: done.fuzzy,
          empty: done.empty,
        }), failed: false };
    } catch (e) {
      this.#fail(e);
    } finally {
      this.progress = null;
    }
  }

  /** Check the job again (terms, numbers, empty, copied, inconsistent targets). */
  async check() {
    const asked = ++this.#checked;
    try {
      const items = await checkTranslation(this.id, this.sameTarget);
      if (asked === this.#checked) this.qa = items;
    } catch (e) {
      this.#fail(e);
    }
  }

  /** Go to a QA item's segment and target language. */
  jump(item: QaItemView) {
    this.select(item.segment, Math.max(0, this.job!.targets.indexOf(item.lang)));
  }

  /** Stop the pre-translation running now; it leaves the job as it was. */
  cancel() {
    void this.#work?.cancel();
  }

  /** Write the job in the current target language to a new file in the exports folder,
   * the draft saved first so the file has it; the notice says where. */
  async exportAs(format: JobFormat) {
    try {
      await this.save();
      const file = await exportTranslation(this.id, this.lang, format);
      this.notice = {
        text: t('translate.exported', {
          translated: file.translated,
          segments: this.job!.segments.length,
          path: file.path,
        }),
        failed: false,
      };
    } catch (e) {
      this.#fail(e);
    }
  }
}
