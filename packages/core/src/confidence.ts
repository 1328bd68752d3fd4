/**
 * Session confidence: a score in 0..1 and the tier the UI derives from it.
 * The thresholds are part of the product contract (SPEC §2), so they live here once.
 */
export const confidenceTiers = ['discovery', 'exploring', 'guided'] as const;
export type ConfidenceTier = (typeof confidenceTiers)[number];

const EXPLORING_FROM = 0.4;
const GUIDED_FROM = 0.8;

/** Clamps to 0..1. NaN becomes 0 so a garbled model value can never look confident. */
export function clampConfidence(n: number): number {
  if (Number.isNaN(n)) return 0;
  return Math.min(1, Math.max(0, n));
}

export function confidenceTier(score: number): ConfidenceTier {
  const s = clampConfidence(score);
  if (s >= GUIDED_FROM) return 'guided';
  if (s >= EXPLORING_FROM) return 'exploring';
  return 'discovery';
}
