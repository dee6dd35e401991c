// How sure the aligner is of a bead, as the grid shows it.

/**
 * Below this a bead is marked doubtful, for the translator to check first. Half is
 * where the aligner is as likely wrong as right.
 */
export const DOUBTFUL_BELOW = 0.5;

/** A confidence arrives as `null` when the aligner produced no number (NaN). */
export function isDoubtful(confidence: number | null): boolean {
  return confidence === null || !(confidence >= DOUBTFUL_BELOW);
}

/** The confidence as a whole percentage, "—" when it is not a number. */
export function confidenceLabel(confidence: number | null): string {
  return confidence !== null && Number.isFinite(confidence) ? `${Math.round(confidence * 100)}%` : '—';
}
