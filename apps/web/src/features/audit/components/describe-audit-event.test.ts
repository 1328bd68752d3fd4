import { describe, expect, it } from 'vitest';
import type { AuditEvent, SuggestedFix } from '../types';
import { buildAuditContext, describeAuditEvent } from './describe-audit-event';

const fixId = '00000000-0000-4000-8000-000000000001';
const engineer = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Dana Engineer' };
let sequence = 0;

function event(action: string, after: unknown = null, overrides: Partial<AuditEvent> = {}): AuditEvent {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    action,
    subject_type: action.startsWith('fix.') ? 'suggested_fix' : 'ai_session',
    subject_id: action.startsWith('fix.') ? fixId : null,
    actor: engineer,
    before: null,
    after,
    created_at: '2026-03-02T14:05:00.000Z',
    ...overrides,
  };
}

const proposed = event('fix.proposed', {
  title: 'Clear cached Office credentials',
  confidence_pct: 85,
  source: 'ai',
});

describe('describeAuditEvent', () => {
  it('says what happened to the fix in the engineer’s words, naming the fix', () => {
    const applied = event('fix.applied', { status: 'proposed' });
    const worked = event('fix.outcome.applied_success', { status: 'applied_success' });
    const context = buildAuditContext([proposed, applied, worked]);

    expect(describeAuditEvent(proposed, context)).toMatchObject({
      text: 'Fix proposed: Clear cached Office credentials (85%)',
      actor: 'Assistant',
      tone: 'accent',
    });
    expect(describeAuditEvent(applied, context)).toMatchObject({
      text: 'Marked as applied',
      detail: 'Clear cached Office credentials',
      actor: 'Dana Engineer',
    });
    expect(describeAuditEvent(worked, context)).toMatchObject({ text: 'Outcome: worked', tone: 'success' });
  });

  it('gives the reason of a failed outcome, from the row or from the fix for its latest outcome', () => {
    const fromRow = event('fix.outcome.applied_failed', {
      status: 'applied_failed',
      failure_reason: 'still prompts',
      recorded_by: 'escalate',
      intercept_choice: 'didnt_work',
    });
    expect(describeAuditEvent(fromRow).text).toBe(
      "Outcome: didn't work — still prompts (answered when escalating)",
    );

    const bare = event('fix.outcome.applied_failed', { status: 'applied_failed' });
    const fix = {
      id: fixId,
      title: 'Clear cached Office credentials',
      failure_reason: 'same error',
      partial_notes: null,
    };
    const context = buildAuditContext([proposed, bare], fix as SuggestedFix);
    expect(describeAuditEvent(bare, context).text).toBe("Outcome: didn't work — same error");
  });

  it('tells a partial outcome and the implicit "worked" of resolving', () => {
    expect(describeAuditEvent(event('fix.outcome.applied_partial', { status: 'applied_partial' })).text).toBe(
      'Outcome: partial',
    );
    expect(
      describeAuditEvent(
        event('fix.outcome.applied_success', { status: 'applied_success', recorded_by: 'resolve' }),
      ).text,
    ).toBe('Outcome: worked (recorded by resolving)');
  });

  it('names closing, decisions and facts', () => {
    expect(
      describeAuditEvent(event('session.escalated', { status: 'escalated', edited: false })),
    ).toMatchObject({
      text: 'Session escalated',
      tone: 'warning',
    });
    expect(describeAuditEvent(event('session.resolved', { edited: true })).text).toBe(
      'Session resolved (note edited before posting)',
    );
    expect(describeAuditEvent(event('fix.decision.one_off', {})).text).toBe(
      'Run now, no template — marked as applied',
    );
    expect(
      describeAuditEvent(event('fact.added', { kind: 'engineer_note', text: 'OWA works' })),
    ).toMatchObject({
      text: 'Note added',
      detail: 'OWA works',
    });
  });

  it('falls back to readable words for actions it does not know, and to System without an actor', () => {
    expect(describeAuditEvent(event('template.rating_changed', null, { actor: null }))).toMatchObject({
      text: 'Template rating changed',
      actor: 'System',
    });
  });
});
