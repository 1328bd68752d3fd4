import { AppError } from './app-error';

/**
 * The suggested-fix lifecycle (SPEC §2 "Fix status", "applied_at"; §3 fix routes) as a
 * pure function. Routes never set `status` or `applied_at` by hand: they build an event
 * and call `transition`, which either returns the next fix or throws AppError('conflict').
 */

export const fixStatuses = [
  'proposed',
  'applied_partial',
  'applied_success',
  'applied_failed',
  'dismissed',
] as const;
export type FixStatus = (typeof fixStatuses)[number];

export const terminalFixStatuses = [
  'applied_success',
  'applied_failed',
  'dismissed',
] as const satisfies readonly FixStatus[];
export const isTerminalFixStatus = (status: FixStatus): boolean =>
  (terminalFixStatuses as readonly FixStatus[]).includes(status);

export const fixDecisions = ['one_off', 'draft_template', 'build_template', 'dismissed'] as const;
export type FixDecision = (typeof fixDecisions)[number];

export const fixOutcomes = ['applied_success', 'applied_failed', 'applied_partial', 'dismissed'] as const;
export type FixOutcome = (typeof fixOutcomes)[number];

/** What the assistant may propose via [FIX_OUTCOME]; dismissing is the engineer's call alone. */
export type AiOutcomeProposal = { outcome: Exclude<FixOutcome, 'dismissed'>; reason?: string };

/** The lifecycle-relevant columns of `session_suggested_fixes`. */
export interface FixLifecycleState {
  status: FixStatus;
  user_decision: FixDecision | null;
  applied_at: Date | null;
  verified_at: Date | null;
  partial_notes: string | null;
  failure_reason: string | null;
  ai_outcome_proposal: AiOutcomeProposal | null;
  superseded_at: Date | null;
  ai_drafted_script: string | null;
  ai_drafted_parameters: Record<string, unknown> | null;
  script_template_id: string | null;
}

export type FixEvent =
  /** A run was declared outside the NoTemplate dialog, e.g. TemplateMatchPanel "I ran this". */
  | { type: 'apply' }
  /** NoTemplate dialog choices that run the script now. */
  | { type: 'decision'; decision: 'one_off' | 'draft_template'; edited_script?: string }
  /** Going off to build a template is not a run. */
  | { type: 'build_template' }
  | { type: 'dismissed' }
  | { type: 'outcome'; outcome: FixOutcome; partial_notes?: string; failure_reason?: string }
  /** Script Builder submit: a draft is not a run. */
  | {
      type: 'script_patch';
      ai_drafted_script: string;
      ai_drafted_parameters?: Record<string, unknown> | null;
    }
  /** [FIX_OUTCOME] from the assistant; waits for the engineer. */
  | { type: 'ai_proposal'; outcome: AiOutcomeProposal['outcome']; reason?: string }
  | { type: 'proposal_confirm' }
  | { type: 'proposal_reject' }
  /** A newer fix became the active one. */
  | { type: 'supersede' };

export type FixEventType = FixEvent['type'];
export const fixEventTypes = [
  'apply',
  'decision',
  'build_template',
  'dismissed',
  'outcome',
  'script_patch',
  'ai_proposal',
  'proposal_confirm',
  'proposal_reject',
  'supersede',
] as const satisfies readonly FixEventType[];

/** Maps the decision route's body onto lifecycle events. */
export function fixEventForDecision(decision: FixDecision, editedScript?: string): FixEvent {
  switch (decision) {
    case 'one_off':
    case 'draft_template':
      return editedScript === undefined
        ? { type: 'decision', decision }
        : { type: 'decision', decision, edited_script: editedScript };
    case 'build_template':
      return { type: 'build_template' };
    case 'dismissed':
      return { type: 'dismissed' };
  }
}

type Changes = Partial<FixLifecycleState>;
type Handler<E extends FixEvent> = (fix: FixLifecycleState, event: E, now: Date) => Changes;
type EventTable = { [K in FixEventType]: Handler<Extract<FixEvent, { type: K }>> | 'refuse' };

/** An outcome implies the script ran, so it stamps applied_at — except dismissing, which says nothing ran. */
function recordOutcome(
  fix: FixLifecycleState,
  event: { outcome: FixOutcome; partial_notes?: string; failure_reason?: string },
  now: Date,
): Changes {
  const notes = {
    partial_notes: event.partial_notes ?? fix.partial_notes,
    failure_reason: event.failure_reason ?? fix.failure_reason,
    ai_outcome_proposal: null,
  };
  switch (event.outcome) {
    case 'applied_success':
    case 'applied_failed':
      return { ...notes, status: event.outcome, applied_at: fix.applied_at ?? now, verified_at: now };
    case 'applied_partial':
      return { ...notes, status: 'applied_partial', applied_at: fix.applied_at ?? now };
    case 'dismissed':
      return { ...notes, status: 'dismissed', superseded_at: now };
  }
}

const supersede: Handler<{ type: 'supersede' }> = (_fix, _event, now) => ({
  superseded_at: now,
  ai_outcome_proposal: null,
});

/**
 * Events for a fix that is still in play. `applied_partial` shares them with `proposed`:
 * a partly applied fix can be re-run, patched, and later recorded as worked or failed.
 */
