import { describe, it, expect } from 'vitest';
import { AppError } from './app-error';
import {
  allowedFixEvents,
  canTransition,
  fixEventForDecision,
  fixEventTypes,
  fixStateLabel,
  fixStatuses,
  isVerifying,
  transition,
  type FixEvent,
  type FixEventType,
  type FixLifecycleState,
  type FixStatus,
} from './fix-lifecycle';

const t0 = new Date('2026-01-01T09:00:00Z');
const now = new Date('2026-01-01T10:00:00Z');

const baseFix = (overrides: Partial<FixLifecycleState> = {}): FixLifecycleState => ({
  status: 'proposed',
  user_decision: null,
  applied_at: null,
  verified_at: null,
  partial_notes: null,
  failure_reason: null,
  ai_outcome_proposal: null,
  superseded_at: null,
  ai_drafted_script: 'Restart-Service Spooler',
  ai_drafted_parameters: { computer: 'PC-1' },
  script_template_id: null,
  ...overrides,
});

/** One representative event per type; the ones that change status are listed separately below. */
const sampleEvents: { [K in FixEventType]: Extract<FixEvent, { type: K }> } = {
  apply: { type: 'apply' },
  decision: { type: 'decision', decision: 'one_off' },
  build_template: { type: 'build_template' },
  dismissed: { type: 'dismissed' },
  outcome: { type: 'outcome', outcome: 'applied_success' },
  script_patch: { type: 'script_patch', ai_drafted_script: 'echo new' },
  ai_proposal: { type: 'ai_proposal', outcome: 'applied_failed', reason: 'still broken' },
  proposal_confirm: { type: 'proposal_confirm' },
  proposal_reject: { type: 'proposal_reject' },
  supersede: { type: 'supersede' },
};

/** The contract, written out by hand so a change to the table shows up here. */
const allEvents = [...fixEventTypes];
const expectedAllowed: { [S in FixStatus]: FixEventType[] } = {
  proposed: allEvents,
  applied_partial: allEvents,
  applied_success: ['supersede'],
  applied_failed: ['supersede'],
  dismissed: ['supersede'],
};

/** Events that declare (or imply) a run; everything else must leave applied_at alone. */
const stampingEvents = new Set<FixEventType>(['apply', 'decision', 'outcome', 'proposal_confirm']);

const expectConflict = (fn: () => unknown, message?: RegExp) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict');
    expect((error as AppError).status).toBe(409);
    if (message) expect((error as AppError).message).toMatch(message);
    return;
  }
  throw new Error('expected a conflict');
};

const fixIn = (status: FixStatus, appliedAt: Date | null) =>
  baseFix({
    status,
    applied_at: status === 'proposed' ? appliedAt : t0,
    verified_at: status === 'applied_success' || status === 'applied_failed' ? t0 : null,
    // A pending proposal, so proposal_confirm/reject meet their precondition wherever the table allows them.
    ai_outcome_proposal: { outcome: 'applied_failed', reason: 'still broken' },
  });

describe('transition — every (status × event) pair', () => {
  const cases = fixStatuses.flatMap((status) =>
    fixEventTypes.flatMap((type) =>
      [null, t0].map((appliedAt) => ({
        status,
        type,
        appliedAt,
        allowed: expectedAllowed[status].includes(type),
      })),
    ),
  );

  it.each(cases)(
    '$status × $type (applied_at=$appliedAt) → allowed=$allowed',
    ({ status, type, appliedAt, allowed }) => {
      const fix = fixIn(status, appliedAt);
      const event = sampleEvents[type];
      expect(canTransition(fix, type)).toBe(allowed);
      if (!allowed) {
        expectConflict(() => transition(fix, event, now), /already/);
        return;
      }
      const next = transition(fix, event, now);
      if (stampingEvents.has(type)) expect(next.applied_at).toEqual(fix.applied_at ?? now);
      else expect(next.applied_at).toBe(fix.applied_at);
    },
  );

  it.each(fixStatuses.flatMap((status) => fixEventTypes.map((type) => ({ status, type }))))(
    'a superseded $status fix refuses $type',
    ({ status, type }) => {
      const fix = { ...fixIn(status, t0), superseded_at: t0 };
      expect(canTransition(fix, type)).toBe(false);
      expectConflict(() => transition(fix, sampleEvents[type], now), /superseded/);
    },
  );

  it('allowedFixEvents lists exactly the allowed events', () => {
    for (const status of fixStatuses)
      expect(allowedFixEvents(fixIn(status, null))).toEqual(expectedAllowed[status]);
    expect(allowedFixEvents(baseFix({ superseded_at: t0 }))).toEqual([]);
  });
});

