import type { PlaybookAnswer, PlaybookQuestion } from './playbook-schema.ts';

/** A question the engine asked and the engineer has not answered yet. */
export interface OpenQuestion {
  /** Stable task-lane id, `<playbook-slug>.<question-id>`. */
  key: string;
  question: PlaybookQuestion;
}

export interface InterpretedAnswer {
  key: string;
  /** The engineer's words for this question (trimmed), shown in the task lane. */
  text: string;
  state: 'answered' | 'skipped';
  /** The playbook answer the words matched, if any; free text matches none. */
  matched?: PlaybookAnswer;
}

const yesPattern =
  /^(?:yes|yep|yeah|yup|ya|y|correct|right|affirmative|sure|indeed|true|definitely|absolutely|confirmed|it does|they do|it is|it has|we do|i do|i can|they can|it did|they did)\b/;
const noPattern =
  /^(?:no|nope|nah|n|negative|false|never|none|not really|not at all|it doesn't|it does not|they don't|they do not|it isn't|it is not|it didn't|it did not|i can't|i cannot|they can't|they cannot|doesn't|does not|didn't|did not|can't|cannot)\b/;
const skipPattern =
  /^(?:skip|skipped|don't know|do not know|dunno|not sure|unsure|unknown|n\/a|na|no idea|can't tell|cannot tell|can't check|cannot check)\b/;
const negators = new Set([
  'not',
  'no',
  'never',
  "isn't",
  "wasn't",
  "doesn't",
  "didn't",
  "don't",
  "aren't",
  "haven't",
  "hasn't",
  "can't",
  'cannot',
  'without',
]);

export function normalizeAnswerText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^a-z0-9'%./:= -]+/g, ' ')
    .replace(/[.,:;!?]+(\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const isYes = (text: string): boolean => yesPattern.test(normalizeAnswerText(text));
export const isNo = (text: string): boolean => noPattern.test(normalizeAnswerText(text));

/**
 * Finds the answer of `question` that `text` expresses. Specific phrases win over a bare
 * yes/no (longest phrase first); a phrase right after a negation ("not after a password
 * change") does not count.
 */
export function matchAnswer(
  question: PlaybookQuestion,
  text: string,
  options: { allowBareYesNo: boolean },
): PlaybookAnswer | undefined {
  const normalized = normalizeAnswerText(text);
  const padded = ` ${normalized} `;
  const words = normalized.split(' ');
  let best: { answer: PlaybookAnswer; strength: number } | undefined;
  const consider = (answer: PlaybookAnswer, strength: number) => {
    if (!best || strength > best.strength) best = { answer, strength };
  };
  for (const answer of question.answers) {
    for (const phrase of answer.match) {
      const wanted = normalizeAnswerText(phrase);
      if (wanted === 'yes' || wanted === 'no') {
        if (options.allowBareYesNo && (wanted === 'yes' ? yesPattern : noPattern).test(normalized))
          consider(answer, 0.5);
        continue;
      }
      const at = padded.indexOf(` ${wanted} `);
      if (at < 0) continue;
      const wordIndex = padded.slice(0, at).trim().split(' ').filter(Boolean).length;
      const before = words.slice(Math.max(0, wordIndex - 4), wordIndex);
      const negated =
        before.some((word) => negators.has(word)) && !noPattern.test(wanted) && !wanted.startsWith('not ');
      if (!negated) consider(answer, wanted.length);
    }
  }
  return best?.answer;
}

const numberedLine = /^\s*(?:q(?:uestion)?\s*)?#?(\d{1,2})\s*[.):\-–]\s*(.+)$/i;
const keyedLine = /^\s*([a-z0-9-]+\.[a-z0-9-]+)\s*[:=]\s*(.+)$/i;

/**
 * Reads the engineer's reply against the questions asked. `batch` is the list the last
 * reply numbered (1, 2, 3 …); `others` are older questions still open. Supports numbered
 * lines, `id: answer` lines, one answer per line/semicolon/short comma item in order, a single
 * answer to a single question, and free text that mentions answers to several questions.
 */
export function interpretAnswers(
  text: string,
  batch: OpenQuestion[],
  others: OpenQuestion[] = [],
): InterpretedAnswer[] {
  const all = [...batch, ...others];
  if (all.length === 0 || text.trim() === '') return [];
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

  const explicit: [OpenQuestion, string][] = [];
  for (const line of lines) {
    const keyed = keyedLine.exec(line);
    const byKey = keyed && all.find((open) => open.key === keyed[1]?.toLowerCase());
    if (keyed && byKey) {
      explicit.push([byKey, keyed[2] ?? '']);
      continue;
    }
    const numbered = numberedLine.exec(line);
    const byNumber = numbered && batch[Number(numbered[1]) - 1];
    if (numbered && byNumber) explicit.push([byNumber, numbered[2] ?? '']);
  }
  if (explicit.length > 0) return explicit.map(([open, answer]) => interpretOne(open, answer, true));

  if (batch.length > 1) {
    const bySemicolon = text
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean);
    const byComma = text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const positional =
      lines.length === batch.length
        ? lines
        : bySemicolon.length === batch.length
          ? bySemicolon
          : byComma.length === batch.length && byComma.every((part) => part.split(/\s+/).length <= 4)
            ? byComma
            : undefined;
    if (positional) return batch.map((open, index) => interpretOne(open, positional[index] ?? '', true));
  }

  if (batch.length === 1 && others.length === 0) {
    const [only] = batch;
    return only ? [interpretOne(only, text, true)] : [];
  }

  // Free text covering several questions: only specific phrases count, except that a bare
  // yes/no (or a skip) with nothing else answers the first question of the batch.
  const found: InterpretedAnswer[] = [];
  for (const open of all) {
    const matched = matchAnswer(open.question, text, { allowBareYesNo: false });
    if (matched) found.push({ key: open.key, text: clip(text), state: 'answered', matched });
  }
  const first = batch[0] ?? others[0];
  if (found.length === 0 && first && text.trim().split(/\s+/).length <= 4) {
    const single = interpretOne(first, text, true);
    if (single.matched || single.state === 'skipped') return [single];
  }
  return found;
}

function interpretOne(open: OpenQuestion, answer: string, allowBareYesNo: boolean): InterpretedAnswer {
  const matched = matchAnswer(open.question, answer, { allowBareYesNo });
  if (matched) return { key: open.key, text: clip(answer), state: 'answered', matched };
  if (skipPattern.test(normalizeAnswerText(answer)))
    return { key: open.key, text: clip(answer), state: 'skipped' };
  return { key: open.key, text: clip(answer), state: 'answered' };
}

function clip(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length > 300 ? `${trimmed.slice(0, 297)}…` : trimmed;
}

export type FixOutcomeSignal = 'applied_success' | 'applied_failed' | 'applied_partial';

const partialPattern =
  /\b(?:partial(?:ly)?|partly|half(?:way)?|somewhat|some of (?:it|them|the)|only some|mostly|improved but|better but|works? for some|for some users)\b/;
const failurePattern =
  /\b(?:did ?n[o']?t (?:work|help|fix|change)|did not (?:work|help|fix|change)|does ?n[o']?t work|does not work|not (?:fixed|working|resolved|solved)|no (?:change|luck|difference|joy|good)|still (?:the same|failing|fails|happening|broken|not|no|prompting|asking|getting|stuck|down|can't|cannot|offline|slow|locked|there)|same (?:error|problem|issue|thing)|failed|fails|didn't do anything|nothing changed|no dice|made it worse|worse)\b/;
const successPattern =
  /\b(?:that worked|it worked|worked|works now|working (?:now|again)|fixed|resolved|solved|sorted|all good|success(?:ful(?:ly)?)?|back to normal|problem solved|did the trick|that did it|good now|fine now|up and running)\b/;

/** How the engineer says the suggested fix went, if they say so at all. */
export function classifyFixOutcome(text: string): FixOutcomeSignal | undefined {
  const normalized = normalizeAnswerText(text);
  if (partialPattern.test(normalized)) return 'applied_partial';
  if (failurePattern.test(normalized)) return 'applied_failed';
  if (successPattern.test(normalized)) return 'applied_success';
  return undefined;
}