const inPlay: EventTable = {
  apply: (fix, _event, now) => ({ applied_at: fix.applied_at ?? now }),
  decision: (fix, event, now) => ({
    user_decision: event.decision,
    applied_at: fix.applied_at ?? now,
    ...(event.edited_script === undefined ? {} : { ai_drafted_script: event.edited_script }),
  }),
  build_template: () => ({ user_decision: 'build_template' }),
  dismissed: (_fix, _event, now) => ({
    status: 'dismissed',
    user_decision: 'dismissed',
    superseded_at: now,
    ai_outcome_proposal: null,
  }),
  outcome: recordOutcome,
  script_patch: (_fix, event) => ({
    ai_drafted_script: event.ai_drafted_script,
    // Parameters belong to the script they came with; a new script without them must not inherit stale ones.
    ai_drafted_parameters: event.ai_drafted_parameters ?? null,
  }),
  ai_proposal: (_fix, event) => ({
    ai_outcome_proposal:
      event.reason === undefined
        ? { outcome: event.outcome }
        : { outcome: event.outcome, reason: event.reason },
  }),
  proposal_confirm: (fix, _event, now) => {
    const proposal = fix.ai_outcome_proposal;
    if (!proposal) throw new AppError('conflict', 'There is no AI outcome proposal to confirm on this fix.');
    const reason =
      proposal.outcome === 'applied_failed'
        ? { failure_reason: proposal.reason }
        : proposal.outcome === 'applied_partial'
          ? { partial_notes: proposal.reason }
          : {};
    return recordOutcome(fix, { outcome: proposal.outcome, ...reason }, now);
  },
  proposal_reject: (fix) => {
    if (!fix.ai_outcome_proposal)
      throw new AppError('conflict', 'There is no AI outcome proposal to reject on this fix.');
    return { ai_outcome_proposal: null };
  },
  supersede,
};

/**
 * A finished fix keeps its record; the only thing that can still happen to it is being
 * replaced by the next fix (after a failure the assistant moves on to the next candidate).
 */
const finished: EventTable = {
  apply: 'refuse',
  decision: 'refuse',
  build_template: 'refuse',
  dismissed: 'refuse',
  outcome: 'refuse',
  script_patch: 'refuse',
  ai_proposal: 'refuse',
  proposal_confirm: 'refuse',
  proposal_reject: 'refuse',
  supersede,
};

const table: { [S in FixStatus]: EventTable } = {
  proposed: inPlay,
  applied_partial: inPlay,
  applied_success: finished,
  applied_failed: finished,
  dismissed: finished,
};

const eventPhrases: { [K in FixEventType]: string } = {
  apply: 'mark this fix as run',
  decision: 'record a run decision',
  build_template: 'build a template from this fix',
  dismissed: 'dismiss this fix',
  outcome: 'record an outcome',
  script_patch: 'change the script',
  ai_proposal: 'propose an outcome',
  proposal_confirm: 'confirm the proposed outcome',
  proposal_reject: 'reject the proposed outcome',
  supersede: 'supersede this fix',
};

const statusPhrases: { [S in FixStatus]: string } = {
  proposed: 'proposed',
  applied_partial: 'partially applied',
  applied_success: 'recorded as worked',
  applied_failed: "recorded as didn't work",
  dismissed: 'dismissed',
};

function refusal(fix: FixLifecycleState, type: FixEventType): string | null {
  if (fix.superseded_at) return `Cannot ${eventPhrases[type]}: the fix has been superseded.`;
  if (table[fix.status][type] === 'refuse')
    return `Cannot ${eventPhrases[type]}: the fix is already ${statusPhrases[fix.status]}.`;
  return null;
}

/** Whether the table allows the event. Preconditions checked by the handler (a proposal to confirm) are not. */
export function canTransition(fix: FixLifecycleState, type: FixEventType): boolean {
  return refusal(fix, type) === null;
}

export function allowedFixEvents(fix: FixLifecycleState): FixEventType[] {
  return fixEventTypes.filter((type) => canTransition(fix, type));
}

/** Returns the next fix (same object shape, untouched columns kept) or throws AppError('conflict'). */
export function transition<F extends FixLifecycleState>(fix: F, event: FixEvent, now: Date): F {
  const refused = refusal(fix, event.type);
  if (refused) throw new AppError('conflict', refused);
  const handler = table[fix.status][event.type] as Handler<FixEvent> | 'refuse';
  if (handler === 'refuse') throw new AppError('conflict', `Cannot ${eventPhrases[event.type]}.`);
  return { ...fix, ...handler(fix, event, now) };
}

/** Verifying is not a status: the engineer declared a run and has not said how it went. */
export const isVerifying = (fix: Pick<FixLifecycleState, 'status' | 'applied_at'>): boolean =>
  fix.status === 'proposed' && fix.applied_at !== null;

export const fixStateLabels = [
  'Proposed',
  'Verifying',
  'Partial',
  'AI-confirming',
  'Worked',
  "Didn't work",
  'Dismissed',
  'Superseded',
] as const;
export type FixStateLabel = (typeof fixStateLabels)[number];

export function fixStateLabel(
  fix: Pick<FixLifecycleState, 'status' | 'applied_at' | 'superseded_at' | 'ai_outcome_proposal'>,
): FixStateLabel {
  if (fix.status === 'dismissed') return 'Dismissed';
  if (fix.superseded_at) return 'Superseded';
  switch (fix.status) {
    case 'applied_success':
      return 'Worked';
    case 'applied_failed':
      return "Didn't work";
    case 'proposed':
    case 'applied_partial':
      if (fix.ai_outcome_proposal) return 'AI-confirming';
      if (fix.status === 'applied_partial') return 'Partial';
      return fix.applied_at ? 'Verifying' : 'Proposed';
  }
}
