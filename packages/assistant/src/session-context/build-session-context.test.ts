import { describe, expect, it } from 'vitest';
import { buildSessionContext, DROP_STEP, type ContextCounter } from './build-session-context.ts';
import type { ContextFix, SessionContextInput, ContextTurn } from './session-context-input.ts';
import { loadTokenCounter } from './token-counter.ts';

/** Deterministic stand-in for the tokenizer: one token per 4 characters, rounded up. */
const quarterCounter: ContextCounter = { count: (text) => Math.ceil(text.length / 4) };

const fix = (overrides: Partial<ContextFix>): ContextFix => ({
  id: 'f1',
  title: 'Restart the spooler',
  description: 'Restart the print spooler service',
  confidencePct: 70,
  status: 'proposed',
  decision: null,
  applied: false,
  templateId: null,
  scriptLanguage: null,
  script: null,
  partialNotes: null,
  failureReason: null,
  outcomeProposal: null,
  source: 'ai',
  superseded: false,
  ...overrides,
});

function session(overrides: Partial<SessionContextInput> = {}): SessionContextInput {
  return {
    title: 'Printing stuck on FIN-PC-07',
    stateVersion: 4,
    triage: {
      clientName: 'Contoso',
      assetName: 'FIN-PC-07',
      issueCategory: 'Printing',
      hypothesis: 'Spooler crash',
    },
    intake: {
      type: 'combined',
      text: 'Print jobs stay queued for everyone in finance',
      ticketRef: 'T-1042',
      clientName: 'Contoso',
      assetName: 'FIN-PC-07',
      logs: 'Event 7031: The Print Spooler service terminated unexpectedly.',
    },
    facts: [
      { id: 'n1', kind: 'engineer_note', text: 'Only the finance printer is affected', edited: false },
      { id: 'p1', kind: 'ai_promoted', text: 'Spooler restarts every 10 minutes', edited: true },
    ],
    questions: [{ id: 'q1', text: 'Does a test page print?', state: 'answered', answer: 'No' }],
    checks: [
      {
        id: 'a1',
        title: 'Spooler status',
        command: 'Get-Service Spooler',
        language: 'powershell',
        state: 'open',
      },
    ],
    activeFix: fix({
      id: 'f2',
      title: 'Clear the spool folder',
      applied: true,
      templateId: 't-clear',
      templateName: 'Clear print queue',
      decision: 'one_off',
    }),
    earlierFixes: [
      fix({ id: 'f1', status: 'applied_failed', failureReason: 'the queue refilled', superseded: true }),
      fix({
        id: 'f0',
        title: 'Reinstall driver',
        status: 'applied_partial',
        partialNotes: 'two of three PCs print',
        superseded: true,
      }),
    ],
    activity: [
      {
        at: '2026-11-30T10:42:00.000Z',
        action: 'fact.added',
        before: null,
        after: { kind: 'engineer_note', text: 'Only the finance printer is affected' },
      },
      {
        at: '2026-11-30T10:43:00.000Z',
        action: 'fix.outcome.applied_failed',
        before: {},
        after: { failure_reason: 'the queue refilled' },
      },
      {
        at: '2026-11-30T10:44:00.000Z',
        action: 'fact.updated',
        before: { text: 'Spooler restarts' },
        after: { text: 'Spooler restarts every 10 minutes' },
      },
    ],
    confidence: { score: 0.55, tier: 'exploring' },
    templates: [
      {
        id: 't-clear',
        name: 'Clear print queue',
        language: 'powershell',
        description: 'Stops the spooler, empties the spool folder, starts it again',
        category: 'Printing',
        parameters: [{ name: 'computer', type: 'string', required: true }],
      },
    ],
    transcript: [
      { role: 'assistant', content: 'Is it one printer or all?' },
      { role: 'user', content: 'Just finance' },
    ],
    ...overrides,
  };
}

