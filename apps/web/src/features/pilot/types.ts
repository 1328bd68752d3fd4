/*
 * Pilot-session shapes from @flowpilot/contracts. Type-only imports: no zod reaches the bundle.
 */
import type { z } from 'zod';
import type {
  ZConfidenceTier,
  ZCreateSessionRequest,
  ZIntakeType,
  ZSessionList,
  ZSessionStatus,
} from '@flowpilot/contracts/ai-sessions';
import type { ZFactList } from '@flowpilot/contracts/facts';
import type { ZMessageList } from '@flowpilot/contracts/messages';

export type {
  TIntakeContent as IntakeContent,
  TSession as Session,
  TSessionDetail as SessionDetail,
  TTaskLane as TaskLane,
} from '@flowpilot/contracts/ai-sessions';
export type { TFact as Fact } from '@flowpilot/contracts/facts';
export type {
  TLeaning as Leaning,
  TMessage as Message,
  TStreamEvent as StreamEvent,
} from '@flowpilot/contracts/messages';
export type { TSuggestedFix as SuggestedFix } from '@flowpilot/contracts/suggested-fixes';

export type SessionStatus = z.infer<typeof ZSessionStatus>;
export type ConfidenceTier = z.infer<typeof ZConfidenceTier>;
export type IntakeType = z.infer<typeof ZIntakeType>;
export type SessionList = z.infer<typeof ZSessionList>;
export type MessageList = z.infer<typeof ZMessageList>;
export type FactList = z.infer<typeof ZFactList>;
/** What the client sends (defaults still optional). */
export type CreateSessionRequest = z.input<typeof ZCreateSessionRequest>;
