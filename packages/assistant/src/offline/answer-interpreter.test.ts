import { describe, expect, it } from 'vitest';
import { classifyFixOutcome, interpretAnswers, type OpenQuestion } from './answer-interpreter.ts';

const question = (id: string, answers: [string[], 'supports' | 'rules_out'][]): OpenQuestion => ({
  key: `pb.${id}`,
  question: {
    id,
    text: `${id}?`,
    answers: answers.map(([match, effect]) => ({ match, implies: { effect, weight: 0.3 } })),
  },
});
const change = question('password-change', [
  [['yes', 'password change', 'password was reset'], 'supports'],
  [['no'], 'rules_out'],
]);
const owa = question('owa-works', [
  [['yes', 'owa works'], 'supports'],
  [['no', 'owa fails'], 'rules_out'],
]);

describe('interpretAnswers', () => {
  it('reads numbered lines, ids and positional lists', () => {
    expect(
      interpretAnswers('2. nope\n1. yeah', [change, owa]).map((answer) => [
        answer.key,
        answer.matched?.implies.effect,
      ]),
    ).toEqual([
      ['pb.owa-works', 'rules_out'],
      ['pb.password-change', 'supports'],
    ]);
    expect(interpretAnswers('pb.owa-works: yes', [change, owa])[0]?.key).toBe('pb.owa-works');
    expect(
      interpretAnswers('yes; no', [change, owa]).map((answer) => answer.matched?.implies.effect),
    ).toEqual(['supports', 'rules_out']);
  });

  it('finds answers in free text and respects negation', () => {
    const answers = interpretAnswers('the password was reset on Monday and OWA fails as well', [change, owa]);
    expect(answers.map((answer) => [answer.key, answer.matched?.implies.effect])).toEqual([
      ['pb.password-change', 'supports'],
      ['pb.owa-works', 'rules_out'],
    ]);
    expect(interpretAnswers('it was not after a password change, it just started', [change, owa])).toEqual(
      [],
    );
  });

  it('keeps free text and skips as answers without implications', () => {
    expect(interpretAnswers('not sure', [change])[0]).toMatchObject({ state: 'skipped' });
    const [freeText] = interpretAnswers('it happened on Tuesday', [change]);
    expect(freeText).toMatchObject({ state: 'answered', text: 'it happened on Tuesday' });
    expect(freeText?.matched).toBeUndefined();
  });
});

describe('classifyFixOutcome', () => {
  it.each([
    ['that worked, thanks', 'applied_success'],
    ['Fixed! working again', 'applied_success'],
    ["didn't work", 'applied_failed'],
    ['no change, still prompting', 'applied_failed'],
    ['not resolved', 'applied_failed'],
    ['partially, some users are fine now', 'applied_partial'],
    ['what does the script do?', undefined],
  ] as const)('%s -> %s', (text, expected) => {
    expect(classifyFixOutcome(text)).toBe(expected);
  });
});
