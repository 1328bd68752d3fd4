import { describe, expect, it } from 'vitest';
import { parseMarkers, summarizeMarkers } from '@flowpilot/core/markers';
import type { ChatMessage } from '../chat-model.ts';
import { interpretAnswers } from './answer-interpreter.ts';
import { generalQuestions } from './general-questions.ts';
import { createOfflineEngine } from './offline-engine.ts';

/**
 * Issue 13 follow-up: vague intakes of a known area, checklist answers mapped only where they
 * answer, and confidence that reflects how much was observed rather than described.
 */
const engine = createOfflineEngine();

function converse(userMessages: string[]) {
  const messages: ChatMessage[] = [];
  return userMessages.map((content) => {
    messages.push({ role: 'user', content });
    const raw = engine.reply(messages);
    messages.push({ role: 'assistant', content: raw });
    const parsed = parseMarkers(raw);
    return { prose: parsed.prose, summary: summarizeMarkers(parsed.markers) };
  });
}
const asked = (turn: ReturnType<typeof converse>[number]) =>
  turn.summary.questions.filter((question) => question.state === 'open').map((question) => question.id);

describe('vague intakes of a known area', () => {
  it('asks what separates spooler, driver and network printer for "Cannot print"', () => {
    const [first] = converse(['Cannot print']);
    expect(first?.prose).not.toMatch(/don't know this one/i);
    expect(first?.summary.suggestedFix).toBeFalsy();
    const slugs = new Set(asked(first!).map((id) => id.split('.')[0]));
    expect(slugs.size).toBeGreaterThanOrEqual(3);
    expect([...slugs].every((slug) => /print/.test(slug ?? ''))).toBe(true);
    expect(first?.summary.confidence ?? 1).toBeLessThan(0.3);
  });

  it('keeps Outlook sign-in loops in Outlook', () => {
    for (const intake of [
      'Outlook keeps showing a sign-in window',
      'Sign-in box keeps popping up for one user',
    ]) {
      const [first] = converse([intake]);
      expect(first?.prose).not.toMatch(/don't know this one/i);
      expect(asked(first!)).toContain('outlook-password-prompts.prompt-loop');
    }
  });

  it('stays honest about a ticket with words the pack has never seen', () => {
    const [first] = converse(['Sage 50 says the data path cannot be found']);
    expect(first?.prose).toMatch(/don't know this one/i);
  });
});

describe('answers to the general checklist', () => {
  const open = generalQuestions.map((question) => ({ key: `general.${question.id}`, question }));

  it('maps numbered parts to their numbers and leaves the rest open', () => {
    const [, second] = converse([
      'our Sage 50 company file will not open for one of the bookkeepers',
      '1. no error code, it just asks for the password again even though it is correct\n2. one user, her laptop\n3. since her password change on Monday',
    ]);
    const states = Object.fromEntries(
      second!.summary.questions.map((question) => [question.id, question.state]),
    );
    expect(states['general.exact-error']).toBe('answered');
    expect(states['general.scope']).toBe('answered');
    expect(states['general.started']).toBe('answered');
    expect(states['general.environment']).toBeUndefined();
  });

  it('files unnumbered free text only under the questions it speaks to', () => {
    const [, second] = converse([
      'the reception PC is misbehaving',
      'Jobs stay stuck in the queue on one PC; other users can print fine',
    ]);
    const answered = second!.summary.questions
      .filter((question) => question.id.startsWith('general.') && question.state === 'answered')
      .map((question) => question.id);
    expect(answered).toEqual(['general.scope']);
    expect(open).toHaveLength(4);
  });

  it('reads "no error code, it just asks again" as a yes to "does the box come back?"', () => {
    const question = engine.playbooks
      .find((playbook) => playbook.slug === 'outlook-password-prompts')!
      .questions.find((candidate) => candidate.id === 'prompt-loop')!;
    const [answer] = interpretAnswers(
      '1. no error code, it just asks for the password again even though it is correct',
      [{ key: 'outlook-password-prompts.prompt-loop', question }],
    );
    expect(answer?.polarity).toBe('yes');
  });
});

describe('confidence reflects the evidence', () => {
  it('never reaches certainty on a description alone', () => {
    for (const intake of [
      "Tom's domain account gets locked every hour or so, I unlock it in ADUC and it happens again",
      'jsmith keeps getting locked out, unlocked him 3 times this morning already',
    ]) {
      const belief = engine.explain([{ role: 'user', content: intake }]);
      expect(belief.candidates[0]?.probability).toBeLessThanOrEqual(0.85);
    }
  });

  it('goes higher, and proposes at once, on an exact error code or pasted output', () => {
    const [first] = converse(['Windows Update keeps failing on the finance laptop with 0x800f0922']);
    expect(first?.summary.suggestedFix).toBeDefined();
    const intake: ChatMessage = {
      role: 'user',
      content:
        'Reception PC will not print, jobs stay in the queue. Other users can print to the same printer.',
    };
    const described = engine.explain([intake]);
    const observed = engine.explain([
      intake,
      { role: 'assistant', content: engine.reply([intake]) },
      {
        role: 'user',
        content:
          'PS C:\\> Get-Service Spooler\n\nStatus   Name               DisplayName\n------   ----               -----------\nStopped  Spooler            Print Spooler',
      },
    ]);
    expect(described.candidates[0]?.probability).toBeLessThanOrEqual(0.85);
    expect(observed.candidates[0]?.playbook.slug).toBe('print-spooler-stuck');
    expect(observed.candidates[0]?.probability).toBeGreaterThan(0.9);
  });
});

describe('found probing held-out-style tickets', () => {
  it('"search finds them" does not make the machine a Mac', () => {
    const messages: ChatMessage[] = [{ role: 'user', content: 'Outlook is acting up for one user' }];
    messages.push(
      { role: 'assistant', content: engine.reply(messages) },
      { role: 'user', content: '1. no\n2. not sure\n3. yes, search on the web finds them fine' },
    );
    const labels = engine
      .explain(messages)
      .candidates.flatMap((candidate) => candidate.evidence.map((item) => item.label));
    expect(labels.some((label) => /runs macos/.test(label))).toBe(false);
    expect(labels.some((label) => /not sure/.test(label))).toBe(false);
  });

  it('asking for the fix gets the best lead at a modest confidence', () => {
    const [, second] = converse(['the computer is slow', 'not sure, what should I try?']);
    expect(second?.summary.suggestedFix?.confidence_pct).toBeLessThan(70);
    expect(second?.prose).toMatch(/hypothesis/);
  });
});