describe('applied_at is stamped only by a declared run', () => {
  it.each<FixEvent>([
    { type: 'build_template' },
    { type: 'script_patch', ai_drafted_script: 'x' },
    { type: 'dismissed' },
    { type: 'ai_proposal', outcome: 'applied_success' },
    { type: 'outcome', outcome: 'dismissed' },
    { type: 'supersede' },
  ])('$type does not stamp', (event) => {
    expect(transition(baseFix(), event, now).applied_at).toBeNull();
  });

  it.each<FixEvent>([
    { type: 'apply' },
    { type: 'decision', decision: 'one_off' },
    { type: 'decision', decision: 'draft_template' },
    { type: 'outcome', outcome: 'applied_success' },
    { type: 'outcome', outcome: 'applied_failed' },
    { type: 'outcome', outcome: 'applied_partial' },
  ])('$type $decision$outcome stamps when null and keeps an earlier stamp', (event) => {
    expect(transition(baseFix(), event, now).applied_at).toEqual(now);
    expect(transition(baseFix({ applied_at: t0 }), event, now).applied_at).toEqual(t0);
  });
});

describe('transition — behaviour', () => {
  it('"I ran this" turns a proposed fix into Verifying without changing its status', () => {
    const next = transition(baseFix(), { type: 'apply' }, now);
    expect(next.status).toBe('proposed');
    expect(isVerifying(next)).toBe(true);
    expect(fixStateLabel(next)).toBe('Verifying');
  });

  it('a run decision records the path and replaces the script only when edited', () => {
    const edited = transition(
      baseFix(),
      { type: 'decision', decision: 'draft_template', edited_script: 'echo edited' },
      now,
    );
    expect(edited).toMatchObject({
      user_decision: 'draft_template',
      ai_drafted_script: 'echo edited',
      applied_at: now,
    });
    const kept = transition(baseFix(), { type: 'decision', decision: 'one_off' }, now);
    expect(kept).toMatchObject({ user_decision: 'one_off', ai_drafted_script: 'Restart-Service Spooler' });
  });

  it('build_template records the path and leaves the fix Proposed', () => {
    const next = transition(baseFix(), { type: 'build_template' }, now);
    expect(next).toMatchObject({ user_decision: 'build_template', status: 'proposed', applied_at: null });
    expect(fixStateLabel(next)).toBe('Proposed');
  });

  it('dismissing supersedes the fix and then refuses everything', () => {
    const next = transition(
      baseFix({ ai_outcome_proposal: { outcome: 'applied_success' } }),
      { type: 'dismissed' },
      now,
    );
    expect(next).toMatchObject({
      status: 'dismissed',
      user_decision: 'dismissed',
      superseded_at: now,
      applied_at: null,
      ai_outcome_proposal: null,
    });
    expect(fixStateLabel(next)).toBe('Dismissed');
    expect(allowedFixEvents(next)).toEqual([]);
  });

  it('a success outcome stamps verified_at and clears a pending proposal', () => {
    const fix = baseFix({ applied_at: t0, ai_outcome_proposal: { outcome: 'applied_failed' } });
    const next = transition(fix, { type: 'outcome', outcome: 'applied_success' }, now);
    expect(next).toMatchObject({
      status: 'applied_success',
      applied_at: t0,
      verified_at: now,
      ai_outcome_proposal: null,
    });
    expect(fixStateLabel(next)).toBe('Worked');
  });

  it('a failed outcome keeps the reason', () => {
    const next = transition(
      baseFix(),
      { type: 'outcome', outcome: 'applied_failed', failure_reason: 'Access denied' },
      now,
    );
    expect(next).toMatchObject({
      status: 'applied_failed',
      failure_reason: 'Access denied',
      verified_at: now,
    });
    expect(fixStateLabel(next)).toBe("Didn't work");
  });

  it('outcome dismissed supersedes without stamping a run', () => {
    const next = transition(baseFix(), { type: 'outcome', outcome: 'dismissed' }, now);
    expect(next).toMatchObject({
      status: 'dismissed',
      superseded_at: now,
      applied_at: null,
      verified_at: null,
    });
  });

  it('a partial fix can be re-run, patched, and later recorded as worked', () => {
    let fix = transition(
      baseFix(),
      { type: 'outcome', outcome: 'applied_partial', partial_notes: 'half the mailboxes' },
      now,
    );
    expect(fix).toMatchObject({
      status: 'applied_partial',
      applied_at: now,
      verified_at: null,
      partial_notes: 'half the mailboxes',
    });
    expect(fixStateLabel(fix)).toBe('Partial');

    const later = new Date('2026-01-01T11:00:00Z');
    fix = transition(fix, { type: 'apply' }, later);
    expect(fix).toMatchObject({ status: 'applied_partial', applied_at: now });

    fix = transition(
      fix,
      { type: 'script_patch', ai_drafted_script: 'echo rest', ai_drafted_parameters: { n: 2 } },
      later,
    );
    expect(fix).toMatchObject({
      status: 'applied_partial',
      applied_at: now,
      ai_drafted_script: 'echo rest',
      ai_drafted_parameters: { n: 2 },
    });

    fix = transition(fix, { type: 'outcome', outcome: 'applied_success' }, later);
    expect(fix).toMatchObject({
      status: 'applied_success',
      verified_at: later,
      partial_notes: 'half the mailboxes',
    });
    expectConflict(
      () => transition(fix, { type: 'outcome', outcome: 'applied_failed' }, later),
      /already recorded as worked/,
    );
  });

  it('a script patch keeps status and applied_at and drops parameters that came with the old script', () => {
    const fix = baseFix({ applied_at: t0 });
    const next = transition(fix, { type: 'script_patch', ai_drafted_script: 'echo new' }, now);
    expect(next).toMatchObject({
      status: 'proposed',
      applied_at: t0,
      ai_drafted_script: 'echo new',
      ai_drafted_parameters: null,
    });
  });

  it('an AI outcome proposal never changes status; the engineer confirms or rejects it', () => {
    const verifying = baseFix({ applied_at: t0 });
    const proposed = transition(
      verifying,
      { type: 'ai_proposal', outcome: 'applied_failed', reason: 'error 5' },
      now,
    );
    expect(proposed).toMatchObject({
      status: 'proposed',
      ai_outcome_proposal: { outcome: 'applied_failed', reason: 'error 5' },
    });
    expect(fixStateLabel(proposed)).toBe('AI-confirming');

    const confirmed = transition(proposed, { type: 'proposal_confirm' }, now);
    expect(confirmed).toMatchObject({
      status: 'applied_failed',
      failure_reason: 'error 5',
      verified_at: now,
      ai_outcome_proposal: null,
    });

    const rejected = transition(proposed, { type: 'proposal_reject' }, now);
    expect(rejected).toMatchObject({ status: 'proposed', applied_at: t0, ai_outcome_proposal: null });
    expect(fixStateLabel(rejected)).toBe('Verifying');
  });

  it('confirming a partial proposal stores its reason as partial notes and stamps the run', () => {
    const fix = baseFix({ ai_outcome_proposal: { outcome: 'applied_partial', reason: 'two of three' } });
    expect(transition(fix, { type: 'proposal_confirm' }, now)).toMatchObject({
      status: 'applied_partial',
      partial_notes: 'two of three',
      applied_at: now,
    });
  });

  it('confirming or rejecting without a proposal is a conflict', () => {
    expectConflict(() => transition(baseFix(), { type: 'proposal_confirm' }, now), /no AI outcome proposal/);
    expectConflict(() => transition(baseFix(), { type: 'proposal_reject' }, now), /no AI outcome proposal/);
  });

  it('a failed fix can still be superseded by the next candidate, once', () => {
    const failed = transition(baseFix(), { type: 'outcome', outcome: 'applied_failed' }, now);
    const superseded = transition(failed, { type: 'supersede' }, now);
    expect(superseded).toMatchObject({ status: 'applied_failed', superseded_at: now });
    expect(fixStateLabel(superseded)).toBe('Superseded');
    expectConflict(() => transition(superseded, { type: 'supersede' }, now), /superseded/);
  });

  it('is pure and keeps the columns it does not own', () => {
    const row = { ...baseFix(), id: 'fix-1', title: 'Restart spooler' };
    const snapshot = structuredClone(row);
    const next = transition(row, { type: 'apply' }, now);
    expect(row).toEqual(snapshot);
    expect(next).toMatchObject({ id: 'fix-1', title: 'Restart spooler' });
  });
});

