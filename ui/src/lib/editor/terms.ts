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

/** A source term whose concept some column lacks, and those columns' languages. */
export interface MissingTerm {
  term: string;
  langs: string[];
}

/** For the "!" badge's title: each source term missing elsewhere, with where it is missing. */
export function missingTerms(
  sides: readonly (readonly string[])[],
  hits: BeadTerms,
  langs: readonly string[],
): MissingTerm[] {
  const found = sides.map((_, side) => new Set((hits[side] ?? []).flat().map((h) => h.concept)));
  const seen = new Set<string>();
  return (hits[0] ?? []).flat().flatMap((hit) => {
    if (seen.has(hit.concept)) return [];
    seen.add(hit.concept);
    const lacking = found
      .map((concepts, side) => ({ concepts, side }))
      .filter(({ concepts, side }) => side > 0 && (sides[side]?.length ?? 0) > 0 && !concepts.has(hit.concept))
      .map(({ side }) => langs[side] ?? '');
    return lacking.length > 0 ? [{ term: hit.term, langs: lacking }] : [];
  });
}
