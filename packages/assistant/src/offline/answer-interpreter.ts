import { findPhrase, isNegator, phraseStems, sentences, type Sentence, type Word } from './language.ts';
import type { PlaybookAnswer, PlaybookQuestion } from '@flowpilot/core/playbook';

/**
 * Reads the engineer's reply against the questions asked: per numbered item and for the
 * batch ("1 yes, 2 no", "yes to both"), yes / no / unsure / not checked, negation ("isn't",
 * "no longer"), and free text that answers a question without naming it. Works on prose
 * only — pasted output is split off before (pasted-output.ts) and read for signals.
 */

/** A question the engine asked and the engineer has not answered yet. */
export interface OpenQuestion {
  /** Stable task-lane id, `<playbook-slug>.<question-id>`. */
  key: string;
  question: PlaybookQuestion;
}

export type Polarity = 'yes' | 'no' | 'unsure' | 'unchecked';

export interface InterpretedAnswer {
  key: string;
  /** The engineer's words for this question (trimmed), shown in the task lane. */
  text: string;
  state: 'answered' | 'skipped';
  polarity?: Polarity;
  /** The playbook answer the words select, if any. */
  matched?: PlaybookAnswer;
}

const yesWords = new Set([
  'yes',
  'yep',
  'yeah',
  'yup',
  'ya',
  'y',
  'correct',
  'affirmative',
  'sure',
  'indeed',
  'true',
  'definitely',
  'absolutely',
  'confirmed',
  'confirm',
  'right',
  'yea',
  'aye',
  'ok',
]);
const noWords = new Set([
  'no',
  'nope',
  'nah',
  'n',
  'negative',
  'false',
  'never',
  'none',
  'nobody',
  'nothing',
  'neither',
  'nop',
  'noo',
]);
/** Multi-word openings, checked before single words ("no idea" is not "no"). */
const openingPhrases: [string[], Polarity][] = [
  [['not', 'sure'], 'unsure'],
  [['no', 'idea'], 'unsure'],
  [['do', 'not', 'know'], 'unsure'],
  [['dont', 'know'], 'unsure'],
  [['not', 'know'], 'unsure'],
  [['no', 'clue'], 'unsure'],
  [['can', 'not', 'tell'], 'unsure'],
  [['ca', 'not', 'tell'], 'unsure'],
  [['not', 'check'], 'unchecked'],
  [['not', 'yet'], 'unchecked'],
  [['have', 'not', 'check'], 'unchecked'],
  [['did', 'not', 'check'], 'unchecked'],
  [['have', 'not', 'test'], 'unchecked'],
  [['ca', 'not', 'check'], 'unchecked'],
  [['can', 'not', 'check'], 'unchecked'],
  [['will', 'check'], 'unchecked'],
  [['not', 'test'], 'unchecked'],
  [['not', 'really'], 'no'],
  [['not', 'at', 'all'], 'no'],
  [['it', 'doe'], 'yes'],
  [['they', 'do'], 'yes'],
  [['it', 'is'], 'yes'],
  [['it', 'doe', 'not'], 'no'],
  [['they', 'do', 'not'], 'no'],
  [['it', 'is', 'not'], 'no'],
];
const unsureWords = new Set([
  'unsure',
  'dunno',
  'unknown',
  'maybe',
  'possibly',
  'perhaps',
  'idk',
  '?',
  'skip',
  'n/a',
  'na',
]);

/** The stance a clause opens with ("no, …", "not sure", "yes") and the words after it. */
export function openingPolarity(words: readonly Word[]): Polarity | undefined {
  const content = words.filter((word) => word.type !== 'punctuation' || word.text === '?');
  const stems = content.map((word) => (word.text === "n't" ? 'not' : word.stem));
  let best: Polarity | undefined;
  let bestLength = 0;
  for (const [phrase, polarity] of openingPhrases) {
    if (phrase.length > bestLength && phrase.every((value, index) => stems[index] === value)) {
      best = polarity;
      bestLength = phrase.length;
    }
  }
  if (best) return best;
  const first = content[0]?.text;
  if (!first) return undefined;
  if (unsureWords.has(first)) return 'unsure';
  if (yesWords.has(first)) return 'yes';
  if (noWords.has(first)) return 'no';
  return undefined;
}

