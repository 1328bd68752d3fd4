import type { SuggestedFix } from '../types';

/** Finished fixes keep their banner for the record but take no more actions. */
export const isFinishedFix = (fix: Pick<SuggestedFix, 'status' | 'superseded_at'>) =>
  fix.superseded_at !== null ||
  fix.status === 'applied_success' ||
  fix.status === 'applied_failed' ||
  fix.status === 'dismissed';

/** The engineer has said how the fix went (worked, partly, didn't): its outcome is the news now. */
export const isVerifiedFix = (fix: Pick<SuggestedFix, 'status'>) =>
  fix.status === 'applied_success' || fix.status === 'applied_partial' || fix.status === 'applied_failed';

/**
 * The fix's own number, said for what it is: the assistant's confidence when it proposed the
 * fix (the session header shows its confidence now). A verified fix has an outcome instead.
 */
export const proposedAtLabel = (fix: Pick<SuggestedFix, 'status' | 'confidence_pct'>) =>
  isVerifiedFix(fix) ? null : `proposed at ${fix.confidence_pct}%`;

export const proposedAtHint = 'The assistant’s confidence in this fix when it proposed it';

/** What the screen reader hears once an action has gone through. */
export const outcomeAnnouncements = {
  applied_success: 'Recorded: the fix worked.',
  applied_failed: "Recorded: the fix didn't work.",
  applied_partial: 'Recorded: the fix partially worked.',
  dismissed: 'The fix was dismissed.',
} as const;

/** The banner's last line for a fix that is done. */
export const finishedLines: Partial<Record<SuggestedFix['status'], string>> = {
  applied_success: 'Recorded: the fix worked.',
  applied_failed:
    "Recorded: the fix didn't work. Tell the assistant what you saw; it will suggest what to try next.",
  dismissed: 'The fix was dismissed.',
};
