import { z } from 'zod';
import { ZTimestamp, ZUuid } from './common.ts';
import type { ZTaskLane } from './ai-sessions.ts';
import { ZSession } from './ai-sessions.ts';
import type { ZFact } from './facts.ts';
import { ZSuggestedFix } from './suggested-fixes.ts';

/** What one assistant turn changed, derived from its markers when it completed. */
export const ZTurnChanges = z.object({
  task_lane: z.boolean(),
  facts_added: z.number().int(),
  fix_id: ZUuid.nullable(),
  outcome_proposal: z.boolean(),
  confidence: z.number().nullable(),
  invalid_markers: z.number().int(),
});

export const ZMessage = z.object({
  id: ZUuid,
  role: z.enum(['user', 'assistant']),
  kind: z.enum(['intake', 'chat']),
  /** Prose only: markers are rendered out (their effect is in `changes`). */
  content: z.string(),
  status: z.enum(['streaming', 'complete', 'failed']),
  error: z.object({ code: z.string(), detail: z.string(), retryable: z.boolean() }).nullable(),
  changes: ZTurnChanges.nullable(),
  model: z.string().nullable(),
  input_tokens: z.number().int().nullable(),
  output_tokens: z.number().int().nullable(),
  created_at: ZTimestamp,
});
export type TMessage = z.infer<typeof ZMessage>;

export const ZMessageList = z.object({ items: z.array(ZMessage) });

export const ZPostMessageRequest = z.object({ content: z.string().trim().min(1).max(20_000) });

export const ZPostMessageResponse = z.object({
  user_message: ZMessage,
  assistant_message: ZMessage,
  session: ZSession,
  active_fix: ZSuggestedFix.nullable(),
});

/** Server-Sent Events of a streamed turn (SPEC §4). */
export type TStreamEvent =
  | { event: 'start'; data: { assistant_message_id: string } }
  | { event: 'user_message'; data: z.infer<typeof ZMessage> }
  | { event: 'delta'; data: { text: string } }
  | { event: 'task_lane'; data: z.infer<typeof ZTaskLane> }
  | { event: 'fact'; data: z.infer<typeof ZFact> }
  | { event: 'fix'; data: z.infer<typeof ZSuggestedFix> }
  | { event: 'confidence'; data: { score: number; tier: string } }
  | {
      event: 'done';
      data: { assistant_message: z.infer<typeof ZMessage>; session: z.infer<typeof ZSession> };
    }
  | { event: 'error'; data: { code: string; detail: string; retryable: boolean; message_id: string } };
