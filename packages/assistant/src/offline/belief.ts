import type { Playbook, PlaybookAnswer, PlaybookQuestion } from '@flowpilot/core/playbook';

/**
 * The engine's belief over what the problem is: one log-score per playbook plus an explicit
 * "none of these" candidate, turned into probabilities with a softmax. Everything the
 * engineer wrote moves the same scores: ranked retrieval on their words, the signals a
 * playbook declares, answers to its questions, the environment, and fix outcomes. The
 * constants were fitted on the evaluation set (eval/assistant), so that "80%" is right
 * about 80% of the time there.
 */
export interface BeliefParameters {
  retrievalWeight: number;
  idfPower: number;
  maxShare: number;
  retrievalCap: number;
  answerScale: number;
  wrongSystem: number;
  dismissed: number;
  sameArea: number;
  none: number;
  temperature: number;
  /** Log-odds for every playbook of the problem area the description points at (problem-area.ts). */
  areaWeight: number;
  /**
   * Doubt kept when the leader rests on the engineer's description alone, and when one or
   * several observed or checked facts (pasted output, an error code, an answer to a question
   * asked) support it: the description's words feed retrieval, signal phrases and implicit
   * answers at once, so its items are not independent evidence.
   */
  describedDoubt: number;
  groundedDoubt: number;
  wellGroundedDoubt: number;
}

export const beliefParameters: BeliefParameters = {
  /** Log-odds per unit of BM25 score (capped, so a long paste cannot drown the rest). */
  retrievalWeight: 0.45,
  /** Rare words weigh more than the sum of common ones (see Bm25Index). */
  idfPower: 1,
  /** Words in more than this share of the playbooks ("windows", "user") say nothing about which one. */
  maxShare: 0.15,
  retrievalCap: 14,
  /** Log-odds of an answer, per unit of the playbook's `weight` (0.3 → 1.8). */
  answerScale: 6,
  /** A session on a system the playbook is not for. */
  wrongSystem: -4,
  /** The engineer set the fix aside without running it: weaker, not ruled out. */
  dismissed: -1.2,
  /** After a failed fix, stay in its problem area. */
  sameArea: 0.8,
  /**
   * Prior log-odds of "none of these" against any one playbook before evidence: the pack
   * covers the common tickets, not all of them, and each playbook starts as one of many.
   */
  none: 3.5,
  /** Evidence is divided by this before the softmax (fitted for calibration). */
  temperature: 0.55,
  areaWeight: 0.6,
  describedDoubt: 0.15,
  groundedDoubt: 0.05,
  wellGroundedDoubt: 0.03,
};

export interface EvidenceItem {
  /** What was seen, in words ("Spooler service: Stopped", "“others can print”"). */
  label: string;
  /** Log-odds it contributed. */
  weight: number;
  /**
   * Where it comes from: the engineer's description (their words), something observed
   * (pasted output, an error code) or checked (an answer to a question the engine asked).
   * Absent counts as described.
   */
  kind?: 'described' | 'observed' | 'checked';
}

export interface Candidate {
  playbook: Playbook;
  score: number;
  probability: number;
  evidence: EvidenceItem[];
}

export interface Belief {
  candidates: Candidate[];
  /** Probability that none of the playbooks is the problem. */
  none: number;
  /** The share groundBelief moved to "none of these" as doubt (not evidence against the leader). */
  doubt?: number;
}

export function softmaxBelief(
  scored: { playbook: Playbook; score: number; evidence: EvidenceItem[] }[],
  parameters: BeliefParameters = beliefParameters,
): Belief {
  const { temperature } = parameters;
  // Every playbook starts as one of many; "none" carries the rest of the prior mass.
  const noneLogit = parameters.none / temperature + Math.log(Math.max(1, scored.length));
  const logits = scored.map((item) => item.score / temperature);
  const top = Math.max(noneLogit, ...logits);
  const noneWeight = Math.exp(noneLogit - top);
  const weights = logits.map((logit) => Math.exp(logit - top));
  const total = noneWeight + weights.reduce((sum, value) => sum + value, 0);
  const candidates = scored
    .map((item, index) => ({ ...item, probability: (weights[index] ?? 0) / total }))
    .sort((left, right) => right.score - left.score || left.playbook.slug.localeCompare(right.playbook.slug));
  return { candidates, none: noneWeight / total };
}

/**
 * Keeps the doubt a description leaves: every probability is scaled by (1 − doubt) and the
 * rest goes to "none of these", where doubt depends on how many observed or checked facts
 * support the leader. A one-line description never reads as certainty; pasted output, an
 * exact error code or a confirmed answer lets the belief go higher.
 */
export function groundBelief(belief: Belief, parameters: BeliefParameters = beliefParameters): Belief {
  const leader = belief.candidates[0];
  if (!leader) return belief;
  const grounded = leader.evidence.filter(
    (item) => item.weight > 0 && (item.kind === 'observed' || item.kind === 'checked'),
  ).length;
  const doubt =
    grounded === 0
      ? parameters.describedDoubt
      : grounded === 1
        ? parameters.groundedDoubt
        : parameters.wellGroundedDoubt;
  const candidates = belief.candidates.map((candidate) => ({
    ...candidate,
    probability: candidate.probability * (1 - doubt),
  }));
  return {
    candidates,
    none: 1 - candidates.reduce((sum, candidate) => sum + candidate.probability, 0),
    doubt,
  };
}

export function answerWeight(
  answer: PlaybookAnswer,
  parameters: BeliefParameters = beliefParameters,
): number {
  const signed = answer.implies.effect === 'supports' ? answer.implies.weight : -answer.implies.weight;
  return signed * parameters.answerScale;
}

function entropy(probabilities: readonly number[]): number {
  let value = 0;
  for (const probability of probabilities) if (probability > 0) value -= probability * Math.log2(probability);
  return value;
}

/**
 * Expected information (bits) from asking `question` of playbook `index`: the answer's
 * likelihood under that playbook follows its declared weights; under any other hypothesis
 * the answers are equally likely, so they say nothing about the rest.
 */
export function expectedInformation(
  distribution: readonly number[],
  index: number,
  question: PlaybookQuestion,
): number {
  const answers = question.answers;
  if (answers.length === 0) return 0;
  const base = 1 / answers.length;
  const raw = answers.map((answer) => Math.exp(answerWeight(answer)));
  const sum = raw.reduce((total, value) => total + value, 0);
  const given = raw.map((value) => value / sum);
  const prior = distribution[index] ?? 0;
  let expected = 0;
  for (let outcome = 0; outcome < answers.length; outcome++) {
    const likelihood = given[outcome] ?? 0;
    const marginal = prior * likelihood + (1 - prior) * base;
    if (marginal <= 0) continue;
    const posterior = distribution.map((probability, position) =>
      position === index ? (probability * likelihood) / marginal : (probability * base) / marginal,
    );
    expected += marginal * entropy(posterior);
  }
  return entropy(distribution) - expected;
}
