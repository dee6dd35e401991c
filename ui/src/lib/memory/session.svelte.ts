// The Memory view's state: the filters, the page of units they select (a page at a
// time, by keyset: each page starts below the last unit of the one before), the units
// ticked, the statistics, and the operations on them. Every backend call of the view is
// made here; the component holds only what its forms are editing.
import {
  browseMemory,
  conflictedUnits,
  deleteUnits,
  editUnitDetails,
  editUnitText,
  exportMemory,
  memoryStats,
  type MemoryFormat,
  type MemoryQuery,
  type MemoryStats,
  type UnitView,
} from '$lib/api';
import { t } from '$lib/i18n/locale.svelte';

/** Units per page. */
export const PAGE = 50;

/** What the filter form holds, as typed. */
export interface Filters {
  text: string;
  inflected: boolean;
  src: string;
  tgt: string;
  origin: string;
  from: string;
  to: string;
  client: string;
  domain: string;
  project: string;
}

/** A unit's texts and details as the edit form holds them. */
export interface UnitEdit {
  texts: Record<string, string>;
  client: string;
  domain: string;
  project: string;
  notes: string;
}

export class MemorySession {
  filters = $state<Filters>({
    text: '',
    inflected: false,
    src: '',
    tgt: '',
    origin: '',
    from: '',
    to: '',
    client: '',
    domain: '',
    project: '',
  });
  /** Only the units a team conflict changed (all of them, on one page). */
  conflictsOnly = $state(false);
  units = $state<UnitView[]>([]);
  /** Where the next page starts; null on the last page. */
  following = $state<number | null>(null);
  /** The `after` of each page shown so far: going back pops it. */
  trail = $state<(number | null)[]>([null]);
  selected = $state<number[]>([]);
  stats = $state<MemoryStats | null>(null);
  notice = $state<{ text: string; failed: boolean } | null>(null);
  /** Bumped per page asked for, so a slow answer to an older request is dropped. */
  #asked = 0;

  /** The filters as the backend takes them: blanks left out, each language once. */
  query(): MemoryQuery {
    const f = this.filters;
    const blank = (s: string) => (s.trim() === '' ? null : s.trim());
    return {
      text: blank(f.text),
      inflected: f.inflected,
      langs: [f.src, f.tgt].filter((l, i, all) => l !== '' && all.indexOf(l) === i),
      origin: blank(f.origin),
      changedFrom: blank(f.from),
      changedTo: blank(f.to),
      client: blank(f.client),
      domain: blank(f.domain),
      project: blank(f.project),
    };
  }

  fail(e: unknown) {
    this.notice = { text: e instanceof Error ? e.message : String(e), failed: true };
  }

  async #load(after: number | null) {
    const asked = ++this.#asked;
    try {
      const page = this.conflictsOnly ? await conflictedUnits() : await browseMemory(this.query(), after, PAGE);
      if (asked !== this.#asked) return;
      this.units = page.units;
      this.following = page.next;
      this.selected = this.selected.filter((id) => page.units.some((u) => u.id === id));
    } catch (e) {
      this.fail(e);
    }
  }

  /** The first page under the filters as they now read. */
  search() {
    this.trail = [null];
    return this.#load(null);
  }

  next() {
    const after = this.following;
    if (after === null) return;
    this.trail = [...this.trail, after];
    return this.#load(after);
  }

  previous() {
    if (this.trail.length < 2) return;
    this.trail = this.trail.slice(0, -1);
    return this.#load(this.trail.at(-1) ?? null);
  }

  /** The page shown, again (after a merge or a deletion elsewhere). */
  reload() {
    return this.#load(this.trail.at(-1) ?? null);
  }

  toggle(id: number, on: boolean) {
    this.selected = on ? [...this.selected, id] : this.selected.filter((s) => s !== id);
  }

  async remove(ids: number[]) {
    try {
      const deleted = await deleteUnits(ids);
      this.notice = { text: t('memory.deleted', { count: deleted }), failed: false };
      this.selected = [];
      await this.reload();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Save what the edit form changed of unit `unit`; whether it was saved. */
  async save(unit: UnitView, form: UnitEdit): Promise<boolean> {
    try {
      let saved = unit;
      for (const v of unit.variants) {
        const changed = form.texts[v.lang];
        if (changed !== undefined && changed !== v.text) saved = await editUnitText(unit.id, v.lang, changed);
      }
      const notes = form.notes.split('\n').filter((n) => n.trim() !== '');
      const detailsChanged =
        form.client !== (unit.client ?? '') ||
        form.domain !== (unit.domain ?? '') ||
        form.project !== (unit.project ?? '') ||
        notes.join('\n') !== unit.notes.join('\n');
      if (detailsChanged) {
        saved = await editUnitDetails(unit.id, { client: form.client, domain: form.domain, project: form.project, notes });
      }
      this.units = this.units.map((u) => (u.id === saved.id ? saved : u));
      this.notice = { text: t('memory.saved'), failed: false };
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  async loadStats() {
    this.stats = await memoryStats().catch((e: unknown) => (this.fail(e), null));
  }

  async export(format: MemoryFormat) {
    try {
      const done = await exportMemory(this.query(), format);
      this.notice = { text: t('memory.exported', { count: done.units, path: done.path }), failed: false };
    } catch (e) {
      this.fail(e);
    }
  }
}
