import { clip, type InterpretedAnswer } from './answer-interpreter.ts';
import { findPhrase, phraseStems, sentences } from './language.ts';
import type { Candidate } from './belief.ts';

// The playbook types by way of the belief, wherever the schema module lives.
type Playbook = Candidate['playbook'];
type PlaybookQuestion = Playbook['questions'][number];

/**
 * The general checklist for a problem no playbook fits (exact error, scope, timeline,
 * environment). Each question carries the words its answers use — its expected-answer cues —
 * as answer phrases, matched on stems like a playbook answer: a clause answers the questions
 * whose cues it contains, and no other. Negation does not matter here — "no error code"
 * answers the question about the error.
 * The cue answers weigh nothing: general answers describe, they never move the belief.
 */
const cue = (match: string[]) => ({ match, implies: { effect: 'supports' as const, weight: 0 } });

export const generalQuestions: PlaybookQuestion[] = [
  {
    id: 'exact-error',
    text: 'What is the exact error message or code (a screenshot or copy-paste is best)?',
    answers: [
      cue([
        'error',
        'code',
        'message',
        'says',
        'saying',
        'pop up',
        'popup',
        'dialog',
        'warning',
        'event id',
        'screenshot',
        'blue screen',
        'prompt',
        'asks for',
      ]),
    ],
  },
  {
    id: 'scope',
    text: 'Who and what is affected: one user or many, one device or several, which application or service?',
    answers: [
      cue([
        'one user',
        'user',
        'users',
        'everyone',
        'everybody',
        'nobody',
        'no one',
        'only',
        'just',
        'all',
        'whole',
        'team',
        'staff',
        'colleagues',
        'others',
        'other people',
        'one pc',
        'pc',
        'laptop',
        'computer',
        'device',
        'machine',
        'desktop',
        'phone',
      ]),
    ],
  },
  {
    id: 'started',
    text: 'When did it start, and what changed around then (updates, password change, new hardware, moves)?',
    answers: [
      cue([
        'since',
        'started',
        'began',
        'yesterday',
        'today',
        'this morning',
        'last night',
        'last week',
        'ago',
        'after',
        'monday',
        'tuesday',
        'wednesday',
        'thursday',
        'friday',
        'weekend',
        'week',
        'changed',
        'change',
        'update',
        'upgrade',
        'installed',
        'moved',
        'new',
        'always',
        'nothing changed',
      ]),
    ],
  },
  {
    id: 'environment',
    text: 'What is the environment: Windows/macOS/Linux version, on-premises AD or Microsoft 365, office or remote?',
    answers: [
      cue([
        'windows',
        'win 10',
        'win 11',
        'win10',
        'win11',
        'mac',
        'macos',
        'linux',
        'ubuntu',
        'version',
        'build',
        'microsoft 365',
        'office 365',
        'm365',
        'o365',
        'exchange',
        'azure',
        'entra',
        'intune',
        'domain',
        'active directory',
        'on prem',
        'on premises',
        'cloud',
        'remote',
        'from home',
        'in the office',
        'vpn',
        'hybrid',
      ]),
    ],
  },
];

export const generalPrefix = 'general';

const compiledCues = new WeakMap<PlaybookQuestion, string[][]>();
function cuesOf(question: PlaybookQuestion): string[][] {
  let cues = compiledCues.get(question);
  if (!cues) {
    cues = question.answers
      .flatMap((answer) => answer.match)
      .map(phraseStems)
      .filter((stems) => stems.length > 0);
    compiledCues.set(question, cues);
  }
  return cues;
}

/**
 * Free text (not numbered) read against the open general questions: each clause answers the
 * questions whose cues it names; a question no clause speaks to stays open. "Jobs stay stuck
 * in the queue on one PC; other users can print fine" says who is affected — not when it
 * started, what the error is, or what the environment is.
 */
export function answerGeneralQuestions(
  prose: string,
  open: readonly { key: string; question: PlaybookQuestion }[],
): InterpretedAnswer[] {
  if (open.length === 0 || !prose.trim()) return [];
  const clauses = prose
    .split(/\r?\n|;/)
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap((part) => sentences(part));
  const answers: InterpretedAnswer[] = [];
  for (const item of open) {
    const cues = cuesOf(item.question);
    const quotes = clauses
      .filter((clause) => cues.some((stems) => findPhrase(clause.words, stems) !== undefined))
      .map((clause) => clause.text.trim());
    if (quotes.length > 0) answers.push({ key: item.key, text: clip(quotes.join(' ')), state: 'answered' });
  }
  return answers;
}
