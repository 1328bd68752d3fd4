import type { ClosingKind, SuggestedFix } from '../types';

/** What each kind is called on screen, and what posting it does. */
export const closingCopy: Record<
  ClosingKind,
  { title: string; noun: string; post: string; description: string; posted: string }
> = {
  resolution_note: {
    title: 'Resolution note',
    noun: 'note',
    post: 'Post resolution note',
    description:
      'Composed from what the session recorded: facts, checks and the fix. Edit it as you need; posting resolves the session and makes it read-only.',
    posted: 'Resolved',
  },
  escalation_package: {
    title: 'Escalation package',
    noun: 'package',
    post: 'Post escalation package',
    description:
      'Everything the next tier needs so they do not repeat your work: what is confirmed, what was tried and how it went. Edit it as you need; posting escalates the session and makes it read-only.',
    posted: 'Escalated',
  },
};

/** A fix whose outcome the engineer has not settled: run but unverified (Verifying), or Partial. */
export const needsIntercept = (fix: SuggestedFix | null | undefined): fix is SuggestedFix =>
  !!fix &&
  fix.superseded_at === null &&
  (fix.status === 'applied_partial' || (fix.status === 'proposed' && fix.applied_at !== null));

/** Verifying: the script was run and nobody said yet how it went. */
export const isVerifyingFix = (fix: SuggestedFix | null | undefined): fix is SuggestedFix =>
  !!fix && fix.superseded_at === null && fix.status === 'proposed' && fix.applied_at !== null;