describe('fixEventForDecision', () => {
  it.each([
    ['one_off', undefined, { type: 'decision', decision: 'one_off' }],
    ['draft_template', 'echo x', { type: 'decision', decision: 'draft_template', edited_script: 'echo x' }],
    ['build_template', undefined, { type: 'build_template' }],
    ['dismissed', undefined, { type: 'dismissed' }],
  ] as const)('%s → event', (decision, edited, event) => {
    expect(fixEventForDecision(decision, edited)).toEqual(event);
  });
});

describe('fixStateLabel', () => {
  it.each([
    [{}, 'Proposed'],
    [{ applied_at: t0 }, 'Verifying'],
    [{ status: 'applied_partial', applied_at: t0 }, 'Partial'],
    [{ applied_at: t0, ai_outcome_proposal: { outcome: 'applied_success' } }, 'AI-confirming'],
    [{ status: 'applied_partial', ai_outcome_proposal: { outcome: 'applied_success' } }, 'AI-confirming'],
    [{ status: 'applied_success' }, 'Worked'],
    [{ status: 'applied_failed' }, "Didn't work"],
    [{ status: 'dismissed', superseded_at: t0 }, 'Dismissed'],
    [{ superseded_at: t0 }, 'Superseded'],
    [{ status: 'applied_failed', superseded_at: t0 }, 'Superseded'],
    [{ superseded_at: t0, ai_outcome_proposal: { outcome: 'applied_success' } }, 'Superseded'],
  ] as const)('%j → %s', (overrides, label) => {
    expect(fixStateLabel(baseFix(overrides as Partial<FixLifecycleState>))).toBe(label);
  });
});
