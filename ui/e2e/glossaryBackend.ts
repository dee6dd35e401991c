// The glossary commands for browser tests, installed after `installBackend`: glossaries
// and concepts held in the page, searched with the case folded, files "read" just well
// enough to tell a good one from a malformed one the way the real readers report it
// (file, line or element), and every other command passed on to the alignment fake.
// An import that fails changes nothing, as the real one (one transaction) does.

export interface FakeTerm {
  lang: string;
  text: string;
  status: string;
  partOfSpeech: string | null;
  note: string | null;
  matchMode: string;
}

export interface FakeConcept {
  row: number;
  glossary: number;
  id: string;
  terms: FakeTerm[];
  fields: [string, string][];
}

export interface FakeGlossaries {
  glossaries: { id: number; name: string; priority: number; enabled: boolean }[];
  concepts: FakeConcept[];
  suggestions: { terms: { lang: string; text: string }[]; frequency: number }[];
}

export function installGlossaryBackend(seed: FakeGlossaries) {
  type Args = Record<string, unknown>;
  const w = window as unknown as Record<string, unknown>;
  const internals = w.__TAURI_INTERNALS__ as {
    invoke: (cmd: string, args: Args | Uint8Array) => Promise<unknown>;
    transformCallback: (callback: (message: unknown) => void) => number;
  };
  const callbacks = new Map<number, (message: unknown) => void>();
  const transform = internals.transformCallback;
  internals.transformCallback = (callback) => {
    const id = transform(callback);
    callbacks.set(id, callback);
    return id;
  };
  const state = structuredClone(seed);
  const rejected = new Set<string>();
  const takeUpload = w.__takeUpload as (id: number) => Uint8Array;
  let nextRow = Math.max(0, ...state.concepts.map((c) => c.row)) + 1;
  w.__glossary = state;
  const fold = (s: string) => s.toLocaleLowerCase().replaceAll('ё', 'е');
  const term = (lang: string, text: string): FakeTerm => ({
    lang,
    text,
    status: 'preferred',
    partOfSpeech: null,
    note: null,
    matchMode: 'automatic',
  });
  const glossaryNamed = (name: string) => {
    let g = state.glossaries.find((x) => x.name === name);
    if (!g) {
      g = { id: state.glossaries.length + 1, name, priority: 20, enabled: true };
      state.glossaries.push(g);
    }
    return g;
  };
  const bad = (file: string, line: number | null, detail: string) => ({ kind: 'malformed', file, line, detail });
  // Concepts of a file: rows of a table, or conceptEntry elements of TBX.
  const read = (name: string, format: string, bytes: Uint8Array): { id: string; terms: FakeTerm[] }[] => {
    if (format === 'xlsx') {
      if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
        throw bad(name, null, 'invalid Zip archive');
      throw bad(name, null, 'the fake reads no real workbook');
    }
    const text = new TextDecoder().decode(bytes);
    if (format === 'tbx') {
      const xml = new DOMParser().parseFromString(text, 'application/xml');
      const error = xml.querySelector('parsererror');
      if (error) {
        const line = /line (\d+)/i.exec(error.textContent ?? '')?.[1];
        throw bad(name, line === undefined ? null : Number(line), 'malformed TBX');
      }
      return [...xml.querySelectorAll('conceptEntry')].map((entry) => ({
        id: entry.getAttribute('id') ?? '',
        terms: [...entry.querySelectorAll('langSec')].flatMap((sec) =>
          [...sec.querySelectorAll('term')].map((t) => term(sec.getAttribute('xml:lang') ?? '', t.textContent ?? '')),
        ),
      }));
    }
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const cells = lines.map((l) => l.split(format === 'tsv' ? '\t' : ','));
    const header = cells[0] ?? [];
    return cells.slice(1).map((row, i) => {
      // A short row is read with its missing cells empty, as the backend reads it.
      if (row.length > header.length)
        throw bad(name, i + 2, `${row.length} fields where the header has ${header.length}`);
      return {
        id: row[0] ?? '',
        terms: header.slice(1).flatMap((lang, c) => (row[c + 1] ? [term(lang, row[c + 1]!)] : [])),
      };
    });
  };
  const handlers: Record<string, (a: Args) => unknown> = {
    list_glossaries: () =>
      state.glossaries.map((g) => ({ ...g, concepts: state.concepts.filter((c) => c.glossary === g.id).length })),
    create_glossary: (a) => {
      if (state.glossaries.some((g) => g.name === a.name)) throw { kind: 'glossaryExists', name: a.name };
      return glossaryNamed(a.name as string).id;
    },
    configure_glossary: (a) => {
      const g = state.glossaries.find((x) => x.id === a.id)!;
      g.priority = a.priority as number;
      g.enabled = a.enabled as boolean;
      return null;
    },
    search_concepts: (a) => {
      const q = fold(a.text as string);
      const found = state.concepts.filter(
        (c) =>
          (a.glossary === null || c.glossary === a.glossary) && c.terms.some((t) => fold(t.text).includes(q)),
      );
      const offset = a.offset as number;
      return { total: found.length, concepts: found.slice(offset, offset + (a.limit as number)) };
    },
    save_concept: (a) => {
      const concept = a.concept as FakeConcept;
      if (concept.terms.length === 0) throw { kind: 'noTerms' };
      if (concept.row === 0) {
        concept.row = nextRow++;
        concept.id ||= concept.terms[0]!.text;
        state.concepts.push(concept);
      } else {
        state.concepts[state.concepts.findIndex((c) => c.row === concept.row)] = concept;
      }
      return concept;
    },
    delete_concept: (a) => {
      state.concepts = state.concepts.filter((c) => c.row !== a.row);
      return null;
    },
    accept_term: (a) => {
      const g = glossaryNamed((a.glossary as string | null) ?? (a.acceptedName as string));
      const terms = (a.terms as { lang: string; text: string }[]).map((t) => term(t.lang, t.text));
      // A made id, as the backend makes them: never the term.
      const id = `c-${nextRow.toString(16).padStart(16, '0')}`;
      state.concepts.push({ row: nextRow++, glossary: g.id, id, terms, fields: [] });
      return { glossary: g.name, concept: id };
    },
    // The backend's word snapping, and its dictionary forms for the words the tests use.
    term_form: (a) => {
      const text = a.text as string;
      const [from, to] = [Math.min(a.start as number, a.end as number), Math.max(a.start as number, a.end as number)];
      const words = [...text.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)].map((m) => [
        m.index,
        m.index + m[0].length,
      ]);
      const touched = words.filter(([s, e]) => (from === to ? s! <= from && from <= e! : s! < to && from < e!));
      if (touched.length === 0) return null;
      const [start, end] = [touched[0]![0]!, touched.at(-1)![1]!];
      const selected = text.slice(start, end);
      const forms: Record<string, string> = { форуме: 'форум', forumda: 'forum', 'Стороны': 'сторона' };
      return { start, end, selected, proposed: forms[selected] ?? selected };
    },
    suggest_memory_terms: () =>
      state.suggestions.filter(
        (s) =>
          !rejected.has(JSON.stringify(s.terms)) &&
          !s.terms.every((t) => state.concepts.some((c) => c.terms.some((x) => x.lang === t.lang && x.text === t.text))),
      ),
    reject_suggestion: (a) => {
      rejected.add(JSON.stringify(a.terms));
      return null;
    },
    import_glossary: (a) => {
      const channel = Number(String(a.progress).replace('__CHANNEL__:', ''));
      const bytes = takeUpload(a.upload as number);
      const file = a.file as { name: string; format: string };
      const concepts = read(file.name, file.format, bytes);
      callbacks.get(channel)?.({ index: 0, message: { done: 0, total: concepts.length } });
      let added = 0;
      for (const c of concepts) {
        state.concepts.push({ row: nextRow++, glossary: a.glossary as number, id: c.id, terms: c.terms, fields: [] });
        added++;
      }
      callbacks.get(channel)?.({ index: 1, message: { done: concepts.length, total: concepts.length } });
      return { added, merged: 0, skipped: 0, rejected: [], short_rows: [] };
    },
    export_glossary: (a) => {
      // The last export's choices, for the tests to read.
      w.__exported = a;
      const ext = { tbx2: 'tbx', omegat: 'utf8' }[a.format as string] ?? a.format;
      // `glossary: null` is every glossary, in one file named for them all.
      const all = a.glossary === null;
      const name = all ? 'glossaries' : state.glossaries.find((g) => g.id === a.glossary)?.name;
      return {
        path: `/home/user/Documents/Dragoman/${name}.${ext}`,
        concepts: state.concepts.filter((c) => all || c.glossary === a.glossary).length,
      };
    },
    // Terms of enabled glossaries found by their folded text, as recognition would.
    find_terms: (a) =>
      (a.texts as string[]).map((text) =>
        state.concepts
          .filter((c) => state.glossaries.find((g) => g.id === c.glossary)?.enabled)
          .flatMap((c) =>
            c.terms
              .filter((t) => t.lang === a.lang && t.status !== 'forbidden')
              .flatMap((t) => {
                const at = fold(text).indexOf(fold(t.text));
                if (at < 0) return [];
                const start = new TextEncoder().encode(text.slice(0, at)).length;
                const end = start + new TextEncoder().encode(text.slice(at, at + t.text.length)).length;
                const others = c.terms.filter((x) => x.lang !== a.lang);
                const view = (x: { lang: string; text: string }) => ({ lang: x.lang, text: x.text });
                const translations = others.filter((x) => x.status !== 'forbidden').map(view);
                const forbidden = others.filter((x) => x.status === 'forbidden').map(view);
                return [{ start, end, inserted: [], concept: c.id, term: t.text, translations, forbidden }];
              }),
          ),
      ),
  };
  const next = internals.invoke;
  internals.invoke = async (cmd, args) => {
    const handler = handlers[cmd];
    if (!handler) return next(cmd, args);
    if (args instanceof Uint8Array) throw { kind: 'interrupted', message: `${cmd} takes named arguments` };
    args = JSON.parse(JSON.stringify(args ?? {})) as Args;
    (w.__calls as { cmd: string; args: Args }[]).push({ cmd, args });
    return handler(args);
  };
}
