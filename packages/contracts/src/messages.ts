import { z } from 'zod';
import { ZTimestamp, ZUuid } from './common.ts';
import { MAX_MESSAGE_LENGTH } from './limits.ts';
import type { ZTaskLane } from './ai-sessions.ts';
import { ZSession } from './ai-sessions.ts';
import type { ZFact } from './facts.ts';
import { ZSuggestedFix } from './suggested-fixes.ts';
import { ZAttachment, ZAttachmentIds } from './attachments.ts';

/** What one assistant turn changed, derived from its markers when it completed. */
export const ZTurnChanges = z.object({
  task_lane: z.boolean(),
  facts_added: z.number().int(),
  fix_id: ZUuid.nullable(),
  outcome_proposal: z.boolean(),
  confidence: z.number().nullable(),
  invalid_markers: z.number().int(),
});

/** What was sent to the model for one reply, after the context budget (SPEC §7.1). */
export const ZContextSent = z.object({
  budget_tokens: z.number().int(),
  /** Counted with the o200k_base tokenizer; the provider's own count is `input_tokens`. */
  estimated_tokens: z.number().int(),
  turns_sent: z.number().int(),
  turns_omitted: z.number().int(),
  characters_omitted: z.number().int(),
  pastes_trimmed: z.number().int(),
  templates_offered: z.number().int(),
  facts: z.number().int(),
  over_budget: z.boolean(),
  cache_read_tokens: z.number().int().nullable(),
  cache_write_tokens: z.number().int().nullable(),
});
export type TContextSent = z.infer<typeof ZContextSent>;

export const ZMessage = z.object({
  id: ZUuid,
  role: z.enum(['user', 'assistant']),
  kind: z.enum(['intake', 'chat', 'handoff']),
  /** Prose only: markers are rendered out (their effect is in `changes`). */
  content: z.string(),
  status: z.enum(['streaming', 'complete', 'failed']),
  error: z.object({ code: z.string(), detail: z.string(), retryable: z.boolean() }).nullable(),
  changes: ZTurnChanges.nullable(),
  model: z.string().nullable(),
  input_tokens: z.number().int().nullable(),
  output_tokens: z.number().int().nullable(),
  /** What the model was given for this reply (assistant messages; null before issue 12 and for user messages). */
  context: ZContextSent.nullable(),
  /** Screenshots and log files that came with this message (the intake's, for the intake message). */
  attachments: z.array(ZAttachment),
  created_at: ZTimestamp,
});
export type TMessage = z.infer<typeof ZMessage>;

export const ZMessageList = z.object({ items: z.array(ZMessage) });

// The limit itself lives in limits.ts (no zod) so the web composer can import it.
export { MAX_MESSAGE_LENGTH };

/** A chat message's text, refused in words a person can act on. */
export const ZMessageContent = z
  .string()
  .trim()
  .min(1, 'Write a message first.')
  .max(
    MAX_MESSAGE_LENGTH,
    `A message can be at most ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')} characters. Shorten it, or paste only the part that matters.`,
  );

export const ZPostMessageRequest = z.object({
  content: ZMessageContent,
  /** Screenshots and log files uploaded first (POST /attachments); they join this message. */
  attachment_ids: ZAttachmentIds.optional(),
});

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

/**
 * GET /ai-sessions/{id}/leaning: why the assistant leans where it leans (issue 13 item 7).
 * `available` is false for a connected model, which holds no belief to show.
 */
export const ZLeaning = z.object({
  available: z.boolean(),
  leader: z
    .object({
      title: z.string(),
      category: z.string(),
      probability: z.number(),
      for: z.array(z.string()),
      against: z.array(z.string()),
    })
    .nullable(),
  alternatives: z.array(z.object({ title: z.string(), probability: z.number() })),
  none: z.number(),
});
export type TLeaning = z.infer<typeof ZLeaning>;
