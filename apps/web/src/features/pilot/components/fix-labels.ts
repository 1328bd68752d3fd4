import type { SuggestedFix } from '../types';

type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

const stateTones: Record<string, Tone> = {
  Proposed: 'accent',
  Verifying: 'warning',
  Partial: 'warning',
  'AI-confirming': 'accent',
  Worked: 'success',
  "Didn't work": 'danger',
  Dismissed: 'neutral',
  Superseded: 'neutral',
};

export const fixStateTone = (label: string): Tone => stateTones[label] ?? 'neutral';

/** A fix the banner shows: the session's current one, not replaced or put aside. */
export const isShownFix = (fix: SuggestedFix | null | undefined): fix is SuggestedFix =>
  !!fix && fix.superseded_at === null && fix.state_label !== 'Superseded' && fix.state_label !== 'Dismissed';

const outcomeWords: Record<NonNullable<SuggestedFix['ai_outcome_proposal']>['outcome'], string> = {
  applied_success: 'worked',
  applied_failed: "didn't work",
  applied_partial: 'partially worked',
};

/** "The assistant thinks this fix worked" for an `[FIX_OUTCOME]` proposal awaiting the engineer. */
export function describeOutcomeProposal(fix: SuggestedFix): string | null {
  const proposal = fix.ai_outcome_proposal;
  if (!proposal) return null;
  return `The assistant thinks this fix ${outcomeWords[proposal.outcome]}${proposal.reason ? ` — ${proposal.reason}` : '.'}`;
}
