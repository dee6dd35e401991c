// A fake of the app's commands for browser tests: just enough state to answer the UI
// the way the real backend does (full-bead-list patches, an undo stack), recording every
// call in `window.__calls` for the tests to check what the UI asked for. Files arrive as
// the real backend takes them, the bytes alone as the raw body of `upload_file`, and a
// command reads them by id once through `window.__takeUpload`, which the other fakes use
// too; long work gets an id from `start_work` and is cancelled by that id alone.

export interface FakeBead {
  sides: string[][];
  confidence: number;
  confirmed: boolean;
  approved: boolean;
}

/** Installed with `page.addInitScript(installBackend, beads)`: runs before the app. */
export function installBackend(initial: FakeBead[]) {
  type Args = Record<string, unknown>;
  const w = window as unknown as Record<string, unknown>;
  let beads: FakeBead[] = structuredClone(initial);
  const undo: FakeBead[][] = [];
  const redo: FakeBead[][] = [];
  const calls: { cmd: string; args: Args }[] = [];
  const callbacks = new Map<number, (message: unknown) => void>();
  let nextCallback = 1;
  // The cancel of each piece of long work the fake holds until the UI cancels it.
  const cancels = new Map<number, () => void>();
  let nextWork = 1;
  const uploads = new Map<number, Uint8Array>();
  let nextUpload = 1;
  const takeUpload = (id: number) => {
    const bytes = uploads.get(id);
    if (!bytes) throw { kind: 'noSuchUpload', id };
    uploads.delete(id);
    return bytes;
  };
  w.__takeUpload = takeUpload;
  w.__calls = calls;
  const view = () => ({
    id: 1,
    name: 'Forum',
    langs: ['ru', 'az', 'en'],
    documents: ['ru.txt', 'az.txt', 'en.txt'],
    beads,
    canUndo: undo.length > 0,
    canRedo: redo.length > 0,
  });
  const change = (before: FakeBead[]) => ({
    patches: [{ at: 0, remove: before.length, beads }],
    canUndo: undo.length > 0,
    canRedo: redo.length > 0,
  });
  const edit = (e: { op: string; at?: { bead: number; side: number; segment: number }; bead?: number; confirmed?: boolean; text?: string }) => {
    const next: FakeBead[] = structuredClone(beads);
    if (e.op === 'setConfirmed') next[e.bead!]!.confirmed = e.confirmed!;
    else if (e.op === 'mergeNext') {
      const { bead, side, segment } = e.at!;
      const cell = next[bead]!.sides[side]!;
      const following = cell[segment + 1] !== undefined ? cell : next[bead + 1]!.sides[side]!;
      const index = following === cell ? segment + 1 : 0;
      cell[segment] = `${cell[segment]} ${following[index]}`;
      following.splice(index, 1);
    } else if (e.op === 'editText') {
      next[e.at!.bead]!.sides[e.at!.side]![e.at!.segment] = e.text!;
    } else if (e.op !== 'realignRest') throw { kind: 'outOfDate' };
    undo.push(beads);
    redo.length = 0;
    const before = beads;
    beads = next;
    return change(before);
  };
  // The limits as the backend lists them (docs/limits.md), changed by `set_limit`.
  let limits = (
    [
      ['file-bytes', 512 << 20],
      ['unpacked-bytes', 256 << 20],
      ['zip-entries', 10_000],
      ['table-cells', 2_000_000],
      ['depth', 256],
      ['attributes', 256],
      ['segment-bytes', 1 << 20],
      ['srx-rules', 1_000],
    ] as const
  ).map(([key, value]) => ({ key, value, defaultValue: value }));
  const handlers: Record<string, (a: Args) => unknown> = {
    open_demo: () => ({ title: 'Forum', database: '/data/dragoman.sqlite', alignment: 1, importedGlossaries: [] }),
    open_alignment: () => view(),
    list_alignments: () => [{ id: 1, name: 'Forum', langs: ['ru', 'az', 'en'], beads: beads.length, confirmed: 0, approved: 0 }],
    read_document: (a) => {
      // Text as sent, its language guessed from its script, as the real reader would.
      const name = a.name as string;
      const bytes = takeUpload(a.upload as number);
      if (name.endsWith('.docx')) throw { kind: 'wrongFormat', file: name, expected: 'docx' };
      const text = new TextDecoder().decode(bytes).replace(/<[^>]+>/g, '');
      const lang = /[а-я]/i.test(text) ? 'ru' : /[əğı]/.test(text) ? 'az' : /\bthe\b/i.test(text) ? 'en' : null;
      return { text, lang };
    },
    new_alignment: async (a) => {
      const channel = Number(String(a.progress).replace('__CHANNEL__:', ''));
      const texts = a.texts as { lang: string; text: string }[];
      const total = texts.length + 2;
      const send = (index: number, done: number) => callbacks.get(channel)?.({ index, message: { done, total } });
      send(0, 0);
      if (w.__slowAlign) {
        // Hold the work after the texts are segmented until the UI cancels it.
        send(1, texts.length);
        await new Promise<void>((resolve) => cancels.set(a.work as number, resolve));
        throw { kind: 'cancelled' };
      }
      // One bead per line, side by side: enough to show the UI the project it asked for.
      const lines = texts.map((t) => t.text.split('\n').filter((l) => l.trim() !== ''));
      const count = Math.max(...lines.map((l) => l.length));
      beads = Array.from({ length: count }, (_, i) => ({
        sides: lines.map((l) => (l[i] === undefined ? [] : [l[i]!])),
        confidence: 0.9,
        confirmed: false,
        approved: false,
      }));
      send(1, total);
      return { ...view(), id: 2, name: a.name, langs: texts.map((t) => t.lang) };
    },
    edit_alignment: (a) => edit(a.edit as Parameters<typeof edit>[0]),
    undo_alignment: (a) => {
      const [from, to] = a.redo ? [redo, undo] : [undo, redo];
      const state = from.pop();
      if (!state) throw { kind: a.redo ? 'nothingToRedo' : 'nothingToUndo' };
      to.push(beads);
      const before = beads;
      beads = state;
      return change(before);
    },
    approve_alignment: async (a) => {
      const channel = Number(String(a.progress).replace('__CHANNEL__:', ''));
      const send = (index: number, done: number) =>
        callbacks.get(channel)?.({ index, message: { done, total: beads.length } });
      send(0, 0);
      if (w.__slowApprove) {
        // Hold the approval half-way until the UI cancels it, as a long one would be.
        send(1, Math.floor(beads.length / 2));
        await new Promise<void>((resolve) => cancels.set(a.work as number, resolve));
        throw { kind: 'cancelled' };
      }
      send(1, beads.length);
      let added = 0;
      beads = beads.map((b) => {
        if (!b.confirmed || b.approved) return b;
        added++;
        return { ...b, approved: true };
      });
      return { added, duplicates: 0, alreadyApproved: 0, tooFewSides: 0, alignment: view() };
    },
    suggest_terms: () => [
      {
        terms: [
          { lang: 'ru', text: 'межрегиональный форум' },
          { lang: 'az', text: 'regionlararası forum' },
          { lang: 'en', text: 'inter-regional forum' },
        ],
        frequency: 2,
        examples: [0, 2],
      },
    ],
    accept_term: () => ({ glossary: 'accepted', concept: 'c-0000000000000001' }),
    start_work: () => nextWork++,
    // A memory of its own, in no team (e2e/teamBackend.ts fakes one that is).
    team_status: () => ({ link: null, pending: 0, phase: 'alone', error: null, conflicts: 0 }),
    cancel_work: (a) => cancels.get(a.work as number)?.(),
    limits: () => limits,
    set_limit: (a) => {
      limits = limits.map((l) => (l.key === a.key ? { ...l, value: (a.value as number | null) ?? l.defaultValue } : l));
      return limits;
    },
    export_alignment: (a) => ({ path: `/home/user/Documents/Dragoman/Forum.${a.format}`, beads: beads.length }),
    find_terms: (a) =>
      (a.texts as string[]).map((text) => {
        const bytes = (s: string) => new TextEncoder().encode(s).length;
        // A term split by an inserted modifier, found whole as recognition would.
        const split = /межрегиональный (\S+) форум/.exec(text);
        if (split) {
          const start = bytes(text.slice(0, split.index));
          const from = start + bytes('межрегиональный ');
          const words = split[1]!;
          return [
            {
              start,
              end: start + bytes(split[0]),
              inserted: [{ start: from, end: from + bytes(words), text: words }],
              concept: 'dip-001',
              term: 'межрегиональный форум',
              translations: [{ lang: 'en', text: 'inter-regional forum' }],
              forbidden: [],
            },
          ];
        }
        const at = text.indexOf('форум');
        if (at < 0) return [];
        const start = new TextEncoder().encode(text.slice(0, at)).length;
        return [
          {
            start,
            end: start + 10,
            inserted: [],
            concept: 'dip-001',
            term: 'форум',
            translations: [{ lang: 'en', text: 'forum' }],
            forbidden: [{ lang: 'en', text: 'conclave' }],
          },
        ];
      }),
  };
  w.__TAURI_INTERNALS__ = {
    invoke: async (cmd: string, args: Args) => {
      if (cmd === 'upload_file') {
        // The bytes alone, as the raw body; anything else would reach Tauri as JSON.
        if (!(args instanceof Uint8Array)) throw { kind: 'interrupted', message: 'upload_file takes the raw request body' };
        calls.push({ cmd, args: { id: nextUpload, bytes: Array.from(args) } });
        uploads.set(nextUpload, args);
        return nextUpload++;
      }
      // Through JSON, as Tauri's IPC sends them (Svelte's state proxies do not clone).
      args = JSON.parse(JSON.stringify(args ?? {})) as Args;
      calls.push({ cmd, args });
      const handler = handlers[cmd];
      if (!handler) throw { kind: 'interrupted', message: `no fake for ${cmd}` };
      return handler(args);
    },
    transformCallback: (callback: (message: unknown) => void) => {
      callbacks.set(nextCallback, callback);
      return nextCallback++;
    },
    unregisterCallback: (id: number) => callbacks.delete(id),
  };
}
