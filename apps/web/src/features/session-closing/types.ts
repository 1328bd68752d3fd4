/*
 * Resolve / Escalate shapes from @flowpilot/contracts. Type-only imports: no zod reaches the bundle.
 */
import type { z } from 'zod';
import type { ZFixActionResponse } from '@flowpilot/contracts/suggested-fixes';

export type {
  TClosingKind as ClosingKind,
  TCloseSessionResponse as CloseSessionResponse,
  TEscalatePostRequest as EscalatePostRequest,
  TPreviewResponse as PreviewResponse,
  TResolvePostRequest as ResolvePostRequest,
} from '@flowpilot/contracts/session-closing';
export type { TSessionDetail as SessionDetail } from '@flowpilot/contracts/ai-sessions';
export type { TSuggestedFix as SuggestedFix } from '@flowpilot/contracts/suggested-fixes';

/** Every fix lifecycle action answers with the fix and the session's new state_version. */
export type FixActionResponse = z.infer<typeof ZFixActionResponse>;
