// Which beads lack a glossary term's translation: a concept found in the source (the
// first column) but in no segment of another column that has text. What the editor
// flags for a look, as a QA check would.
import type { TermMatch } from '$lib/api';

/** `hits[side][segment]`: the terms found in each segment of a bead. */
export type BeadTerms = readonly (readonly (readonly TermMatch[])[])[];

/** The source's concepts that some other non-empty column of the bead lacks. */
export function missingConcepts(sides: readonly (readonly string[])[], hits: BeadTerms): string[] {
  const found = sides.map((_, side) => new Set((hits[side] ?? []).flat().map((h) => h.concept)));
  const [source, ...targets] = found;
  const missing = [...(source ?? [])].filter((concept) =>
    targets.some((target, t) => (sides[t + 1]?.length ?? 0) > 0 && !target.has(concept)),
  );
  return missing.sort();
}