const build = (input: SessionContextInput, budgetTokens = 100_000, counter = quarterCounter) =>
  buildSessionContext(input, { system: 'SYSTEM', budgetTokens, counter });

function longSession(turns: number, pasteEvery: number, pasteCharacters: number): SessionContextInput {
  const transcript: ContextTurn[] = [];
  for (let index = 0; index < turns; index++) {
    const role = index % 2 === 0 ? 'assistant' : 'user';
    const paste =
      role === 'user' && index % pasteEvery === 1
        ? `\n${Array.from({ length: Math.ceil(pasteCharacters / 60) }, (_, line) => `10:${line % 60} ERROR 0x800706BA spooler pid=${line}`).join('\n')}`
        : '';
    transcript.push({
      role,
      content: `turn ${index}: ${role === 'user' ? 'here is what I see' : 'try this'}${paste}`,
    });
  }
  transcript.push({ role: 'user', content: 'latest: it still fails' });
  return session({ transcript });
}

describe('buildSessionContext', () => {
  it('lays out system, intake, conversation, state, then the message being answered', () => {
    const built = build(session());
    expect(built.system).toBe('SYSTEM');
    expect(built.messages.map((message) => `${message.role}:${message.part}`)).toEqual([
      'user:intake',
      'assistant:turn',
      'user:state',
      'user:turn',
    ]);
    expect(built.messages[0]!.content).toContain('**Ticket:** T-1042');
    expect(built.messages[0]!.content).toContain('Event 7031');
    expect(built.messages.at(-1)!.content).toBe('Just finance');
    // The stable prefix ends just before the state block.
    expect(built.messages.map((message) => message.cache ?? false)).toEqual([false, true, false, false]);
  });

  it('states every part of the session the spec lists, labelled', () => {
    const state = build(session()).messages.find((message) => message.part === 'state')!.content;
    const expectations = [
      'state_version 4',
      'Triage: client Contoso · asset FIN-PC-07 · category Printing',
      `Engineer's hypothesis: "Spooler crash"`,
      'Confidence: 0.55 (exploring)',
      '- [engineer_note] Only the finance printer is affected',
      '- [ai_promoted] Spooler restarts every 10 minutes (edited by the engineer)',
      '- q1 [answered] Does a test page print? — answer: "No"',
      '- a1 [open] Spooler status — `Get-Service Spooler` (powershell)',
      'fix f2: "Clear the spool folder" — Verifying',
      'decision: run now, no template',
      'Script: template t-clear (Clear print queue)',
      `fix f1: "Restart the spooler" — Didn't work`,
      'Failure reason: "the queue refilled"',
      'Partial notes: "two of three PCs print"',
      '10:42 UTC added a note under What we know: "Only the finance printer is affected"',
      `10:43 UTC recorded that the fix didn't work: "the queue refilled"`,
      '10:44 UTC edited a fact from "Spooler restarts" to "Spooler restarts every 10 minutes"',
      '- t-clear · Clear print queue · powershell · Printing — Stops the spooler',
      'Parameters: computer (string, required)',
    ];
    for (const expected of expectations) expect(state).toContain(expected);
    // Sections keep their order.
    const order = [
      '## What we know',
      '## Questions',
      '## Diagnostic checks',
      '## Active fix',
      '## Earlier fixes',
      '## Since your last reply',
      '## Script templates',
    ];
    const positions = order.map((heading) => state.indexOf(heading));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.every((position) => position >= 0)).toBe(true);
  });

  it('renders the same state to the same bytes, and a new turn keeps the earlier prefix identical', () => {
    const input = session();
    expect(build(input)).toEqual(build(structuredClone(input)));
    const next = build({
      ...input,
      transcript: [
        ...input.transcript,
        { role: 'assistant', content: 'Clear the folder' },
        { role: 'user', content: 'Done' },
      ],
    });
    const before = build(input)
      .messages.filter((message) => message.part !== 'state')
      .slice(0, -1);
    expect(next.messages.slice(0, before.length).map((message) => message.content)).toEqual(
      before.map((message) => message.content),
    );
  });

  it('sends everything untrimmed when it fits, and trims once it is one token over', () => {
    const input = longSession(20, 4, 2_000);
    const whole = build(input);
    expect(whole.report).toMatchObject({
      turns_omitted: 0,
      characters_omitted: 0,
      pastes_trimmed: 0,
      over_budget: false,
    });
    // The state reserves a little room for the "left out" notes.
    const exact = build(input, whole.report.estimated_tokens + 60);
    expect(exact.report.characters_omitted).toBe(0);
    const tight = build(input, whole.report.estimated_tokens + 60 - 1);
    expect(tight.report.characters_omitted).toBeGreaterThan(0);
    expect(tight.report.estimated_tokens).toBeLessThanOrEqual(whole.report.estimated_tokens + 59);
  });

  it('keeps the head and tail of a long older paste, saying how much was cut', () => {
    const input = longSession(10, 2, 40_000);
    const built = build(input, 12_000);
    const trimmed = built.messages.find((message) =>
      /characters of pasted text omitted/.test(message.content),
    )!;
    expect(trimmed.content).toMatch(/^turn \d+: here is what I see\n10:0 ERROR/);
    expect(trimmed.content).toMatch(/\[… [\d,]+ characters of pasted text omitted …\]/);
    expect(trimmed.content).toMatch(/pid=\d+$/);
    expect(built.report.pastes_trimmed).toBeGreaterThan(0);
    expect(built.report.estimated_tokens).toBeLessThanOrEqual(12_000);
  });

  it('drops the oldest turns a step at a time, never the intake, the state or the latest message', () => {
    const input = longSession(200, 4, 3_000);
    const built = build(input, 16_000);
    expect(built.report.turns_omitted).toBeGreaterThan(0);
    expect(built.report.turns_omitted % DROP_STEP).toBe(0);
    expect(built.report.estimated_tokens).toBeLessThanOrEqual(16_000);
    expect(built.messages[0]!.part).toBe('intake');
    expect(built.messages.at(-1)!.content).toBe('latest: it still fails');
    const state = built.messages.find((message) => message.part === 'state')!.content;
    expect(state).toContain(`the ${built.report.turns_omitted} oldest messages of the conversation`);
    // The kept turns are the newest ones, in order.
    const kept = built.messages
      .filter((message) => message.part === 'turn')
      .map((message) => Number(/^turn (\d+)/.exec(message.content)?.[1] ?? 999));
    expect(kept.slice(0, -1)).toEqual([...kept.slice(0, -1)].sort((a, b) => a - b));
    expect(kept[0]).toBe(built.report.turns_omitted);
  });

  it('counts turns too old to be read and actions past the read limit as left out, and says so', () => {
    const built = build(session({ unreadTurns: 37, activityOmitted: 12 }));
    expect(built.report.turns_omitted).toBe(37);
    const state = built.messages.find((message) => message.part === 'state')!.content;
    expect(state).toContain('the 37 oldest messages of the conversation');
    expect(state).toContain('- (12 earlier actions left out; the newest follow)');
    // The note opens the section; the actions that were read follow it.
    const since = state.slice(state.indexOf('## Since your last reply'));
    expect(since.split('\n')[1]).toBe('- (12 earlier actions left out; the newest follow)');
    expect(since.split('\n')[2]).toMatch(/^- 10:42 UTC /);
    expect(build(session()).messages.find((m) => m.part === 'state')!.content).not.toContain('left out');
  });

  it('at a budget too small for the intake, keeps its head and tail with a note, and the state whole', () => {
    const logs = Array.from(
      { length: 4_000 },
      (_, line) => `line ${line}: Event 7031 spooler terminated`,
    ).join('\n');
    const input = session({
      intake: { ...session().intake, logs },
      transcript: [{ role: 'user', content: 'x'.repeat(30_000) }],
    });
    const built = build(input, 6_000);
    const intake = built.messages[0]!.content;
    expect(intake).toContain('line 0: Event 7031');
    expect(intake).toContain('line 3999: Event 7031');
    expect(intake).toMatch(/\[… [\d,]+ characters of log omitted …\]/);
    expect(built.messages.at(-1)!.content).toMatch(/characters of pasted text omitted/);
    expect(built.messages.find((message) => message.part === 'state')!.content).toContain(
      'the queue refilled',
    );
    expect(built.report.estimated_tokens).toBeLessThanOrEqual(6_000);
  });

  it('holds a 200-message session with pasted logs under a 64k budget with the real tokenizer', async () => {
    const counter = await loadTokenCounter();
    const built = build(longSession(200, 6, 8_000), 64_000, counter);
    expect(built.report.estimated_tokens).toBeLessThanOrEqual(64_000);
    expect(built.report.estimated_tokens).toBeGreaterThan(40_000);
    expect(built.messages[0]!.content).toContain('Print jobs stay queued');
  });

  it('gives the offline engine the notes, the facts the engineer corrected and every fix outcome as data', () => {
    expect(build(session()).session).toEqual({
      ticketRef: 'T-1042',
      clientName: 'Contoso',
      assetName: 'FIN-PC-07',
      // The engineer's note, and the assistant's fact they edited (it now says what they say).
      notes: ['Only the finance printer is affected', 'Spooler restarts every 10 minutes'],
      facts: ['Only the finance printer is affected', 'Spooler restarts every 10 minutes'],
      open: ['Run check: Spooler status'],
      fixes: [
        { templateId: null, title: 'Restart the spooler', outcome: 'applied_failed' },
        { templateId: null, title: 'Reinstall driver', outcome: 'applied_partial' },
        { templateId: 't-clear', title: 'Clear the spool folder', outcome: 'proposed' },
      ],
    });
  });
});

