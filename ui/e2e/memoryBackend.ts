// The Memory view's commands for browser tests, installed after `installBackend`: a
// memory of units held in the page, paged by id as the real backend pages, and
// `import_memory` reading the file uploaded to the alignment fake by its id, as the
// real command does. Calls land in `window.__calls` too.

export interface FakeUnit {
  id: number;
  variants: { lang: string; text: string }[];
  useCount?: number;
  lastUsedAt?: string;
  /** Earlier texts, as `unit_versions` answers. */
  versions?: {
    lang: string;
    text: string;
    written: string;
    writtenBy: string | null;
    replaced: string;
    conflict?: boolean;
    replacedBy?: string | null;
  }[];
  /** A team conflict replaced one of its texts. */
  conflict?: boolean;
}

export function installMemoryBackend(initial: FakeUnit[]) {
  type Args = Record<string, unknown>;
  const w = window as unknown as Record<string, unknown>;
  const internals = w.__TAURI_INTERNALS__ as {
    invoke: (cmd: string, args: unknown) => Promise<unknown>;
    transformCallback: (callback: (message: unknown) => void) => number;
  };
  const callbacks = new Map<number, (message: unknown) => void>();
  const transform = internals.transformCallback;
  internals.transformCallback = (callback) => {
    const id = transform(callback);
    callbacks.set(id, callback);
    return id;
  };
  const takeUpload = w.__takeUpload as (id: number) => Uint8Array;
  const view = (u: FakeUnit, meta: Record<string, unknown> = {}) => ({
    origin: 'import:press.tmx',
    createdAt: '20250102T090000Z',
    createdBy: 'aysel',
    changedAt: '20250103T100000Z',
    changedBy: null,
    useCount: 0,
    lastUsedAt: null,
    client: null,
    domain: null,
    project: null,
    notes: [],
    conflict: false,
    ...meta,
    id: u.id,
    variants: u.variants,
  });
  let units = initial.map((u) =>
    view(u, { useCount: u.useCount ?? 0, lastUsedAt: u.lastUsedAt ?? null, conflict: u.conflict ?? false }),
  );
  let nextId = Math.max(0, ...units.map((u) => u.id)) + 1;
  const text = (u: (typeof units)[number], lang: string) => u.variants.find((v) => v.lang === lang)?.text;
  const unitById = (id: number) => {
    const u = units.find((u) => u.id === id);
    if (!u) throw { kind: 'noSuchUnit', id };
    return u;
  };
  let several = false;
  const handlers: Record<string, (a: Args) => unknown> = {
    unit_versions: (a) =>
      (initial.find((u) => u.id === a.id)?.versions ?? []).map((v) => ({
        conflict: false,
        replacedBy: null,
        ...v,
      })),
    conflicted_units: () => ({ units: units.filter((u) => u.conflict), next: null }),
    keeps_several_translations: () => several,
    keep_several_translations: (a) => {
      several = a.several as boolean;
      return null;
    },
    browse_memory: (a) => {
      const q = a.query as { text: string | null; langs: string[] };
      const found = units
        .filter((u) => !q.text || u.variants.some((v) => v.text.toLowerCase().includes(q.text!.toLowerCase())))
        .filter((u) => q.langs.every((l) => text(u, l) !== undefined))
        .filter((u) => a.after === null || u.id < (a.after as number))
        .sort((x, y) => y.id - x.id);
      const limit = a.limit as number;
      const shown = found.slice(0, limit);
      return { units: shown, next: found.length > limit ? shown.at(-1)!.id : null };
    },
    edit_unit_text: (a) => {
      const u = unitById(a.id as number);
      u.variants = u.variants.map((v) => (v.lang === a.lang ? { ...v, text: a.text as string } : v));
      return u;
    },
    edit_unit_details: (a) => {
      const u = unitById(a.id as number);
      const d = a.details as { client: string; domain: string; project: string; notes: string[] };
      Object.assign(u, { client: d.client || null, domain: d.domain || null, project: d.project || null, notes: d.notes });
      return u;
    },
    delete_units: (a) => {
      const ids = a.ids as number[];
      const before = units.length;
      units = units.filter((u) => !ids.includes(u.id));
      return before - units.length;
    },
    find_duplicates: (a) => {
      const key = (u: (typeof units)[number]) => `${text(u, a.src as string)}\u0000${text(u, a.tgt as string)}`;
      const groups = new Map<string, typeof units>();
      for (const u of [...units].sort((x, y) => x.id - y.id)) groups.set(key(u), [...(groups.get(key(u)) ?? []), u]);
      return [...groups.values()].filter((g) => g.length > 1).map((g) => ({ identical: true, units: g }));
    },
    merge_units: (a) => {
      const kept = unitById(a.keep as number);
      const others = a.others as number[];
      kept.useCount += units.filter((u) => others.includes(u.id)).reduce((n, u) => n + u.useCount, 0);
      units = units.filter((u) => !others.includes(u.id));
      return kept;
    },
    memory_stats: () => ({
      units: units.length,
      pairs: [{ name: 'en–ru', units: units.length }],
      origins: [{ name: 'import:press.tmx', units: units.length }],
      firstCreated: '20250102T090000Z',
      lastChanged: '20250103T100000Z',
      fileBytes: 3_400_000,
    }),
    import_memory: (a) => {
      // The file by its upload id, the rest as named arguments, as the real command takes them.
      const name = a.name as string;
      const bytes = takeUpload(a.upload as number);
      const channel = Number(String(a.progress).replace('__CHANNEL__:', ''));
      callbacks.get(channel)?.({ index: 0, message: { done: 0, total: 1 } });
      const xml = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'application/xml');
      const error = xml.querySelector('parsererror');
      if (error) {
        // The real reader names the line too; Chromium's parser says where it stopped.
        const line = /line (\d+)/.exec(error.textContent ?? '')?.[1];
        throw { kind: 'malformed', file: name, line: Number(line), detail: 'malformed XML' };
      }
      let added = 0;
      const rejected: { line: number; reason: string }[] = [];
      xml.querySelectorAll('tu').forEach((tu, i) => {
        const variants = [...tu.querySelectorAll('tuv')].map((tuv) => ({
          lang: tuv.getAttribute('xml:lang') ?? '',
          text: tuv.querySelector('seg')?.textContent ?? '',
        }));
        if (variants.length < 2) rejected.push({ line: i + 3, reason: 'a unit needs two languages' });
        else {
          units.push(view({ id: nextId++, variants }));
          added++;
        }
      });
      return { added, skipped: 0, merged: 0, overwritten: 0, rejected };
    },
    export_memory: (a) => ({ path: `/home/me/Documents/Dragoman/memory.${a.format as string}`, units: units.length }),
  };
  const invoke = internals.invoke;
  internals.invoke = async (cmd, args) => {
    const calls = w.__calls as { cmd: string; args: unknown }[];
    const handler = handlers[cmd];
    if (!handler) return invoke(cmd, args);
    const plain = JSON.parse(JSON.stringify(args ?? {})) as Args;
    calls.push({ cmd, args: plain });
    return handler(plain);
  };
}
