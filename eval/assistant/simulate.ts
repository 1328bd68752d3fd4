import type { Playbook, PlaybookQuestion } from '@flowpilot/core/playbook';

/**
 * The simulated engineer of the evaluation. It knows the true problem of a ticket (or that
 * there is none in the pack) and answers each numbered question the way a technician who
 * checked would: a sign of the true problem is confirmed, a sign of another problem is denied
 * when the playbook says denying it counts against that problem, anything else is "not sure".
 * Its words are generic and varied — it never echoes the playbook's answer phrases.
 */

export interface Ticket {
  id: string;
  /** The intake text as the engineer typed or pasted it. */
  text: string;
  /** Slug of the playbook whose fix is right; null for problems the pack does not cover. */
  expect: string | null;
  asset?: string;
  client?: string;
  logs?: string;
}

const yesWords = ['yes', 'yep', 'yeah, it does', 'correct', 'yes, confirmed', 'yeah'];
const noWords = ['no', 'nope', "no, that's not the case", 'no', 'negative'];
const unsureWords = ['not sure', "haven't checked", "don't know", 'not sure tbh'];

function pick(list: readonly string[], seed: number): string {
  return list[seed % list.length] as string;
}

function hash(text: string): number {
  let value = 0;
  for (let index = 0; index < text.length; index++) value = (value * 31 + text.charCodeAt(index)) >>> 0;
  return value;
}

export function genericAnswer(
  truth: string | null,
  slug: string,
  question: PlaybookQuestion,
  seed: number,
): string {
  const polar = (word: 'yes' | 'no') => question.answers.find((answer) => answer.match.includes(word));
  if (truth === slug) {
    const supporting = [...question.answers].sort(
      (left, right) =>
        (right.implies.effect === 'supports' ? right.implies.weight : -right.implies.weight) -
        (left.implies.effect === 'supports' ? left.implies.weight : -left.implies.weight),
    )[0];
    if (supporting?.match.includes('yes')) return pick(yesWords, seed);
    if (supporting?.match.includes('no')) return pick(noWords, seed);
    return pick(unsureWords, seed);
  }
  const yes = polar('yes');
  if (yes && yes.implies.effect === 'supports' && yes.implies.weight >= 0.2) {
    const no = polar('no');
    if (no && no.implies.effect === 'rules_out') return pick(noWords, seed);
  }
  return pick(unsureWords, seed);
}

/** The numbered questions of a reply's prose, in order. */
export function numberedQuestions(prose: string): string[] {
  const found: string[] = [];
  for (const line of prose.split('\n')) {
    const match = /^(\d{1,2})\. (.+)$/.exec(line.trim());
    if (match && Number(match[1]) === found.length + 1) found.push((match[2] ?? '').trim());
  }
  return found;
}

/** A reply to the numbered questions, answering each as the engineer who knows `truth` would. */
export function genericReply(
  truth: string | null,
  questions: { id: string; text: string }[],
  asked: string[],
  playbooks: readonly Playbook[],
  turn: number,
): string {
  if (asked.length === 0)
    return turn % 2 === 0 ? 'Not sure what else to check — what do you suggest?' : 'what should I try?';
  const lines = asked.map((text, position) => {
    const item = questions.find((question) => question.text === text);
    const [slug, id] = (item?.id ?? '').split('.', 2);
    const playbook = playbooks.find((candidate) => candidate.slug === slug);
    const question = playbook?.questions.find((candidate) => candidate.id === id);
    const seed = hash(`${text}${turn}`);
    const answer =
      question && slug
        ? genericAnswer(truth, slug, question, seed)
        : truth === null
          ? 'no error, it just started this week, only this one user'
          : pick(unsureWords, seed);
    return `${position + 1}. ${answer}`;
  });
  return lines.join('\n');
}

export interface CalibrationPoint {
  confidence: number;
  correct: boolean;
}

/** Confidence against accuracy in ten bins. */
export function calibrationTable(
  points: CalibrationPoint[],
): { bin: string; n: number; meanConfidence: number; accuracy: number }[] {
  const bins = Array.from({ length: 10 }, (_, index) => ({
    low: index / 10,
    points: [] as CalibrationPoint[],
  }));
  for (const point of points) bins[Math.min(9, Math.floor(point.confidence * 10))]?.points.push(point);
  return bins.map((bin) => ({
    bin: `${bin.low.toFixed(1)}–${(bin.low + 0.1).toFixed(1)}`,
    n: bin.points.length,
    meanConfidence: bin.points.length
      ? bin.points.reduce((sum, point) => sum + point.confidence, 0) / bin.points.length
      : 0,
    accuracy: bin.points.length ? bin.points.filter((point) => point.correct).length / bin.points.length : 0,
  }));
}

/** Expected calibration error: the confidence-weighted gap between what it says and how often it is right. */
export function expectedCalibrationError(points: CalibrationPoint[]): number {
  const table = calibrationTable(points);
  const total = points.length || 1;
  return table.reduce((sum, row) => sum + (row.n / total) * Math.abs(row.meanConfidence - row.accuracy), 0);
}
