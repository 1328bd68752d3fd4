import { z } from 'zod';
import { ZTimestamp, ZUuid, zText } from './common.ts';
import { ZSuggestedFix } from './suggested-fixes.ts';
import { MAX_MESSAGE_LENGTH } from './limits.ts';
import { ZAttachmentIds } from './attachments.ts';

export const ZSessionStatus = z.enum(['active', 'paused', 'resolved', 'escalated', 'abandoned']);
export const ZIntakeType = z.enum(['free_text', 'ticket', 'log_paste', 'combined']);
export const ZConfidenceTier = z.enum(['discovery', 'exploring', 'guided']);
export const ZItemState = z.enum(['open', 'answered', 'done', 'skipped']);

const optionalText = (max: number) => z.string().trim().max(max).optional();

export const ZIntakeContent = z.object({
  text: z.string().trim().min(1, 'describe the problem').max(20_000),
  ticket_ref: optionalText(100),
  client_name: optionalText(200),
  asset_name: optionalText(200),
  logs: z.string().max(MAX_MESSAGE_LENGTH).optional(),
});
export type TIntakeContent = z.infer<typeof ZIntakeContent>;

export const ZCreateSessionRequest = z.object({
  intake_type: ZIntakeType.default('free_text'),
  /** Required unless `psa_ticket_id` is given (then the intake comes from the ticket). */
  intake_content: ZIntakeContent.optional(),
  /** Start from this ticket of the connected PSA (SPEC §7.4); the session keeps the link. */
  psa_ticket_id: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,64}$/, 'a PSA ticket id or number')
    .optional(),
  title: zText(200).optional(),
  /** Screenshots and log files uploaded first (POST /attachments); they join the intake. */
  attachment_ids: ZAttachmentIds.optional(),
});
export type TCreateSessionRequest = z.infer<typeof ZCreateSessionRequest>;

export const ZQuestionItem = z.object({
  id: z.string(),
  text: z.string(),
  state: ZItemState,
  answer: z.string().optional(),
});
export const ZActionItem = z.object({
  id: z.string(),
  title: z.string(),
  command: z.string().optional(),
  language: z.enum(['powershell', 'bash', 'python', 'cmd']).optional(),
  state: ZItemState,
  result: z.string().optional(),
});
export const ZTaskLane = z.object({ questions: z.array(ZQuestionItem), actions: z.array(ZActionItem) });
export type TTaskLane = z.infer<typeof ZTaskLane>;

export const ZSession = z.object({
  id: ZUuid,
  title: z.string(),
  session_type: z.literal('tshoot'),
  status: ZSessionStatus,
  intake_type: ZIntakeType,
  intake_content: ZIntakeContent,
  confidence_score: z.number(),
  confidence_tier: ZConfidenceTier,
  client_name: z.string().nullable(),
  asset_name: z.string().nullable(),
  issue_category: z.string().nullable(),
  triage_hypothesis: z.string().nullable(),
  state_version: z.number().int(),
  created_at: ZTimestamp,
  updated_at: ZTimestamp,
  last_message_at: ZTimestamp.nullable(),
  /** Set when the session was resolved (POST …/resolution-note/post). */
  resolved_at: ZTimestamp.nullable().optional(),
  /** Set when the session was escalated (POST …/escalation-package/post). */
  escalated_at: ZTimestamp.nullable().optional(),
});
export type TSession = z.infer<typeof ZSession>;

export const ZSessionDetail = ZSession.extend({
  task_lane: ZTaskLane,
  active_fix: ZSuggestedFix.nullable(),
  /** Id of the assistant reply still being generated, if any (resume with GET …/stream). */
  streaming_message_id: ZUuid.nullable(),
  /** The resolution note as posted (possibly edited by the engineer). */
  resolution_note: z.string().nullable().optional(),
  /** The escalation package as posted (possibly edited by the engineer). */
  escalation_package: z.string().nullable().optional(),
  /** Who claimed it from the escalation queue and works it now (SPEC §7.5). */
  assignee_id: ZUuid.nullable().optional(),
  /** What the caller may do: `write` for the engineer working it, `read` for the others who may see it. */
  access: z.enum(['write', 'read']).optional(),
});
export type TSessionDetail = z.infer<typeof ZSessionDetail>;

export const ZSessionListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: ZSessionStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TSessionListQuery = z.infer<typeof ZSessionListQuery>;

export const ZSessionList = z.object({ items: z.array(ZSession), next_cursor: z.string().nullable() });

export const ZTriagePatch = z
  .object({
    client_name: z.string().trim().max(200).nullable().optional(),
    asset_name: z.string().trim().max(200).nullable().optional(),
    issue_category: z.string().trim().max(100).nullable().optional(),
    triage_hypothesis: z.string().trim().max(2000).nullable().optional(),
    title: zText(200).optional(),
    status: z.enum(['active', 'paused', 'abandoned']).optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' });
export type TTriagePatch = z.infer<typeof ZTriagePatch>;

export const ZSessionIdParams = z.object({ id: ZUuid });