interface CompiledAnswer {
  answer: PlaybookAnswer;
  phrases: string[][];
  polar?: 'yes' | 'no';
}

const compiled = new WeakMap<PlaybookQuestion, { answers: CompiledAnswer[]; topic: Set<string> }>();

/** Words in a question that say what it is about ("spooler", "print"), not how it asks. */
const questionFiller = new Set(
  `is are was were do does did can could has have had the a an any anyone other others or and of on in at to for from by it its this that
  they them their there you your user users they'll when what which who how whether still same more than just only also every all
  not no yes since last few after before with without get got see shown show says say tell does able try tried machine computer pc
  work working happen happening affected affect issue problem one their his her`.split(/\s+/),
);

function compile(question: PlaybookQuestion) {
  const hit = compiled.get(question);
  if (hit) return hit;
  const answers = question.answers.map((answer): CompiledAnswer => {
    const plain = answer.match.map((phrase) => phrase.trim().toLowerCase());
    const polar = plain.includes('yes') ? 'yes' : plain.includes('no') ? 'no' : undefined;
    return {
      answer,
      polar,
      phrases: plain
        .filter((phrase) => phrase !== 'yes' && phrase !== 'no')
        .map(phraseStems)
        .filter((stems) => stems.length > 0),
    };
  });
  const topic = new Set(
    sentences(question.text)
      .flatMap((sentence) => sentence.words)
      .filter((word) => word.type === 'word' && !questionFiller.has(word.text) && word.text.length > 2)
      .map((word) => word.stem),
  );
  const value = { answers, topic };
  compiled.set(question, value);
  return value;
}

export interface PhraseAnswer {
  answer: PlaybookAnswer;
  polarity?: Polarity;
  /** Words matched, for ranking (a longer phrase is more specific). */
  strength: number;
}

/**
 * The answer a sentence gives by naming it ("others can print", "the password was reset
 * Friday"). A negated phrase selects the opposite yes/no answer ("others can't print").
 */
export function answerFromPhrases(
  question: PlaybookQuestion,
  words: readonly Word[],
): PhraseAnswer | undefined {
  const { answers } = compile(question);
  let best: PhraseAnswer | undefined;
  for (const candidate of answers) {
    for (const stems of candidate.phrases) {
      const hit = findPhrase(words, stems);
      if (!hit || (best && best.strength >= stems.length)) continue;
      if (!hit.negated) {
        best = { answer: candidate.answer, polarity: candidate.polar, strength: stems.length };
        continue;
      }
      const opposite =
        candidate.polar && answers.find((other) => other.polar && other.polar !== candidate.polar);
      if (opposite) best = { answer: opposite.answer, polarity: opposite.polar, strength: stems.length };
    }
  }
  return best;
}

function polarAnswer(question: PlaybookQuestion, polarity: Polarity): PlaybookAnswer | undefined {
  if (polarity !== 'yes' && polarity !== 'no') return undefined;
  return compile(question).answers.find((candidate) => candidate.polar === polarity)?.answer;
}

/** How much a clause is about a question: shared topic words, and whether they are negated. */
function topicOverlap(
  question: PlaybookQuestion,
  words: readonly Word[],
): { score: number; negated: boolean } {
  const { topic } = compile(question);
  let score = 0;
  let negated = 0;
  const seen = new Set<string>();
  for (const word of words) {
    if (!topic.has(word.stem) || seen.has(word.stem)) continue;
    seen.add(word.stem);
    score++;
    if (word.negated) negated++;
  }
  // "OWA isn't working": the negation sits on the verb, not on the topic word.
  const clauseNegated = words.some(
    (word, index) =>
      (word.stem === 'not' || isNegator(word.text)) && !(index === 0 && words[1]?.type === 'punctuation'),
  );
  return { score, negated: score > 0 && (negated * 2 >= score || clauseNegated) };
}

interface Unit {
  text: string;
  words: Word[];
  /** 1-based question number the engineer gave, if any. */
  number?: number;
}

