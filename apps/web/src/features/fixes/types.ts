/*
 * Suggested-fix lifecycle shapes from @flowpilot/contracts. Type-only imports: no zod reaches the bundle.
 */
import type { z } from 'zod';
import type { ZFixActionResponse } from '@flowpilot/contracts/suggested-fixes';

export type {
  TFixDecisionRequest as FixDecisionRequest,
  TFixOutcomeRequest as FixOutcomeRequest,
  TSuggestedFix as SuggestedFix,
} from '@flowpilot/contracts/suggested-fixes';
export type { TSessionDetail as SessionDetail } from '@flowpilot/contracts/ai-sessions';

/** Every lifecycle action answers with the fix and the session's new state_version. */
export type FixActionResponse = z.infer<typeof ZFixActionResponse>;
