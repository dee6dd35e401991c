// The Translate view's commands for browser tests, installed after `installBackend`:
// it answers the translation commands from a small job held in the page and passes
// every other command on to the alignment fake. Calls land in `window.__calls` too.

export interface FakeJob {
  src: string;
  targets: string[];
  sources: string[];
  /** Matches per segment index, as `lookup_matches` returns them. */
  matches: Record<number, unknown[]>;
  /** Fragments per segment index, as `lookup_fragments` returns them once the word
   * alignment is learned (`learn_word_alignment`). */
  fragments?: Record<number, unknown[]>;
  /** Concordance hits by searched phrase, as `search_concordance` returns them. */
  concordance?: Record<string, unknown[]>;
  /** Targets already there (edited) per segment index, in the first target language. */
  filled?: Record<number, string>;
  /** The format of the document the job keeps (`docx` unless given; null: none). */
  original?: string | null;
  /** The glossary's terms per segment: reported missing while the target lacks them. */
  terms?: { segment: number; sourceTerm: string; expected: string }[];
}

export function installTranslateBackend(fake: FakeJob) {
  type Args = Record<string, unknown>;
  type Target = { text: string; status: { kind: string; score?: number } };
  const w = window as unknown as Record<string, unknown>;
  const takeUpload = w.__takeUpload as (id: number) => Uint8Array;
  const internals = w.__TAURI_INTERNALS__ as {
    invoke: (cmd: string, args: Args) => Promise<unknown>;
    transformCallback: (callback: (message: unknown) => void) => number;
  };
  const callbacks = new Map<number, (message: unknown) => void>();
  const transform = internals.transformCallback;
  internals.transformCallback = (callback) => {
    const id = transform(callback);
    callbacks.set(id, callback);
    return id;
  };
  const cut = (sources: string[]) =>
    sources.map((source) => ({
      paragraph: 0,
      source,
      targets: fake.targets.map((): Target => ({ text: '', status: { kind: 'empty' } })),
    }));
  let segments = cut(fake.sources);
  for (const [i, text] of Object.entries(fake.filled ?? {})) {
    segments[Number(i)]!.targets[0] = { text, status: { kind: 'edited' } };
  }
  let name = 'statement';
  // Whether the word alignment was learned: fragments are found only after.
  let learned = false;
  let original = fake.original === undefined ? 'docx' : fake.original;
  const job = () => ({ id: 7, name, src: fake.src, targets: fake.targets, segments, original });
  const side = (a: Args) => fake.targets.indexOf(a.lang as string);
  const handlers: Record<string, (a: Args) => unknown> = {
    // No sources: no job yet, so the view starts with the new-translation form.
    list_translations: () =>
      segments.length === 0 ? [] : [{ id: 7, name, src: fake.src, targets: fake.targets, segments: segments.length }],
    new_translation: (a) => {
      // One segment per sentence end: enough to show the UI the job it asked for.
      [fake.src, fake.targets, name] = [a.src as string, a.targets as string[], a.name as string];
      segments = cut((a.text as string).split(/(?<=\.)\s+/).filter((s) => s.trim() !== ''));
      original = 'text';
      return job();
    },
    // A .docx holds its text as is here, in the language its letters suggest.
    read_document: (a) => {
      const text = new TextDecoder().decode(takeUpload(a.upload as number));
      return { text, lang: /[əğı]/.test(text) ? 'az' : /[а-я]/i.test(text) ? 'ru' : null };
    },
    new_translation_from_xliff: (a) => {
      // The file's languages, sources and targets, as the real reader keeps them.
      const xml = new DOMParser().parseFromString(
        new TextDecoder().decode(takeUpload(a.upload as number)),
        'application/xml',
      );
      const root = xml.documentElement;
      const file = root.querySelector('file');
      fake.src = root.getAttribute('srcLang') ?? file?.getAttribute('source-language') ?? '';
      fake.targets = [root.getAttribute('trgLang') ?? file?.getAttribute('target-language') ?? (a.tgt as string)];
      name = a.name as string;
      original = null;
      segments = [...xml.querySelectorAll('segment, trans-unit')].map((s) => {
        const target = s.querySelector('target')?.textContent ?? '';
        return {
          paragraph: 0,
          source: s.querySelector('source')?.textContent ?? '',
          targets: [target ? { text: target, status: { kind: 'edited' } } : { text: '', status: { kind: 'empty' } }],
        };
      });
      return job();
    },
    open_translation: () => job(),
    export_translation: (a) => {
      const ext = { xliff21: 'xlf', xliff12: 'xliff', tmx: 'tmx', text: 'txt', original: original === 'text' ? 'txt' : original }[
        a.format as string
      ];
      const translated = segments.filter((s) => s.targets[side(a)]!.status.kind !== 'empty').length;
      return { path: `/home/me/Documents/Dragoman/${name}.${a.lang as string}.${ext}`, translated };
    },
    // The core's checks in small: empty, copied, numbers, the fake's terms, the same
    // source translated differently, and with `sameTarget` the same target for others.
    check_translation: (a) => {
      const items: { segment: number; lang: string; issue: Record<string, unknown> }[] = [];
      const numbers = (s: string) => s.match(/\d+/g) ?? [];
      const unmatched = (from: string[], to: string[]) => from.filter((n) => !to.includes(n));
      fake.targets.forEach((lang, side) => {
        segments.forEach((s, i) => {
          const push = (issue: Record<string, unknown>) => items.push({ segment: i, lang, issue });
          const text = s.targets[side]!.text;
          if (text.trim() === '') return push({ kind: 'empty' });
          if (text === s.source) push({ kind: 'untranslated' });
          for (const term of fake.terms ?? []) {
            if (term.segment === i && !text.toLowerCase().includes(term.expected))
              push({ kind: 'missingTerm', sourceTerm: term.sourceTerm, expected: [term.expected] });
          }
          const [missing, extra] = [unmatched(numbers(s.source), numbers(text)), unmatched(numbers(text), numbers(s.source))];
          if (missing.length + extra.length > 0) push({ kind: 'numbers', missing, extra });
          const others = (same: (o: (typeof segments)[number]) => boolean) =>
            segments.flatMap((o, j) => (j !== i && o.targets[side]!.text.trim() !== '' && same(o) ? [j] : []));
          const differently = others((o) => o.source === s.source && o.targets[side]!.text !== text);
          if (differently.length > 0) push({ kind: 'inconsistentTarget', others: differently });
          const sources = others((o) => o.source !== s.source && o.targets[side]!.text === text);
          if (a.sameTarget && sources.length > 0) push({ kind: 'inconsistentSource', others: sources });
        });
      });
      return items.sort((x, y) => x.segment - y.segment);
    },
    new_translation_from_document: (a) => {
      [fake.src, fake.targets, name] = [a.src as string, a.targets as string[], a.name as string];
      const text = new TextDecoder().decode(takeUpload(a.upload as number));
      segments = cut(text.split(/(?<=\.)\s+/).filter((s) => s.trim() !== ''));
      original = (a.file as string).split('.').pop()!;
      return job();
    },
    lookup_matches: (a) => fake.matches[a.segment as number] ?? [],
    learn_word_alignment: () => {
      learned = true;
      return segments.length;
    },
    lookup_fragments: (a) => (learned ? (fake.fragments?.[a.segment as number] ?? []) : []),
    search_concordance: (a) => fake.concordance?.[a.phrase as string] ?? [],
    edit_translation: (a) => {
      const target = { text: a.text as string, status: { kind: 'edited' } };
      segments[a.segment as number]!.targets[side(a)] = target;
      return target;
    },
    record_match_use: () => null,
    confirm_translation: (a) => {
      const target = { text: a.text as string, status: { kind: 'confirmed' } };
      segments[a.segment as number]!.targets[side(a)] = target;
      return target;
    },
    pretranslate: (a) => {
      const channel = Number(String(a.progress).replace('__CHANNEL__:', ''));
      callbacks.get(channel)?.({ index: 0, message: { done: segments.length, total: segments.length } });
      let fuzzy = 0;
      segments.forEach((s, i) => {
        const best = fake.matches[i]?.[0] as { score: number; target: string } | undefined;
        if (best && best.score >= (a.min as number) && s.targets[0]!.status.kind === 'empty') {
          s.targets[0] = { text: best.target, status: { kind: 'pretranslated', score: best.score } };
          fuzzy++;
        }
      });
      return { context: 0, exact: 0, fuzzy, empty: segments.length * fake.targets.length - fuzzy, job: job() };
    },
  };
  const invoke = internals.invoke;
  internals.invoke = async (cmd, args) => {
    const handler = handlers[cmd];
    if (!handler) return invoke(cmd, args);
    args = JSON.parse(JSON.stringify(args ?? {})) as Args;
    (w.__calls as { cmd: string; args: Args }[]).push({ cmd, args });
    return handler(args);
  };
}
