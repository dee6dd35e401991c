// Loading the demo: open it, align its texts, find the glossary terms of every segment.
import {
  alignTexts,
  findTerms,
  openDemo,
  type AlignedBead,
  type DemoProject,
  type TermMatch,
} from '$lib/api';

/** The demo project aligned, with the terms found in each bead's segments. */
export interface AlignedDemo {
  project: DemoProject;
  langs: string[];
  beads: AlignedBead[];
  /** `terms[bead][side][segment]`: the glossary terms found in that segment. */
  terms: TermMatch[][][][];
}

export async function loadDemo(): Promise<AlignedDemo> {
  const project = await openDemo();
  const langs = project.texts.map((t) => t.lang);
  const beads = await alignTexts(project.texts);
  const terms = await Promise.all(
    beads.map((bead) =>
      Promise.all(
        bead.sides.map((segments, side) =>
          Promise.all(segments.map((s) => findTerms(langs[side] ?? '', s.text))),
        ),
      ),
    ),
  );
  return { project, langs, beads, terms };
}
