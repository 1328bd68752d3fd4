import { describe, expect, it } from 'vitest';
import { asksForFix, classifyFixOutcome, interpretAnswers, type OpenQuestion } from './answer-interpreter.ts';

const question = (id: string, text: string, yes: string[], no: string[] = []): OpenQuestion => ({
  key: `pb.${id}`,
  question: {
    id,
    text,
    answers: [
      { match: ['yes', ...yes], implies: { effect: 'supports', weight: 0.3 } },
      { match: ['no', ...no], implies: { effect: 'rules_out', weight: 0.3 } },
    ],
  },
});
const change = question('password-change', 'Was the password changed in the last few days?', [
  'password was reset',
]);
const owa = question('owa-works', 'Does Outlook on the web (OWA) work?', ['owa works'], ['owa fails']);
const others = question('others-print', 'Can other users print to the same printer?', ['others can print']);
const spooler = question('spooler-stops', 'Does the Print Spooler service stop by itself?', [
  'keeps stopping',
]);

/** [key, polarity, state] per answer, sorted by key, for compact expectations. */
const read = (text: string, batch: OpenQuestion[], rest: OpenQuestion[] = []) =>
  interpretAnswers(text, batch, rest)
    .map((answer) => [answer.key, answer.polarity ?? null, answer.state] as const)
    .sort((left, right) => left[0].localeCompare(right[0]));

describe('interpretAnswers', () => {
  it.each([
    [
      '1. yeah\n2. nope',
      [
        ['pb.owa-works', 'no', 'answered'],
        ['pb.password-change', 'yes', 'answered'],
      ],
    ],
    [
      '1 yes, 2 no',
      [
        ['pb.owa-works', 'no', 'answered'],
        ['pb.password-change', 'yes', 'answered'],
      ],
    ],
    [
      '2) no 1) yes',
      [
        ['pb.owa-works', 'no', 'answered'],
        ['pb.password-change', 'yes', 'answered'],
      ],
    ],
    [
      'yes to both',
      [
        ['pb.owa-works', 'yes', 'answered'],
        ['pb.password-change', 'yes', 'answered'],
      ],
    ],
    [
      'no to all',
      [
        ['pb.owa-works', 'no', 'answered'],
        ['pb.password-change', 'no', 'answered'],
      ],
    ],
    [
      'yes\nno',
      [
        ['pb.owa-works', 'no', 'answered'],
        ['pb.password-change', 'yes', 'answered'],
      ],
    ],
    [
      "1. not sure\n2. haven't checked",
      [
        ['pb.owa-works', 'unchecked', 'skipped'],
        ['pb.password-change', 'unsure', 'skipped'],
      ],
    ],
  ] as const)('reads %j by number and for the batch', (text, expected) => {
    expect(read(text, [change, owa])).toEqual(expected);
  });

  it('reads negation: "isn\'t", "not", "can\'t" flip the answer', () => {
    expect(read("OWA isn't working either", [change, owa])).toEqual([['pb.owa-works', 'no', 'answered']]);
    expect(read('no, others cannot print either', [others])).toEqual([['pb.others-print', 'no', 'answered']]);
    expect(read('the password was not reset', [change])).toEqual([['pb.password-change', 'no', 'answered']]);
  });

  it('files free text against the question it answers, without the question being named', () => {
    expect(read('the spooler service keeps stopping on its own', [others, spooler])).toEqual([
      ['pb.spooler-stops', 'yes', 'answered'],
    ]);
    expect(read('password was reset on Friday. OWA works fine', [change, owa])).toEqual([
      ['pb.owa-works', 'yes', 'answered'],
      ['pb.password-change', 'yes', 'answered'],
    ]);
  });

  it('answers an older open question when the reply is about it', () => {
    expect(read('other users can print fine', [spooler], [others])).toEqual([
      ['pb.others-print', 'yes', 'answered'],
    ]);
  });

  it('a single "not sure" for a batch skips every question instead of answering the first', () => {
    expect(read('not sure', [change, owa])).toEqual([
      ['pb.owa-works', 'unsure', 'skipped'],
      ['pb.password-change', 'unsure', 'skipped'],
    ]);
  });
});

describe('classifyFixOutcome', () => {
  it.each([
    ['that worked, thanks', 'applied_success'],
    ['Fixed! working again', 'applied_success'],
    ["didn't work", 'applied_failed'],
    ['no change, still prompting', 'applied_failed'],
    ['partially, some users are fine now', 'applied_partial'],
    ["I'm not going to run that, dismiss it", 'dismissed'],
    ["skip that fix, it doesn't apply here", 'dismissed'],
    ["haven't run it yet, what does it do?", undefined],
    // "fails" about the symptom is not the fix failing; beside having run it, it is.
    ["no, it's not locked. she can log in on her phone, only the laptop fails", undefined],
    ['ran the script, the sync still fails', 'applied_failed'],
    ['tried it and it failed with access denied', 'applied_failed'],
  ] as const)('%s -> %s', (text, expected) => {
    expect(classifyFixOutcome(text)).toBe(expected);
  });
});

describe('asksForFix', () => {
  it.each([
    ["what's the fix?", true],
    ['just tell me', true],
    ['what should I do', true],
    ['the fix for the printer last week worked', false],
  ] as const)('%s -> %s', (text, expected) => {
    expect(asksForFix(text)).toBe(expected);
  });
});