describe('handoff (issue 17)', () => {
  const handoff = {
    note: 'Picked up by Bob from Alice.',
    at: '2026-12-02T10:00:00.000Z',
    sinceLastReply: true,
  };
  const stateText = (input: SessionContextInput) =>
    build(input)
      .messages.filter((message) => message.part === 'state')
      .map((message) => message.content)
      .join('\n');

  it('tells the next turn who picked the session up, and only that turn to start afresh', () => {
    expect(stateText(session({ handoff }))).toContain(
      '## Handoff\n- 2026-12-02 10:00 UTC Picked up by Bob from Alice.',
    );
    expect(stateText(session({ handoff }))).toContain('You now talk to the engineer who picked it up');
    const later = stateText(session({ handoff: { ...handoff, sinceLastReply: false } }));
    expect(later).toContain('Picked up by Bob from Alice.');
    expect(later).not.toContain('You now talk to');
    expect(stateText(session())).not.toContain('## Handoff');
    expect(build(session({ handoff })).session.handoff).toEqual({
      note: 'Picked up by Bob from Alice.',
      sinceLastReply: true,
    });
  });
});

describe('token counter', () => {
  it('counts a 200,000-character run without spaces quickly, close to the exact count', async () => {
    const counter = await loadTokenCounter();
    const started = performance.now();
    const tokens = counter.count('y'.repeat(200_000));
    expect(performance.now() - started).toBeLessThan(500);
    expect(tokens).toBeGreaterThan(10_000);
    const blob = Array.from({ length: 3_000 }, (_, index) => ((index * 7919) % 65_536).toString(36)).join('');
    const exact = counter.count(blob.slice(0, 250)) * (blob.length / 250);
    expect(Math.abs(counter.count(blob) - exact) / exact).toBeLessThan(0.25);
    // Ordinary text is counted exactly.
    expect(counter.count('Outlook keeps prompting for a password')).toBe(7);
  });
});
