import type { SuggestedFix } from '../types';

/** Finished fixes keep their banner for the record but take no more actions. */
export const isFinishedFix = (fix: Pick<SuggestedFix, 'status' | 'superseded_at'>) =>
  fix.superseded_at !== null ||
  fix.status === 'applied_success' ||
  fix.status === 'applied_failed' ||
  fix.status === 'dismissed';

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
