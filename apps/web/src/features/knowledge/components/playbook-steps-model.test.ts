import { describe, expect, it } from 'vitest';
import { playbookProblems, ZPlaybook } from '@flowpilot/core/playbook';
import type { PlaybookDetail } from '../types';
import { draftsOf, newCheck, newQuestion, stepProblems, stepsBody } from './playbook-steps-model';

const existing = {
  questions: [
    {
      id: 'queue-stuck',
      text: 'Do jobs sit in the queue without printing?',
      os: ['windows'],
      answers: [
        {
          match: ['yes', 'stuck'],
          implies: { effect: 'supports', weight: 0.25 },
          fact: 'Jobs are stuck in the queue',
          signals: ['service:spooler:stopped'],
        },
        { match: ['no'], implies: { effect: 'rules_out', weight: 0.3 } },
      ],
    },
  ],
  checks: [{ id: 'spooler', title: 'Spooler state', command: 'Get-Service Spooler', language: 'powershell' }],
} as unknown as PlaybookDetail;

const base = {
  slug: 'zebra-blank-labels',
  title: 'Zebra printer feeds blank labels',
  category: 'Printing',
  symptoms: ['labels come out blank'],
  root_cause: 'Media type set to thermal transfer for direct thermal labels.',
  fix: { title: 'Switch media type', description: 'Set Media Type to Direct Thermal and calibrate.' },
};

describe('the playbook form’s questions and checks', () => {
  it('gives an edited playbook back exactly as it was when nothing was changed', () => {
    const drafts = draftsOf(existing);
    expect(stepsBody(drafts.questions, drafts.checks)).toEqual({
      questions: existing.questions,
      checks: existing.checks,
    });
  });

  it('makes unique kebab-case ids for new steps, keeping the ones a playbook has', () => {
    const drafts = draftsOf(existing);
    const twins = [newQuestion(), newQuestion()].map((q) => ({ ...q, text: 'Do jobs sit in the queue?' }));
    const check = { ...newCheck(), title: 'Spooler', command: 'sc query spooler', language: 'cmd' as const };
    const body = stepsBody([...drafts.questions, ...twins], [...drafts.checks, check]);
    expect(body.questions.map((q) => q.id)).toEqual([
      'queue-stuck',
      'do-jobs-sit-in-the-queue',
      'do-jobs-sit-in-the-queue-2',
    ]);
    expect(body.checks.map((c) => c.id)).toEqual(['spooler', 'spooler-2']);
    const playbook = ZPlaybook.parse({ ...base, ...body });
    expect(playbookProblems(playbook)).toEqual([]);
  });

  it('names every problem the shared schema would refuse, so an invalid playbook is never sent', () => {
    const question = { ...newQuestion(), text: 'Why' };
    const answer = question.answers[0]!;
    question.answers[0] = { ...answer, match: ' , ' };
    const check = { ...newCheck(), title: 'ok' };
    const found = stepProblems([question], [check]);
    expect(found).toEqual({
      [`${question.key}:text`]: 'The question needs at least 5 characters.',
      [`${answer.key}:match`]: 'Say what the engineer would answer.',
      [`${check.key}:title`]: 'The check needs a title of at least 3 characters.',
      [`${check.key}:command`]: 'Give the command to run.',
    });
    const empty = { ...newQuestion(), text: 'Is the printer online?', answers: [] };
    expect(stepProblems([empty], [])).toEqual({
      [`${empty.key}:answers`]: 'Give the question at least one answer.',
    });
    expect(ZPlaybook.safeParse({ ...base, ...stepsBody([empty], []) }).success).toBe(false);
  });

  it('produces a playbook the shared schema accepts whenever it reports no problems', () => {
    const question = { ...newQuestion(), text: 'Is the media type set to thermal transfer?' };
    const check = { ...newCheck(), title: 'Printer config', command: '~HS', language: 'cmd' as const };
    expect(stepProblems([question], [check])).toEqual({});
    expect(ZPlaybook.safeParse({ ...base, ...stepsBody([question], [check]) }).success).toBe(true);
  });
});