const batchAll =
  /^(?:(yes|yep|yeah|no|nope|not sure|unsure)\s{1,3}(?:to|for)\s{1,3}(?:both|all|each|everything|all of them|all three|all 3)|(both|all)\s{1,3}(yes|no)|(?:neither|none of (?:them|those|the above)))\b/i;

/** Numbered items in a reply: "1. yes", "2) no", "1 yes, 2 no", "Q3: not sure". */
function numberedUnits(text: string, batchSize: number): Unit[] | undefined {
  const markers: { number: number; at: number; textAt: number }[] = [];
  const pattern = /(?:^|[\s,;(])(?:q(?:uestion)?\s{0,2})?#?(\d{1,2})\s{0,2}(?:[.):=-]|\s)\s{0,3}(?=\S)/gi;
  const seen = new Set<number>();
  for (const match of text.matchAll(pattern)) {
    const number = Number(match[1]);
    // Any order ("2) no 1) yes"), each number once, only numbers the reply actually asked.
    if (number < 1 || number > batchSize || seen.has(number)) continue;
    seen.add(number);
    const at = match.index ?? 0;
    markers.push({ number, at, textAt: at + match[0].length });
  }
  if (markers.length < 2 && !(markers.length === 1 && markers[0]?.at === 0 && batchSize >= 1))
    return undefined;
  if ((markers[0]?.at ?? 1) > 1) return undefined;
  return markers.map((marker, index) => {
    const end = markers[index + 1]?.at ?? text.length;
    const body = text.slice(marker.textAt, end).trim().replace(/[,;]$/, '').trim();
    return {
      text: body,
      words: sentences(body).flatMap((sentence) => sentence.words),
      number: marker.number,
    };
  });
}

/** Whether a reply answers the batch by number ("1. …\n2. …"): then each part maps to its number only. */
export function isNumberedReply(text: string, batchSize: number): boolean {
  return batchSize > 0 && numberedUnits(text.trim(), batchSize) !== undefined;
}

/** Clauses of free text: sentences, split again at ";" and at line breaks. */
function clauseUnits(text: string): Unit[] {
  return text
    .split(/\r?\n|;/)
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap((part) => sentences(part))
    .map((sentence: Sentence) => ({ text: sentence.text.trim(), words: sentence.words }))
    .filter((unit) => unit.words.length > 0);
}

/**
 * Reads a reply (prose only) against the questions asked. `batch` is the list the last reply
 * numbered (1, 2, 3 …); `others` are older questions still open.
 */
export function interpretAnswers(
  text: string,
  batch: OpenQuestion[],
  others: OpenQuestion[] = [],
): InterpretedAnswer[] {
  const prose = text.trim();
  if (prose === '' || batch.length + others.length === 0) return [];

  const all = batchAll.exec(prose.replace(/[.!,]+$/, ''));
  if (all && batch.length > 0) {
    const word = (all[1] ?? all[3] ?? (all[0].toLowerCase().startsWith('n') ? 'no' : 'yes')).toLowerCase();
    const polarity: Polarity = word.startsWith('y')
      ? 'yes'
      : word.startsWith('n') && word !== 'not sure'
        ? 'no'
        : 'unsure';
    return batch.map((open) => build(open, prose, polarity, polarAnswer(open.question, polarity)));
  }

  const numbered = batch.length > 0 ? numberedUnits(prose, batch.length) : undefined;
  const units = numbered ?? clauseUnits(prose);
  const result = new Map<string, InterpretedAnswer>();
  const pending: Unit[] = [];
  const candidates = [...batch, ...others];

  for (const unit of units) {
    if (unit.number) {
      const open = batch[unit.number - 1];
      if (open) result.set(open.key, readUnit(open, unit));
      continue;
    }
    // Named: a specific phrase of one of the open questions.
    let named: { open: OpenQuestion; found: PhraseAnswer } | undefined;
    for (const open of candidates) {
      if (result.has(open.key)) continue;
      const found = answerFromPhrases(open.question, unit.words);
      if (found && (!named || found.strength > named.found.strength)) named = { open, found };
    }
    if (named) {
      result.set(named.open.key, build(named.open, unit.text, named.found.polarity, named.found.answer));
      continue;
    }
    // About: shares topic words with a question ("the spooler is running fine").
    let about: { open: OpenQuestion; score: number; negated: boolean } | undefined;
    for (const open of candidates) {
      if (result.has(open.key)) continue;
      const overlap = topicOverlap(open.question, unit.words);
      if (overlap.score > 0 && (!about || overlap.score > about.score)) about = { open, ...overlap };
    }
    const opening = openingPolarity(unit.words);
    if (about && (about.score >= 2 || opening || about.negated || unit.words.length <= 8)) {
      const polarity = opening ?? (about.negated ? 'no' : 'yes');
      result.set(
        about.open.key,
        build(about.open, unit.text, polarity, polarAnswer(about.open.question, polarity)),
      );
      continue;
    }
    if (opening) pending.push(unit);
  }

  // Bare "yes" / "no" / "not sure" without a number: in order, to what is still unanswered.
  const unanswered = batch.filter((open) => !result.has(open.key));
  if (pending.length > 0 && unanswered.length > 0) {
    if (pending.length === 1 && unanswered.length > 1 && result.size === 0 && batch.length > 1) {
      // One bare word for several questions answers the first, unless it is a "not sure".
      const [only] = pending as [Unit];
      const polarity = openingPolarity(only.words);
      if (polarity === 'unsure' || polarity === 'unchecked')
        for (const open of unanswered) result.set(open.key, build(open, only.text, polarity));
      else result.set((unanswered[0] as OpenQuestion).key, readUnit(unanswered[0] as OpenQuestion, only));
    } else {
      pending.slice(0, unanswered.length).forEach((unit, index) => {
        const open = unanswered[index] as OpenQuestion;
        result.set(open.key, readUnit(open, unit));
      });
    }
  }
  // A single question asked, and a reply that is about nothing else: it answers that question.
  if (result.size === 0 && batch.length === 1 && units.length > 0) {
    const [only] = batch as [OpenQuestion];
    result.set(only.key, readUnit(only, { text: prose, words: units.flatMap((unit) => unit.words) }));
  }
  return [...result.values()];
}

const subjectWords = new Set(['it', 'they', 'she', 'he', 'i', 'we', 'that', 'this', 'there', 'you']);

/**
 * "no error code, it just asks for the password again": a leading "no" that determines
 * something the question is not about is not the answer "no" — the answer is in what
 * follows. ("no change" to "did anything change?" stays a no.) Returns the words after the
 * determined phrase, or undefined when the "no" is an answer.
 */
function afterOffTopicNo(question: PlaybookQuestion, words: readonly Word[]): Word[] | undefined {
  if (words[0]?.text !== 'no') return undefined;
  const next = words[1];
  if (!next || next.type === 'punctuation' || subjectWords.has(next.text) || next.stem === 'not')
    return undefined;
  if (isNegator(next.text) || compile(question).topic.has(next.stem)) return undefined;
  const comma = words.findIndex((word, index) => index > 1 && word.type === 'punctuation');
  const rest = comma > 0 ? words.slice(comma + 1) : [];
  return rest.length >= 3 ? rest : undefined;
}

function readUnit(open: OpenQuestion, whole: Unit): InterpretedAnswer {
  const rest = afterOffTopicNo(open.question, whole.words);
  const unit = rest ? { ...whole, words: rest } : whole;
  const named = answerFromPhrases(open.question, unit.words);
  const opening = openingPolarity(unit.words);
  if (named && opening !== 'unsure' && opening !== 'unchecked')
    return build(open, whole.text, named.polarity ?? opening, named.answer);
  if (opening) return build(open, whole.text, opening, polarAnswer(open.question, opening));
  const overlap = topicOverlap(open.question, unit.words);
  // One shared word in a longer answer ("since her password change on Monday" under "does
  // Outlook on the web accept the same password?") is about something else: recorded, not read
  // as a yes or a no.
  const content = unit.words.filter((word) => word.type !== 'punctuation').length;
  if (overlap.score >= 2 || (overlap.score === 1 && content <= 5)) {
    const polarity: Polarity = overlap.negated ? 'no' : 'yes';
    return build(open, whole.text, polarity, polarAnswer(open.question, polarity));
  }
  return build(open, whole.text);
}

function build(
  open: OpenQuestion,
  text: string,
  polarity?: Polarity,
  matched?: PlaybookAnswer,
): InterpretedAnswer {
  const skipped = polarity === 'unsure' || polarity === 'unchecked';
  return {
    key: open.key,
    text: clip(text),
    state: skipped ? 'skipped' : 'answered',
    ...(polarity ? { polarity } : {}),
    ...(matched && !skipped ? { matched } : {}),
  };
}

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

export function clip(text: string, max = 300): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

export type FixOutcomeSignal = 'applied_success' | 'applied_failed' | 'applied_partial';
export type FixReaction = FixOutcomeSignal | 'dismissed';

const dismissedPattern =
  /\b(?:dismiss(?:ed|ing)?|not (?:going|gonna) to (?:run|do|apply|try|use)|not gonna (?:run|do|apply|try)|won'?t (?:run|do|apply|try|use) (?:it|that|this)|don'?t want to (?:run|apply|do|try)|(?:skip|skipping|skipped|ignore|ignoring) (?:the|that|this) (?:fix|script|suggestion)|not (?:the right|a good) (?:fix|idea)|wrong fix|not applicable|doesn'?t apply|rather not|not relevant)\b/;
const partialPattern =
  /\b(?:partial(?:ly)?|partly|half(?:way)?|somewhat|some of (?:it|them|the)|only some|mostly|improved but|better but|works? for some|for some users)\b/;
const failurePattern =
  /\b(?:did ?n[o']?t (?:work|help|fix|change|do anything)|did not (?:work|help|fix|change)|does ?n[o']?t work|does not work|not (?:fixed|working|resolved|solved)|no (?:change|luck|difference|joy|good|dice)|still (?:the same|failing|fails|happening|broken|not|no|prompting|asking|getting|stuck|down|can't|cannot|offline|slow|locked|there|dropping|crashing)|same (?:error|problem|issue|thing)|nothing changed|made it worse|came back|refilled|back again)\b/;
/**
 * Words that say something failed or got worse, but not that the fix did: "only the laptop
 * fails" describes the symptom. They count as an outcome only beside a word for having run it.
 */
const weakFailurePattern = /\b(?:failed|fails|worse)\b/;
const ranItPattern =
  /\b(?:ran|run|running|tried|try|trying|applied|apply|did (?:it|that|this)|done|the (?:fix|script)|after (?:it|that|the|running|restarting|rebooting|a reboot))\b/;
const successPattern =
  /\b(?:that worked|it worked|worked|works now|working (?:now|again)|fixed|resolved|solved|sorted|all good|success(?:ful(?:ly)?)?|back to normal|problem solved|did the trick|that did it|good now|fine now|up and running|printing again|connects now|can log in now)\b/;

/** How the engineer says the suggested fix went (or that they will not run it), if they say so. */
export function classifyFixOutcome(text: string): FixReaction | undefined {
  const normalized = normalizeAnswerText(text);
  if (dismissedPattern.test(normalized)) return 'dismissed';
  if (partialPattern.test(normalized)) return 'applied_partial';
  if (failurePattern.test(normalized)) return 'applied_failed';
  if (weakFailurePattern.test(normalized) && ranItPattern.test(normalized)) return 'applied_failed';
  if (successPattern.test(normalized)) return 'applied_success';
  return undefined;
}

const fixRequestPattern =
  /\b(?:what'?s the (?:fix|solution|answer)|what is the (?:fix|solution)|just tell me|tell me (?:the|a|what the) (?:fix|solution)|give me (?:the|a) (?:fix|script|solution)|what (?:should|do|can) (?:i|we) (?:do|try|run)|how do (?:i|we) fix|skip the questions|just give me|suggest (?:a|the) fix|propose (?:a|the) fix|your best guess|best guess|what would you (?:do|try)|what do you suggest|any fix)\b/;

/** "What's the fix?", "just tell me": the engineer wants the leading fix now. */
export function asksForFix(text: string): boolean {
  return fixRequestPattern.test(normalizeAnswerText(text));
}
