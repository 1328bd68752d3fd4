import type { PlaybookDetail, PlaybookDraftSource } from '../types';

/*
 * The questions and checks of the playbook form, as the engineer edits them, and the limits
 * of the shared playbook schema (packages/core/src/playbook.ts) checked as they type, so the
 * form cannot send an invalid playbook. Fields the form does not show (an answer's output
 * signals, a question's systems) are kept from the playbook being edited.
 */

type Question = PlaybookDetail['questions'][number];
type Answer = Question['answers'][number];
type Check = PlaybookDetail['checks'][number];
export type CheckLanguage = Check['language'];

/** How far an answer moves the engine's confidence, in words an engineer picks from. */
export const strengths = [
  { value: 0.3, label: 'Strongly' },
  { value: 0.2, label: 'Clearly' },
  { value: 0.1, label: 'Slightly' },
] as const;

export const checkLanguages: readonly CheckLanguage[] = ['powershell', 'bash', 'python', 'cmd'];

export interface AnswerDraft {
  key: string;
  /** Phrases that select the answer, comma-separated as typed. */
  match: string;
  effect: 'supports' | 'rules_out';
  weight: number;
  fact: string;
  kept?: Pick<Answer, 'signals'>;
}

export interface QuestionDraft {
  key: string;
  id?: string;
  text: string;
  answers: AnswerDraft[];
  kept?: Pick<Question, 'os'>;
}

export interface CheckDraft {
  key: string;
  id?: string;
  title: string;
  language: CheckLanguage;
  command: string;
}

let keys = 0;
const nextKey = () => `draft-${++keys}`;

/** The strength shown for a weight; an unchanged answer keeps its exact weight. */
export const nearestStrength = (weight: number) =>
  strengths.reduce((best, s) => (Math.abs(s.value - weight) < Math.abs(best - weight) ? s.value : best), 0.2);

export const newAnswer = (match = '', effect: AnswerDraft['effect'] = 'supports'): AnswerDraft => ({
  key: nextKey(),
  match,
  effect,
  weight: 0.2,
  fact: '',
});

export const newQuestion = (): QuestionDraft => ({
  key: nextKey(),
  text: '',
  answers: [newAnswer('yes', 'supports'), newAnswer('no', 'rules_out')],
});

export const newCheck = (): CheckDraft => ({
  key: nextKey(),
  title: '',
  language: 'powershell',
  command: '',
});

export function draftsOf(playbook: PlaybookDraftSource | undefined) {
  return {
    questions: (playbook?.questions ?? []).map((question): QuestionDraft => ({
      key: nextKey(),
      id: question.id,
      text: question.text,
      answers: question.answers.map((answer) => ({
        key: nextKey(),
        match: answer.match.join(', '),
        effect: answer.implies.effect,
        weight: answer.implies.weight,
        fact: answer.fact ?? '',
        ...(answer.signals ? { kept: { signals: answer.signals } } : {}),
      })),
      ...(question.os ? { kept: { os: question.os } } : {}),
    })),
    checks: (playbook?.checks ?? []).map((check): CheckDraft => ({
      key: nextKey(),
      id: check.id,
      title: check.title,
      language: check.language,
      command: check.command,
    })),
  };
}

const phrases = (text: string) =>
  text
    .split(',')
    .map((phrase) => phrase.trim())
    .filter(Boolean);

/** Problems keyed by the draft's key (and `${key}:field`), in plain words. */
export function stepProblems(questions: QuestionDraft[], checks: CheckDraft[]): Record<string, string> {
  const found: Record<string, string> = {};
  if (questions.length > 30) found.questions = 'At most 30 questions.';
  if (checks.length > 30) found.checks = 'At most 30 checks.';
  for (const question of questions) {
    const text = question.text.trim();
    if (text.length < 5) found[`${question.key}:text`] = 'The question needs at least 5 characters.';
    else if (text.length > 300) found[`${question.key}:text`] = 'A question can have at most 300 characters.';
    if (question.answers.length === 0)
      found[`${question.key}:answers`] = 'Give the question at least one answer.';
    for (const answer of question.answers) {
      const matched = phrases(answer.match);
      if (matched.length === 0) found[`${answer.key}:match`] = 'Say what the engineer would answer.';
      else if (matched.some((phrase) => phrase.length > 200))
        found[`${answer.key}:match`] = 'Each phrase can have at most 200 characters.';
      if (answer.fact.trim().length > 500)
        found[`${answer.key}:fact`] = 'The fact can have at most 500 characters.';
    }
  }
  for (const check of checks) {
    const title = check.title.trim();
    if (title.length < 3) found[`${check.key}:title`] = 'The check needs a title of at least 3 characters.';
    else if (title.length > 200)
      found[`${check.key}:title`] = 'A check title can have at most 200 characters.';
    const command = check.command.trim();
    if (command.length === 0) found[`${check.key}:command`] = 'Give the command to run.';
    else if (command.length > 2000)
      found[`${check.key}:command`] = 'A command can have at most 2,000 characters.';
  }
  return found;
}

/** A kebab-case id of at most 40 characters, unique among `taken` (ids are how answers are recorded). */
function uniqueId(text: string, fallback: string, taken: Set<string>) {
  const base =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 34)
      .replace(/-+$/g, '') || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The drafts as the playbook's `questions` and `checks`; existing ids are kept, new ones made from the text. */
export function stepsBody(questions: QuestionDraft[], checks: CheckDraft[]) {
  const questionIds = new Set(questions.flatMap((question) => (question.id ? [question.id] : [])));
  const checkIds = new Set(checks.flatMap((check) => (check.id ? [check.id] : [])));
  return {
    questions: questions.map((question): Question => ({
      id: question.id ?? uniqueId(question.text, 'question', questionIds),
      text: question.text.trim(),
      answers: question.answers.map((answer): Answer => ({
        match: phrases(answer.match),
        implies: { effect: answer.effect, weight: answer.weight },
        ...(answer.fact.trim() ? { fact: answer.fact.trim() } : {}),
        ...answer.kept,
      })),
      ...question.kept,
    })),
    checks: checks.map((check): Check => ({
      id: check.id ?? uniqueId(check.title, 'check', checkIds),
      title: check.title.trim(),
      command: check.command.trim(),
      language: check.language,
    })),
  };
}
