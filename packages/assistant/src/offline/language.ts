import winkNLP, { type ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { stem } from './text-analysis.ts';

/**
 * Sentence splitting, tokens and negation scope for the engineer's prose, from wink-nlp's
 * English model (bundled, offline, ~0.1 ms for a short reply). The engine asks the same
 * questions of the same texts every turn (it replays the transcript), so results are
 * memoised by text.
 */

export interface Word {
  /** Lower-case surface form. */
  text: string;
  /** Stem used for matching phrases ("printing" → "print"). */
  stem: string;
  /** Inside the scope of a negation ("isn't locked" → `locked` is negated). */
  negated: boolean;
  /** wink token type: word, number, punctuation, ordinal, … */
  type: string;
  /**
   * Inside double quotes: text the engineer reports (an error message read off the screen).
   * Its own negations ("does not have a computer account") are the message's, not a denial.
   */
  quoted: boolean;
}

export interface Sentence {
  text: string;
  words: Word[];
}

const nlp = winkNLP(model);
const its = nlp.its;
const memo = new Map<string, Sentence[]>();
const memoLimit = 2000;

/** Contractions the model splits ("isn't" → "is" + "n't"); the second part is a negator. */
const negatorWords = new Set([
  'not',
  "n't",
  'no',
  'never',
  'nobody',
  'none',
  'nothing',
  'neither',
  'nor',
  'without',
]);

export function isNegator(word: string): boolean {
  return negatorWords.has(word);
}

export function sentences(text: string): Sentence[] {
  const hit = memo.get(text);
  if (hit) return hit;
  const doc = nlp.readDoc(text);
  const result: Sentence[] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const tokens = sentence.tokens();
    const values = tokens.out(its.value) as string[];
    const negations = tokens.out(its.negationFlag) as unknown as boolean[];
    const types = tokens.out(its.type) as string[];
    const words: Word[] = [];
    let quoted = false;
    values.forEach((value, index) => {
      const type = types[index] ?? 'word';
      if (type === 'tabCRLF') return;
      if (value === '"' || value === '“' || value === '”') {
        quoted = value === '“' ? true : value === '”' ? false : !quoted;
        return;
      }
      const lower = value.toLowerCase().replace(/[’‘]/g, "'");
      words.push({
        text: lower,
        stem: stemWord(lower),
        negated: !quoted && negations[index] === true,
        type,
        quoted,
      });
    });
    result.push({ text: sentence.out(), words });
  });
  if (memo.size >= memoLimit) memo.clear();
  memo.set(text, result);
  return result;
}

/** The stem used for phrase matching: the retrieval stemmer, plus "n't" kept as "not". */
export function stemWord(word: string): string {
  if (word === "n't" || word === 'nt') return 'not';
  if (word === 'ca' || word === 'wo') return word; // "ca n't", "wo n't"
  return stem(word);
}

/** Stems of a phrase written in a playbook, articles dropped, for matching against words. */
export function phraseStems(phrase: string): string[] {
  return sentences(phrase)
    .flatMap((sentence) => sentence.words)
    .filter((word) => word.type !== 'punctuation' && !articles.has(word.text))
    .map((word) => word.stem);
}

const articles = new Set(['a', 'an', 'the']);
const positionMemo = new WeakMap<readonly Word[], number[]>();
const stemSetMemo = new WeakMap<readonly Word[], Set<string>>();

function stemSet(words: readonly Word[]): Set<string> {
  let set = stemSetMemo.get(words);
  if (!set) {
    set = new Set(words.map((word) => word.stem));
    stemSetMemo.set(words, set);
  }
  return set;
}

function contentPositions(words: readonly Word[]): number[] {
  let positions = positionMemo.get(words);
  if (!positions) {
    positions = [];
    for (let index = 0; index < words.length; index++) {
      const word = words[index] as Word;
      if (word.type !== 'punctuation' && !articles.has(word.text)) positions.push(index);
    }
    positionMemo.set(words, positions);
  }
  return positions;
}

export interface PhraseHit {
  /** Index of the first matched word. */
  start: number;
  end: number;
  /** A negation governs the phrase (wink's scope, or a negator just before it). */
  negated: boolean;
  /**
   * The word right before the phrase negates it ("not locked", "isn't slow", "no longer
   * crashes"): the engineer denies the symptom itself, not just something near it
   * ("cannot access the SharePoint site" does not deny SharePoint).
   */
  denied: boolean;
}

/**
 * Finds `stems` as a contiguous run of words (articles skipped). Linear in the sentence
 * length for each phrase. A negator counts if it sits in the same clause, at most three
 * words before the phrase; a leading "no," or "yes," is an answer, not a negation.
 */
export function findPhrase(words: readonly Word[], stems: readonly string[]): PhraseHit | undefined {
  if (stems.length === 0) return undefined;
  // Most phrases share no word with most sentences: reject those without scanning.
  const present = stemSet(words);
  for (const value of stems) if (!present.has(value)) return undefined;
  const positions = contentPositions(words);
  const phraseHasNegator = stems.some((value) => value === 'not' || isNegator(value));
  // In order, with at most two other words inside the phrase ("other users can print"
  // matches "others can print"); the first word anchors it.
  for (let start = 0; start + stems.length <= positions.length; start++) {
    if (words[positions[start] as number]?.stem !== stems[0]) continue;
    let at = start;
    let gaps = 0;
    for (let offset = 1; offset < stems.length && at >= 0; offset++) {
      let next = at + 1;
      while (
        next < positions.length &&
        words[positions[next] as number]?.stem !== stems[offset] &&
        gaps < 2
      ) {
        const between = words[positions[next] as number] as Word;
        if (isNegator(between.text) || between.stem === 'not') break;
        next++;
        gaps++;
      }
      at = next < positions.length && words[positions[next] as number]?.stem === stems[offset] ? next : -1;
    }
    if (at < 0) continue;
    const firstAt = positions[start] as number;
    const lastAt = positions[at] as number;
    let negated = false;
    if (!phraseHasNegator) {
      for (let at = firstAt - 1, seen = 0; at >= 0 && seen < 3; at--) {
        const word = words[at] as Word;
        if (word.type === 'punctuation' || word.quoted !== words[firstAt]?.quoted) break;
        seen++;
        if (isNegator(word.text) || word.stem === 'not') {
          const interjection = at === 0 && words[1]?.type === 'punctuation';
          if (!interjection) negated = true;
        }
      }
      for (let at = firstAt; at <= lastAt && !negated; at++) if (words[at]?.negated) negated = true;
    }
    let denied = false;
    if (!phraseHasNegator && start > 0 && !words[firstAt]?.quoted) {
      const previous = words[positions[start - 1] as number] as Word;
      const beforePrevious = start > 1 ? (words[positions[start - 2] as number] as Word) : undefined;
      // "can't ssh", "won't print" describe the symptom; "isn't locked", "not slow" deny it.
      const ability = ['ca', 'can', 'could', 'wo', 'will', 'would', 'cannot'];
      denied =
        ((isNegator(previous.text) || previous.stem === 'not') &&
          previous.text !== 'cannot' &&
          !ability.includes(beforePrevious?.text ?? '')) ||
        (previous.text === 'longer' && beforePrevious?.text === 'no');
    }
    return { start: firstAt, end: lastAt + 1, negated, denied };
  }
  return undefined;
}

/** Words wink's tagger reads as proper nouns ("Sage", "QuickBooks", "PC"): names of things. */
export function properNouns(text: string): string[] {
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  const tags = tokens.out(its.pos) as string[];
  return values.filter((_, index) => tags[index] === 'PROPN');
}
